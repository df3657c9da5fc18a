#include "services/servicetablemodel.h"

#include "catalog/catalog.h"
#include "widgets/format.h"
#include "widgets/itemroles.h"

#include <QFont>

#include <algorithm>

namespace billing::ui {

ServiceTableModel::ServiceTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ServiceTableModel::setServices(const Catalog &catalog, const std::vector<ServiceState> &services,
                                    int utcOffsetSeconds)
{
    beginResetModel();
    m_apis = catalog.apis();
    m_regions = catalog.regions();
    m_utcOffsetSeconds = utcOffsetSeconds;
    m_states.assign(m_apis.size() * m_regions.size(), ServiceState{});
    for (size_t a = 0; a < m_apis.size(); ++a)
        for (size_t r = 0; r < m_regions.size(); ++r)
            m_states[a * m_regions.size() + r] = ServiceState{m_apis[a].id, m_regions[r].id, false, 0};
    for (const ServiceState &s : services) {
        const int a = catalog.apiIndex(s.api);
        const int r = catalog.regionIndex(s.region);
        if (a >= 0 && r >= 0)
            m_states[size_t(a) * m_regions.size() + size_t(r)] = s;
    }
    endResetModel();
}

int ServiceTableModel::enabledCount() const
{
    return int(
        std::count_if(m_states.begin(), m_states.end(), [](const ServiceState &s) { return s.enabled; }));
}

int ServiceTableModel::serviceCount() const
{
    return int(m_states.size());
}

const ServiceState *ServiceTableModel::service(const QModelIndex &index) const
{
    if (!index.isValid() || index.column() < FirstRegion || index.model() != this)
        return nullptr;
    return &m_states[size_t(index.row()) * m_regions.size() + size_t(index.column() - FirstRegion)];
}

QString ServiceTableModel::categoryName(const QString &category)
{
    if (category == QLatin1String("GENERAL"))
        return tr("General");
    if (category == QLatin1String("CARD"))
        return tr("Cards and IDs");
    if (category == QLatin1String("RECEIPT"))
        return tr("Receipts");
    return category;
}

int ServiceTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_apis.size());
}

int ServiceTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstRegion + int(m_regions.size());
}

QVariant ServiceTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const ApiInfo &api = m_apis[size_t(index.row())];
    if (index.column() == Api) {
        if (role == Qt::DisplayRole || role == SortRole)
            return catalogName(api.name);
        if (role == Qt::ToolTipRole)
            return api.id;
        return QVariant();
    }
    if (index.column() == Category) {
        if (role == Qt::DisplayRole || role == SortRole)
            return categoryName(api.category);
        return QVariant();
    }
    const ServiceState &s = *service(index);
    switch (role) {
    case Qt::DisplayRole:
        return s.enabled ? tr("Enabled") : tr("Off");
    case SortRole:
        return s.enabled;
    case Qt::TextAlignmentRole:
        return alignmentValue(Qt::AlignCenter);
    case Qt::FontRole: {
        QFont f;
        f.setBold(s.enabled);
        return f;
    }
    case Qt::ToolTipRole: {
        const QString region = catalogName(m_regions[size_t(index.column() - FirstRegion)].name);
        if (s.changedAt == 0)
            return s.enabled ? tr("%1 in %2 is enabled").arg(catalogName(api.name), region)
                             : tr("%1 in %2 is off").arg(catalogName(api.name), region);
        const QString since = formatDateTime(s.changedAt, m_utcOffsetSeconds);
        return s.enabled ? tr("%1 in %2 is enabled since %3").arg(catalogName(api.name), region, since)
                         : tr("%1 in %2 is off since %3").arg(catalogName(api.name), region, since);
    }
    default:
        return QVariant();
    }
}

QVariant ServiceTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QVariant();
    if (section == Api)
        return role == Qt::DisplayRole ? QVariant(tr("API")) : QVariant();
    if (section == Category)
        return role == Qt::DisplayRole ? QVariant(tr("Category")) : QVariant();
    const RegionInfo &r = m_regions[size_t(section - FirstRegion)];
    if (role == Qt::DisplayRole)
        return catalogName(r.name);
    if (role == Qt::ToolTipRole)
        return r.id;
    return QVariant();
}

} // namespace billing::ui
