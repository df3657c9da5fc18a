#pragma once

#include "core/result.h"
#include "domain/audit.h"

#include <QAbstractTableModel>

#include <functional>
#include <vector>

namespace billing::ui {

// The audit log, newest first, loaded a page at a time as the view scrolls (canFetchMore/fetchMore):
// a log of years of actions never sits in memory whole.
class AuditTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Actor, Action, Object, Change, ColumnCount };
    static constexpr int PageSize = 200;

    // Reads up to `limit` entries with an id below `beforeId` (0: from the newest).
    using Fetch = std::function<Result<std::vector<AuditEntry>>(qint64 beforeId, int limit)>;

    explicit AuditTableModel(QObject *parent);

    // Starts over with another source (a new filter): loads its first page.
    void reset(Fetch fetch, int utcOffsetSeconds);
    const AuditEntry &entry(int row) const { return m_entries.at(size_t(row)); }

    // "balance: 10.00 → 15.00; state: normal" — the fields that changed, for the table.
    static QString summarize(const QJsonObject &before, const QJsonObject &after);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadFailed(const billing::Error &error);

private:
    Fetch m_fetch;
    std::vector<AuditEntry> m_entries;
    int m_offset = 0;
    bool m_exhausted = true;
};

} // namespace billing::ui
