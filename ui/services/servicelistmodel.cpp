#include "services/servicelistmodel.h"

#include "widgets/format.h"
#include "widgets/itemroles.h"
#include "widgets/marginaltext.h"

#include <QFont>

namespace billing::ui {

ServiceListModel::ServiceListModel(QObject *parent) : QAbstractTableModel(parent) {}

void ServiceListModel::setServices(const Catalog &catalog, const std::vector<ServiceState> &services,
                                   const std::vector<Package> &packages, Instant now, const Bill &monthToDate,
                                   const AccountDisplay &display, const std::vector<MarginalPrice> &marginal)
{
    beginResetModel();
    m_display = display;
    m_rows.clear();
    for (const ApiInfo &a : catalog.apis())
        for (const RegionInfo &r : catalog.regions()) {
            Row row;
            row.state = ServiceState{a.id, r.id, false, 0};
            row.apiName = catalogName(a.name);
            row.regionName = catalogName(r.name);
            for (const ServiceState &s : services)
                if (s.api == a.id && s.region == r.id)
                    row.state = s;
            for (const Package &p : packages)
                if (p.api == a.id && p.region == r.id && p.statusAt(now) == Package::Status::Active)
                    row.packageMode = true;
            for (const BillLine &l : monthToDate.lines)
                if (l.api == a.id && l.region == r.id) {
                    row.calls += l.calls;
                    row.cost += l.charged;
                }
            for (const MarginalPrice &m : marginal)
                if (m.api == a.id && m.region == r.id)
                    row.marginal = m;
            m_rows.push_back(row);
        }
    endResetModel();
}

int ServiceListModel::rowOf(const QString &api, const QString &region) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].state.api == api && m_rows[i].state.region == region)
            return int(i);
    return -1;
}

int ServiceListModel::enabledCount() const
{
    int n = 0;
    for (const Row &r : m_rows)
        n += r.state.enabled;
    return n;
}

Money ServiceListModel::totalCost() const
{
    Money total;
    for (const Row &r : m_rows)
        total += r.cost;
    return total;
}

int ServiceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ServiceListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServiceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &r = m_rows[size_t(index.row())];
    switch (role) {
    case ApiIdRole:
        return r.state.api;
    case RegionIdRole:
        return r.state.region;
    case EnabledRole:
        return r.state.enabled;
    case MoneyRole:
        if (index.column() == Marginal && r.marginal)
            return r.marginal->per1000.units();
        return index.column() == Cost ? QVariant(r.cost.units()) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Calls || index.column() == Cost || index.column() == Marginal
                   ? rightAligned()
                   : QVariant();
    case Qt::FontRole:
        if (index.column() == State && r.state.enabled) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return QVariant();
    case Qt::ToolTipRole:
        if (index.column() == State && r.state.changedAt != 0)
            return r.state.enabled ? tr("Enabled since %1")
                                         .arg(formatDateTime(r.state.changedAt, m_display.utcOffsetSeconds))
                                   : tr("Off since %1")
                                         .arg(formatDateTime(r.state.changedAt, m_display.utcOffsetSeconds));
        if (index.column() == Cost)
            return r.cost.toString(2);
        if (index.column() == Marginal && r.marginal)
            return r.state.enabled
                       ? marginalPriceText(*r.marginal, m_display.currency)
                       : marginalPriceText(*r.marginal, m_display.currency) + u'\n' +
                             tr("The service is off: this is what its calls would cost once it is enabled.");
        return QVariant();
    case SortRole:
        switch (index.column()) {
        case State:
            return r.state.enabled;
        case Mode:
            return r.packageMode;
        case Calls:
            return r.calls;
        case Cost:
            return r.cost.units();
        case Marginal:
            return r.marginal ? QVariant(r.marginal->per1000.units()) : QVariant();
        default:
            break;
        }
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (index.column()) {
        case Api:
            return r.apiName;
        case Region:
            return r.regionName;
        case State:
            return r.state.enabled ? tr("Enabled") : tr("Disabled");
        case Mode:
            return r.packageMode ? tr("Package") : tr("Pay-per-use");
        case Calls:
            return QLocale().toString(r.calls);
        case Cost:
            return formatMoney(r.cost);
        case Marginal:
            return r.marginal ? formatMoney(r.marginal->per1000, 8) : QString();
        default:
            return QVariant();
        }
    default:
        return QVariant();
    }
}

QVariant ServiceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    // The first click on the marginal price puts the cheapest next calls first, whatever the style.
    if (role == Qt::InitialSortOrderRole && section == Marginal)
        return int(Qt::AscendingOrder);
    if (role == Qt::ToolTipRole && section == Marginal)
        return tr(
            "What the next 1,000 calls would cost now: nothing while a package in force has quota left, "
            "otherwise the pay-per-use tier this month's calls have reached.");
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Api:
        return tr("API");
    case Region:
        return tr("Region");
    case State:
        return tr("State");
    case Mode:
        return tr("Billing mode");
    case Calls:
        return tr("Calls this month");
    case Cost:
        return tr("Cost this month (%1)").arg(m_display.currency);
    case Marginal:
        return tr("Next 1,000 calls (%1)").arg(m_display.currency);
    default:
        return QVariant();
    }
}

} // namespace billing::ui
