#include "packages/renewaltablemodel.h"

#include "widgets/itemroles.h"

namespace billing::ui {

RenewalTableModel::RenewalTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void RenewalTableModel::setEvents(std::vector<RenewalEvent> events, const AccountDisplay &display)
{
    beginResetModel();
    m_events = std::move(events);
    m_display = display;
    endResetModel();
}

int RenewalTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int RenewalTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RenewalTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const RenewalEvent &e = m_events[size_t(index.row())];
    const billing::Package &p = e.package;
    if (role == PackageIdRole)
        return p.id;
    if (role == SortRole && index.column() == Date)
        return e.at;
    if (role == Qt::ToolTipRole && index.column() == Date)
        return formatDateTimeLong(e.at, m_display.utcOffsetSeconds);
    if (role != Qt::DisplayRole && role != SortRole)
        return QVariant();
    const QLocale locale;
    switch (index.column()) {
    case Date:
        return formatDateTime(e.at, m_display.utcOffsetSeconds, locale);
    case Event:
        if (e.kind == RenewalEvent::Kind::Expiry)
            return p.autoRenew ? tr("Term ends (auto-renew on)") : tr("Expires (auto-renew off)");
        return e.renewSku == p.sku
                   ? tr("Auto-renew attempt: %1").arg(formatMoney(e.renewPrice, 2, locale))
                   : tr("Auto-renew attempt as %1: %2").arg(e.renewSku, formatMoney(e.renewPrice, 2, locale));
    case Package:
        return role == SortRole ? QVariant(p.id) : QVariant(tr("%1 (%2)").arg(locale.toString(p.id), p.sku));
    case Api:
        return apiName(m_display, p.api);
    case Region:
        return regionName(m_display, p.region);
    default:
        return QVariant();
    }
}

QVariant RenewalTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Date:
        return tr("When");
    case Event:
        return tr("What happens");
    case Package:
        return tr("Package");
    case Api:
        return tr("API");
    case Region:
        return tr("Region");
    default:
        return QVariant();
    }
}

} // namespace billing::ui
