#include "costcenter/anomalymodel.h"

#include "widgets/itemroles.h"

#include <QLocale>

namespace billing::ui {

AnomalyModel::AnomalyModel(QObject *parent) : QAbstractTableModel(parent) {}

void AnomalyModel::setAnomalies(std::vector<Anomaly> list, const AccountDisplay &display)
{
    beginResetModel();
    m_list = std::move(list);
    m_display = display;
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

QString AnomalyModel::explanation(int row) const
{
    const Anomaly &a = m_list[size_t(row)];
    const QLocale l;
    const QString dominant = a.causes.dominant();
    QStringList parts{
        tr("%1 %2").arg(anomalyCauseName(dominant), formatMoney(a.causes.byId(dominant), 8, l))};
    for (const QString &id : anomalyCauseIds())
        if (id != dominant && !a.causes.byId(id).isZero())
            parts << tr("%1 %2").arg(anomalyCauseName(id), formatMoney(a.causes.byId(id), 8, l));
    return tr("%1 against the reference day %2 (cost %3, %4 billable and %5 failed calls; this day %6 and "
              "%7): "
              "difference %8 = %9.")
        .arg(apiName(m_display, a.api),
             toDateTime(a.referenceDay, m_display.utcOffsetSeconds).date().toString(Qt::ISODate),
             formatMoney(a.referenceCost, 2, l), l.toString(a.referenceCalls),
             l.toString(a.referenceFailedCalls), l.toString(a.calls), l.toString(a.failedCalls),
             formatMoney(a.difference, 2, l))
        .arg(parts.join(QStringLiteral(" + ")));
}

int AnomalyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_list.size());
}

int AnomalyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<Money> AnomalyModel::money(const Anomaly &a, int column) const
{
    switch (column) {
    case Cost:
        return a.cost;
    case Baseline:
        return a.baseline;
    case Difference:
        return a.difference;
    default:
        return std::nullopt;
    }
}

QVariant AnomalyModel::display(const Anomaly &a, int column) const
{
    const QLocale l;
    switch (column) {
    case Day:
        return l.toString(toDateTime(a.day, m_display.utcOffsetSeconds).date(), QLocale::ShortFormat);
    case Api:
        return apiName(m_display, a.api);
    case Region:
        return regionName(m_display, a.region);
    case Project:
        return a.project;
    case MainCause:
        return a.isRise() ? tr("Rise: %1").arg(anomalyCauseName(a.causes.dominant()))
                          : tr("Drop: %1").arg(anomalyCauseName(a.causes.dominant()));
    default:
        if (auto m = money(a, column))
            return formatMoney(*m, 2, l);
        return QString();
    }
}

QVariant AnomalyModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Anomaly &a = m_list[size_t(index.row())];
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(a, c);
    case MoneyRole:
        if (auto m = money(a, c))
            return m->units();
        return QVariant();
    case SortRole:
        if (auto m = money(a, c))
            return m->units();
        if (c == Day)
            return a.day;
        return display(a, c);
    case Qt::TextAlignmentRole:
        return money(a, c) ? rightAligned() : leftAligned();
    case Qt::ToolTipRole:
        return explanation(index.row());
    default:
        return QVariant();
    }
}

QVariant AnomalyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    const bool isMoney = section == Cost || section == Baseline || section == Difference;
    if (role == Qt::TextAlignmentRole)
        return isMoney ? rightAligned() : leftAligned();
    if (role != Qt::DisplayRole)
        return QVariant();
    const QString cur = m_display.currency;
    switch (section) {
    case Day:
        return tr("Day");
    case Api:
        return tr("API");
    case Region:
        return tr("Region");
    case Project:
        return tr("Project");
    case Cost:
        return tr("Cost (%1)").arg(cur);
    case Baseline:
        return tr("Baseline (%1)").arg(cur);
    case Difference:
        return tr("Difference (%1)").arg(cur);
    case MainCause:
        return tr("Main cause");
    default:
        return QVariant();
    }
}

} // namespace billing::ui
