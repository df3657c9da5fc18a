#include "costcenter/recommendationmodel.h"

#include "widgets/itemroles.h"

#include <QLocale>

namespace billing::ui {

RecommendationModel::RecommendationModel(QObject *parent) : QAbstractTableModel(parent) {}

void RecommendationModel::setRecommendations(std::vector<Recommendation> list, const AccountDisplay &display)
{
    beginResetModel();
    m_list = std::move(list);
    m_display = display;
    endResetModel();
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

QString RecommendationModel::optionName(const QString &option)
{
    return option == QLatin1String("pay-per-use") ? tr("Pay-per-use") : tr("Package %1").arg(option);
}

int RecommendationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_list.size());
}

int RecommendationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<Money> RecommendationModel::money(const Recommendation &r, int column) const
{
    switch (column) {
    case CostNow:
        return r.monthlyCostNow;
    case CostBest:
        return r.monthlyCostBest;
    case Saving:
        return r.saving;
    case AfterRunOut:
        return r.runsOutAt ? std::optional(r.costAfterRunOut) : std::nullopt;
    default:
        return std::nullopt;
    }
}

std::optional<CheaperRange> RecommendationModel::breakEven(const Recommendation &r) const
{
    const QString sku = r.best != QLatin1String("pay-per-use") ? r.best : r.current;
    for (const Quote &q : r.options)
        if (q.option == sku)
            return q.cheaper;
    return std::nullopt;
}

QVariant RecommendationModel::display(const Recommendation &r, int column) const
{
    const QLocale l;
    switch (column) {
    case Api:
        return apiName(m_display, r.api);
    case Region:
        return regionName(m_display, r.region);
    case MonthlyCalls:
        return l.toString(r.monthlyCalls);
    case Current:
        return optionName(r.current);
    case Best:
        return r.best == r.current ? tr("%1 (already)").arg(optionName(r.best)) : optionName(r.best);
    case BreakEven:
        if (auto b = breakEven(r))
            return cheaperRangeText(*b, l);
        return QString();
    case Lapsing:
        return r.packageId && r.lapsingCalls > 0 ? l.toString(r.lapsingCalls) : QString();
    case RunsOut:
        return r.runsOutAt ? formatDateTime(*r.runsOutAt, m_display.utcOffsetSeconds) : QString();
    default:
        if (auto m = money(r, column))
            return m->toDisplayString(l, 2);
        return QString();
    }
}

QVariant RecommendationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Recommendation &r = m_list[size_t(index.row())];
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(r, c);
    case MoneyRole:
        if (auto m = money(r, c))
            return m->units();
        return QVariant();
    case SortRole:
        if (auto m = money(r, c))
            return m->units();
        if (c == MonthlyCalls)
            return r.monthlyCalls;
        if (c == Lapsing)
            return r.lapsingCalls;
        if (c == RunsOut)
            return r.runsOutAt ? *r.runsOutAt : qint64(0);
        if (c == BreakEven)
            return breakEven(r).value_or(CheaperRange()).from.value_or(0);
        return display(r, c);
    case Qt::TextAlignmentRole:
        return c <= Region || c == Current || c == Best ? leftAligned() : rightAligned();
    case Qt::ToolTipRole:
        return r.reason;
    default:
        return QVariant();
    }
}

QVariant RecommendationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return section <= Region || section == Current || section == Best ? leftAligned() : rightAligned();
    if (role != Qt::DisplayRole)
        return QVariant();
    const QString cur = m_display.currency;
    switch (section) {
    case Api:
        return tr("API");
    case Region:
        return tr("Region");
    case MonthlyCalls:
        return tr("Calls (30 days)");
    case Current:
        return tr("Now");
    case Best:
        return tr("Cheapest");
    case CostNow:
        return tr("Monthly now (%1)").arg(cur);
    case CostBest:
        return tr("Monthly cheapest (%1)").arg(cur);
    case Saving:
        return tr("Saving a month (%1)").arg(cur);
    case BreakEven:
        return tr("Cheaper than pay-per-use");
    case Lapsing:
        return tr("Quota lapsing unused");
    case RunsOut:
        return tr("Package runs out");
    case AfterRunOut:
        return tr("Rest of term pay-per-use (%1)").arg(cur);
    default:
        return QVariant();
    }
}

} // namespace billing::ui
