#include "costcenter/seriestablemodel.h"

#include "widgets/format.h"
#include "widgets/itemroles.h"

#include <QLocale>

namespace billing::ui {

SeriesTableModel::SeriesTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void SeriesTableModel::setSeries(CostSeriesSet set, QStringList names, CostMeasure measure,
                                 CostQuery::Granularity granularity, int utcOffsetSeconds,
                                 const QString &currency, SeriesUnitCosts unitCosts)
{
    beginResetModel();
    m_set = std::move(set);
    m_unitCosts = std::move(unitCosts);
    m_names = std::move(names);
    m_measure = measure;
    m_granularity = granularity;
    m_offset = utcOffsetSeconds;
    m_currency = currency;
    endResetModel();
}

int SeriesTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_set.periods.size());
}

int SeriesTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_set.series.size()) + 2;
}

Money SeriesTableModel::cost(int row, int column) const
{
    if (column == totalColumn()) {
        Money sum;
        for (const CostSeries &s : m_set.series)
            sum += s.cost[size_t(row)];
        return sum;
    }
    return m_set.series[size_t(column - 1)].cost[size_t(row)];
}

qint64 SeriesTableModel::calls(int row, int column) const
{
    if (column == totalColumn()) {
        qint64 sum = 0;
        for (const CostSeries &s : m_set.series)
            sum += s.calls[size_t(row)];
        return sum;
    }
    return m_set.series[size_t(column - 1)].calls[size_t(row)];
}

std::optional<Money> SeriesTableModel::unitCost(int row, int column) const
{
    if (column != totalColumn() && size_t(column - 1) >= m_unitCosts.values.size())
        return std::nullopt;
    const auto &values =
        column == totalColumn() ? m_unitCosts.periodTotals : m_unitCosts.values[size_t(column - 1)];
    return size_t(row) < values.size() ? values[size_t(row)] : std::nullopt;
}

QString SeriesTableModel::valueText(int row, int column) const
{
    switch (m_measure) {
    case CostMeasure::Cost:
        return cost(row, column).toDisplayString(QLocale(), 2);
    case CostMeasure::Calls:
        return QLocale().toString(calls(row, column));
    case CostMeasure::UnitCost:
        if (const auto u = unitCost(row, column))
            return u->toDisplayString(QLocale(), 2);
        return QStringLiteral("\u2014");
    }
    return QString();
}

QString SeriesTableModel::periodLabel(int row) const
{
    const QDateTime dt = toDateTime(m_set.periods[size_t(row)], m_offset);
    switch (m_granularity) {
    case CostQuery::Hour:
        return formatDateTime(m_set.periods[size_t(row)], m_offset);
    case CostQuery::Day:
        return QLocale().toString(dt.date(), QLocale::ShortFormat);
    case CostQuery::Month:
        return QLocale().toString(dt.date(), tr("MMM yyyy", "QDate format of a month, short"));
    }
    return QString();
}

QString SeriesTableModel::describe(int row) const
{
    if (row < 0 || row >= rowCount())
        return QString();
    QString text = QStringLiteral("<b>%1</b><table>").arg(periodLabel(row).toHtmlEscaped());
    for (int c = 1; c <= totalColumn(); ++c) {
        const QString value = valueText(row, c);
        const QString name = c == totalColumn() ? tr("Total") : m_names.value(c - 1);
        text += QStringLiteral("<tr><td>%1</td><td align=right>&nbsp;%2</td></tr>")
                    .arg(name.toHtmlEscaped(), value);
    }
    return text + QStringLiteral("</table>");
}

QVariant SeriesTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int r = index.row(), c = index.column();
    const bool money = c != Period && m_measure == CostMeasure::Cost;
    const bool perCalls = c != Period && m_measure == CostMeasure::UnitCost;
    const std::optional<Money> unit = perCalls ? unitCost(r, c) : std::nullopt;
    switch (role) {
    case Qt::DisplayRole:
        return c == Period ? periodLabel(r) : valueText(r, c);
    case MoneyRole:
        if (unit)
            return unit->units();
        return money ? QVariant(cost(r, c).units()) : QVariant();
    case UnitCostBasisRole:
        return perCalls ? QVariantList{cost(r, c).units(), calls(r, c)} : QVariant();
    case SortRole:
        if (c == Period)
            return m_set.periods[size_t(r)];
        if (perCalls)
            return unit ? QVariant(unit->units()) : QVariant();
        return money ? cost(r, c).units() : calls(r, c);
    case Qt::TextAlignmentRole:
        return c == Period ? leftAligned() : rightAligned();
    case Qt::ToolTipRole:
        if (money)
            return tr("Exact: %1").arg(cost(r, c).toDisplayString(QLocale(), Money::Decimals));
        if (perCalls && unit)
            return tr("Exact: %1 per 1,000 calls (%2 over %3 calls)")
                .arg(unit->toDisplayString(QLocale(), Money::Decimals),
                     cost(r, c).toDisplayString(QLocale(), 2), QLocale().toString(calls(r, c)));
        if (perCalls)
            return tr("No billable calls: the cost per 1,000 calls is undefined");
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant SeriesTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return section == Period ? leftAligned() : rightAligned();
    if (role != Qt::DisplayRole)
        return QVariant();
    if (section == Period)
        return tr("Period");
    const QString unit = m_measure == CostMeasure::Cost    ? m_currency
                         : m_measure == CostMeasure::Calls ? tr("calls")
                                                           : tr("%1 per 1,000 calls").arg(m_currency);
    if (section == totalColumn())
        return tr("Total (%1)").arg(unit);
    return tr("%1 (%2)").arg(m_names.value(section - 1), unit);
}

} // namespace billing::ui
