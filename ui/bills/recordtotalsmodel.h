#pragma once

#include "domain/records.h"

#include <QAbstractTableModel>

namespace billing::ui {

// The pinned totals row of the Transactions page: the charges (usage, purchases, renewals, refunds) of
// every record the filter matches, not only the rows fetched so far. Credits (top-ups, coupons) are
// not added in: the label says how many there are, and creditsText() their sum.
class RecordTotalsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit RecordTotalsModel(QObject *parent);

    void setTotals(const RecordTotals &totals);
    const RecordTotals &totals() const { return m_totals; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    Money amount(int column) const;

    RecordTotals m_totals;
};

} // namespace billing::ui
