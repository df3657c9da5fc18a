#include "funds/coupontablemodel.h"

#include "widgets/itemroles.h"

namespace billing::ui {

CouponTableModel::CouponTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void CouponTableModel::setCoupons(std::vector<Coupon> coupons, Instant now, const AccountDisplay &display)
{
    beginResetModel();
    m_coupons = std::move(coupons);
    m_now = now;
    m_display = display;
    endResetModel();
}

QString CouponTableModel::statusText(const Coupon &c) const
{
    if (c.lapsed || c.expiresAt <= m_now)
        return c.remaining.isZero() && !c.lapsed ? tr("Used up") : tr("Expired");
    if (c.remaining.isZero())
        return tr("Used up");
    return tr("Usable");
}

int CouponTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_coupons.size());
}

int CouponTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CouponTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Coupon &c = m_coupons[size_t(index.row())];
    const int column = index.column();
    if (role == MoneyRole) {
        if (column == Amount)
            return c.amount.units();
        if (column == Remaining)
            return c.remaining.units();
        return QVariant();
    }
    if (role == Qt::TextAlignmentRole)
        return column == Id || column == Amount || column == Remaining ? rightAligned() : QVariant();
    if (role == SortRole) {
        switch (column) {
        case Id:
            return c.id;
        case Amount:
            return c.amount.units();
        case Remaining:
            return c.remaining.units();
        case Expires:
            return c.expiresAt;
        default:
            break;
        }
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return QVariant();
    switch (column) {
    case Id:
        return QLocale().toString(c.id);
    case Amount:
        return formatMoney(c.amount);
    case Remaining:
        return formatMoney(c.remaining);
    case Expires:
        return formatDateTime(c.expiresAt, m_display.utcOffsetSeconds);
    case Scope:
        return c.api.isEmpty() ? tr("Every API") : apiName(m_display, c.api);
    case Status:
        return statusText(c);
    default:
        return QVariant();
    }
}

QVariant CouponTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Id:
        return tr("Coupon");
    case Amount:
        return tr("Amount (%1)").arg(m_display.currency);
    case Remaining:
        return tr("Remaining (%1)").arg(m_display.currency);
    case Expires:
        return tr("Expires");
    case Scope:
        return tr("Scope");
    case Status:
        return tr("Status");
    default:
        return QVariant();
    }
}

} // namespace billing::ui
