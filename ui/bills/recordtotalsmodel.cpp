#include "bills/recordtotalsmodel.h"

#include "bills/recordtablemodel.h"
#include "widgets/format.h"
#include "widgets/itemroles.h"

#include <QFont>
#include <QLocale>

namespace billing::ui {

RecordTotalsModel::RecordTotalsModel(QObject *parent) : QAbstractTableModel(parent) {}

void RecordTotalsModel::setTotals(const RecordTotals &totals)
{
    m_totals = totals;
    emit dataChanged(index(0, 0), index(0, RecordTableModel::ColumnCount - 1));
}

int RecordTotalsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

int RecordTotalsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : RecordTableModel::ColumnCount;
}

Money RecordTotalsModel::amount(int column) const
{
    switch (column) {
    case RecordTableModel::Fee:
        return m_totals.fee;
    case RecordTableModel::Charged:
        return m_totals.charged;
    case RecordTableModel::RoundedOff:
        return m_totals.roundedOff;
    case RecordTableModel::PaidCoupon:
        return m_totals.paidCoupon;
    case RecordTableModel::PaidCash:
        return m_totals.paidCash;
    case RecordTableModel::Arrears:
        return m_totals.arrears;
    default:
        return Money();
    }
}

QVariant RecordTotalsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int c = index.column();
    const bool money = RecordTableModel::isMoneyColumn(c);
    switch (role) {
    case Qt::DisplayRole:
        if (c == 0)
            return tr("Charges of %1 record(s) matching").arg(QLocale().toString(m_totals.chargeRecords));
        if (c == RecordTableModel::Calls)
            return QLocale().toString(m_totals.calls);
        return money ? QVariant(formatMoney(amount(c), Money::Decimals)) : QVariant();
    case Qt::ToolTipRole:
        if (c == 0)
            return tr("Usage, package purchases, renewals and refunds. Top-ups and coupons are credits and "
                      "are not added in.");
        return money ? QVariant(tr("Exact total: %1").arg(formatMoney(amount(c), Money::Decimals)))
                     : QVariant();
    case MoneyRole:
        return money ? QVariant(amount(c).units()) : QVariant();
    case SortRole:
        return c == RecordTableModel::Calls ? QVariant(m_totals.calls) : QVariant();
    case Qt::TextAlignmentRole:
        return money || c == RecordTableModel::Calls ? rightAligned() : leftAligned();
    case Qt::FontRole: {
        QFont f;
        f.setBold(true);
        return f;
    }
    default:
        return QVariant();
    }
}

} // namespace billing::ui
