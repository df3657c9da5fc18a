#pragma once

#include "domain/types.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace billing::ui {

// Which records the Transactions page lists; a plain value so it can be saved, compared and tested.
struct RecordPredicate
{
    std::optional<Record::Type> type; // none: every type
    QString billMonth;                // "YYYY-MM"; empty: every month

    bool matches(const Record &r) const;
    bool operator==(const RecordPredicate &) const = default;
};

// Filters a RecordTableModel by a RecordPredicate and sorts by SortRole.
class RecordFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit RecordFilterProxy(QObject *parent);

    const RecordPredicate &predicate() const { return m_predicate; }
    void setPredicate(const RecordPredicate &predicate);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    RecordPredicate m_predicate;
};

} // namespace billing::ui
