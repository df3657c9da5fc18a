#include "funds/ledgertablemodel.h"

#include "time/billingcalendar.h"
#include "widgets/itemroles.h"

#include <QLocale>

namespace billing::ui {

LedgerTableModel::LedgerTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void LedgerTableModel::setEntries(std::vector<LedgerEntry> entries, const AccountDisplay &display)
{
    const bool currencyChanged = display.currency != m_display.currency;
    beginResetModel();
    m_entries = std::move(entries);
    m_display = display;
    endResetModel();
    if (currencyChanged)
        emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

QString LedgerTableModel::kindName(LedgerEntry::Kind kind)
{
    switch (kind) {
    case LedgerEntry::Kind::TopUp:
        return tr("Top-up");
    case LedgerEntry::Kind::Charge:
        return tr("Charge");
    case LedgerEntry::Kind::Purchase:
        return tr("Package purchase");
    case LedgerEntry::Kind::Refund:
        return tr("Refund");
    case LedgerEntry::Kind::CouponGrant:
        return tr("Coupon granted");
    case LedgerEntry::Kind::CouponUse:
        return tr("Coupon used");
    case LedgerEntry::Kind::CouponRefund:
        return tr("Coupon refunded");
    case LedgerEntry::Kind::CouponLapse:
        return tr("Coupon lapsed");
    }
    return QString();
}

bool LedgerTableModel::isMoneyColumn(int column)
{
    return column == CashChange || column == BalanceAfter || column == CouponChange;
}

// Cash entries have no coupon change and coupon entries no cash change: those cells stay empty.
std::optional<Money> LedgerTableModel::amount(const LedgerEntry &e, int column) const
{
    switch (column) {
    case CashChange:
        return e.couponId && e.cashDelta.isZero() ? std::nullopt : std::optional(e.cashDelta);
    case BalanceAfter:
        return e.balanceAfter;
    case CouponChange:
        return e.couponId ? std::optional(e.couponDelta) : std::nullopt;
    default:
        return std::nullopt;
    }
}

int LedgerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int LedgerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LedgerTableModel::display(const LedgerEntry &e, int column) const
{
    switch (column) {
    case Id:
        return QString::number(e.id);
    case Time:
        return formatDateTime(e.at, m_display.utcOffsetSeconds);
    case Kind:
        return kindName(e.kind);
    case Coupon:
        return e.couponId ? tr("Coupon %1").arg(*e.couponId) : QString();
    default:
        if (auto m = amount(e, column))
            return m->toDisplayString(QLocale(), 2);
        return QString();
    }
}

QVariant LedgerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const LedgerEntry &e = m_entries[size_t(index.row())];
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(e, c);
    case MoneyRole:
        if (auto m = amount(e, c))
            return m->units();
        return QVariant();
    case SortRole:
        if (c == Id)
            return e.id;
        if (c == Time)
            return e.at;
        if (c == Coupon)
            return e.couponId ? *e.couponId : qint64(0);
        if (auto m = amount(e, c))
            return m->units();
        return display(e, c);
    case Qt::TextAlignmentRole:
        return isMoneyColumn(c) || c == Id ? rightAligned() : leftAligned();
    case Qt::ToolTipRole:
        if (c == Time)
            return BillingCalendar(m_display.utcOffsetSeconds).format(e.at);
        if (auto m = amount(e, c))
            return tr("Exact: %1").arg(m->toDisplayString(QLocale(), Money::Decimals));
        if (c == Kind && e.recordId)
            return tr("Transaction record %1").arg(*e.recordId);
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant LedgerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return isMoneyColumn(section) || section == Id ? rightAligned() : leftAligned();
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Id:
        return tr("ID");
    case Time:
        return tr("Time");
    case Kind:
        return tr("Kind");
    case CashChange:
        return tr("Cash change (%1)").arg(m_display.currency);
    case BalanceAfter:
        return tr("Balance after (%1)").arg(m_display.currency);
    case Coupon:
        return tr("Coupon");
    case CouponChange:
        return tr("Coupon change (%1)").arg(m_display.currency);
    default:
        return QVariant();
    }
}

} // namespace billing::ui
