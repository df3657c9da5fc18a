#pragma once

#include "domain/types.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

#include <vector>

namespace billing::ui {

// The ledger of money movements (cash and coupons), one entry per row, in the order given.
class LedgerTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Id, Time, Kind, CashChange, BalanceAfter, Coupon, CouponChange, ColumnCount };

    explicit LedgerTableModel(QObject *parent);

    void setEntries(std::vector<LedgerEntry> entries, const AccountDisplay &display);
    const LedgerEntry &entry(int row) const { return m_entries[size_t(row)]; }

    static QString kindName(LedgerEntry::Kind kind);
    static bool isMoneyColumn(int column);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<Money> amount(const LedgerEntry &e, int column) const;
    QVariant display(const LedgerEntry &e, int column) const;

    std::vector<LedgerEntry> m_entries;
    AccountDisplay m_display;
};

} // namespace billing::ui
