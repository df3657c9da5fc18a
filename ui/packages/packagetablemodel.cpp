#include "packages/packagetablemodel.h"

#include "analysis/renewalsizer.h"
#include "engine/settlement.h"
#include "widgets/itemroles.h"
#include "widgets/quotabardelegate.h"

#include <QFont>
#include <QGuiApplication>

#include <algorithm>

namespace billing::ui {

PackageTableModel::PackageTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void PackageTableModel::setEndingSoon(std::set<qint64> ids)
{
    m_endingSoon = std::move(ids);
    if (!m_packages.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void PackageTableModel::setPackages(std::vector<Package> packages, Instant now, const AccountDisplay &display)
{
    beginResetModel();
    std::sort(packages.begin(), packages.end(),
              [](const Package &a, const Package &b) { return a.id < b.id; });
    m_packages = std::move(packages);
    m_now = now;
    m_display = display;
    // Deduction order (billing-rules §5) among the packages that can still cover calls.
    std::vector<size_t> usable;
    for (size_t i = 0; i < m_packages.size(); ++i) {
        const Package::Status s = m_packages[i].statusAt(now);
        if (s == Package::Status::Active || s == Package::Status::Pending)
            usable.push_back(i);
    }
    std::sort(usable.begin(), usable.end(),
              [this](size_t a, size_t b) { return deductsBefore(m_packages[a], m_packages[b]); });
    m_rank.assign(m_packages.size(), 0);
    for (size_t i : usable) {
        int rank = 1;
        for (size_t j : usable) {
            if (j == i)
                break;
            if (m_packages[j].api == m_packages[i].api && m_packages[j].region == m_packages[i].region)
                ++rank;
        }
        m_rank[i] = rank;
    }
    endResetModel();
}

int PackageTableModel::rowOf(qint64 packageId) const
{
    for (size_t i = 0; i < m_packages.size(); ++i)
        if (m_packages[i].id == packageId)
            return int(i);
    return -1;
}

QString PackageTableModel::statusName(Package::Status status)
{
    switch (status) {
    case Package::Status::Pending:
        return tr("Pending");
    case Package::Status::Active:
        return tr("In force");
    case Package::Status::UsedUp:
        return tr("Used up");
    case Package::Status::Expired:
        return tr("Expired");
    case Package::Status::Cancelled:
        return tr("Unsubscribed");
    }
    return QString();
}

int PackageTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_packages.size());
}

int PackageTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PackageTableModel::display(const Package &p, int row, int column) const
{
    const QLocale locale;
    switch (column) {
    case Id: // the term it renews follows the arrow (the Chain column says the same for a narrow view)
        return p.previousId ? tr("%1 \u2190 %2").arg(locale.toString(p.id), locale.toString(*p.previousId))
                            : locale.toString(p.id);
    case Api:
        return apiName(m_display, p.api);
    case Region:
        return regionName(m_display, p.region);
    case Sku:
        return p.sku;
    case Status:
        return statusName(p.statusAt(m_now));
    case Effective:
        return formatDateTime(p.effectiveAt, m_display.utcOffsetSeconds, locale);
    case LastSecond: // always the last second of a day (23:59:59): the date says it, the tooltip has the time
        return locale.toString(toDateTime(p.lastSecond(), m_display.utcOffsetSeconds).date(),
                               QLocale::ShortFormat);
    case Quota:
        return locale.toString(p.quota);
    case Remaining:
        return tr("%1 of %2").arg(locale.toString(p.remaining), locale.toString(p.quota));
    case AutoRenew: {
        if (!p.autoRenew)
            return tr("Off");
        const QString when = p.renewDays == 1 ? tr("1 day before") : tr("%1 days before").arg(p.renewDays);
        // A size set for auto-renew (billing-rules §6) shows where it differs from the term's own.
        return p.autoRenewSku() == p.sku ? when : tr("%1, as %2").arg(when, p.autoRenewSku());
    }
    case Previous:
        return p.previousId ? tr("\u2190 %1").arg(locale.toString(*p.previousId)) : QString();
    case Order:
        return m_rank[size_t(row)] > 0 ? locale.toString(m_rank[size_t(row)]) : QString();
    default:
        return QVariant();
    }
}

QVariant PackageTableModel::sortValue(const Package &p, int row, int column) const
{
    switch (column) {
    case Id:
        return p.id;
    case Status:
        return int(p.statusAt(m_now));
    case Effective:
        return p.effectiveAt;
    case LastSecond:
        return p.endAt;
    case Quota:
        return p.quota;
    case Remaining:
        return p.remaining;
    case AutoRenew:
        return p.autoRenew ? p.renewDays : 0;
    case Previous:
        return p.previousId.value_or(0);
    case Order:
        return m_rank[size_t(row)] > 0 ? m_rank[size_t(row)] : 1000000;
    case Price:
        return p.price.units();
    default:
        return display(p, row, column);
    }
}

QVariant PackageTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int row = index.row();
    const Package &p = m_packages[size_t(row)];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(p, row, column);
    case SortRole:
        return sortValue(p, row, column);
    case PackageIdRole:
        return p.id;
    case MoneyRole:
        return column == Price ? QVariant(p.price.units()) : QVariant();
    case QuotaBarDelegate::FractionRole:
        if (column != Remaining)
            return QVariant();
        return p.quota > 0 ? int(p.remaining * 1000 / p.quota) : 0;
    case Qt::TextAlignmentRole:
        if (column == Id || column == Quota || column == Order || column == Price)
            return rightAligned();
        return QVariant();
    case Qt::BackgroundRole:
    case Qt::ForegroundRole:
        if (!endingSoon(p.id))
            return QVariant();
        return role == Qt::BackgroundRole
                   ? stateChipColors(AccountState::Grace, QGuiApplication::palette()).background
                   : stateChipColors(AccountState::Grace, QGuiApplication::palette()).text;
    case Qt::FontRole:
        if (column == Status && p.statusAt(m_now) == Package::Status::Active) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return QVariant();
    case Qt::ToolTipRole:
        if (column == Order && m_rank[size_t(row)] > 0)
            return tr("Calls of %1 in %2 use this package after %3 other packages with quota left")
                .arg(apiName(m_display, p.api), regionName(m_display, p.region),
                     QLocale().toString(m_rank[size_t(row)] - 1));
        if (column == Previous && p.previousId)
            return tr("The next term of package %1").arg(QLocale().toString(*p.previousId));
        if (column == Price)
            return p.price.toString(2);
        if (column == LastSecond && endingSoon(p.id))
            return tr("%1: the term ends within %2 days (see the right-sizer)")
                .arg(formatDateTimeLong(p.lastSecond(), m_display.utcOffsetSeconds))
                .arg(kRightSizeDefaultWithin);
        if (column == LastSecond)
            return formatDateTimeLong(p.lastSecond(), m_display.utcOffsetSeconds);
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant PackageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::ToolTipRole && section == Order)
        return tr("Deduction order: which package of the same API and region covers calls first");
    if (role == Qt::ToolTipRole && section == LastSecond)
        return tr("The last day of the term, to 23:59:59 in the billing time zone");
    if (role == Qt::ToolTipRole && section == Previous)
        return tr("The term this package renews");
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Id:
        return tr("Package");
    case Api:
        return tr("API");
    case Region:
        return tr("Region");
    case Sku:
        return tr("Size");
    case Status:
        return tr("Status");
    case Effective:
        return tr("Effective");
    case LastSecond:
        return tr("Valid through");
    case Quota:
        return tr("Quota (calls)");
    case Remaining:
        return tr("Remaining");
    case AutoRenew:
        return tr("Auto-renew");
    case Previous:
        return tr("Chain");
    case Order:
        return tr("Order");
    case Price:
        return tr("Price (%1)").arg(m_display.currency);
    default:
        return QVariant();
    }
}

} // namespace billing::ui
