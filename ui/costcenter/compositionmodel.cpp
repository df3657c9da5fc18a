#include "costcenter/compositionmodel.h"

#include "costcenter/costlabels.h"
#include "widgets/itemroles.h"

#include <QLocale>

namespace billing::ui {

namespace {
double toDouble(Money m)
{
    return double(m.units()) / double(Money::Scale); // chart-drawing boundary
}

QString unitCostText(const std::optional<Money> &u, int decimals = 2)
{
    return u ? u->toDisplayString(QLocale(), decimals) : QStringLiteral("\u2014");
}
} // namespace

CompositionModel::CompositionModel(QObject *parent) : QAbstractTableModel(parent) {}

void CompositionModel::setComposition(Composition composition, const AccountDisplay &display,
                                      CostMeasure measure, CompositionUnitCosts unitCosts)
{
    beginResetModel();
    m_c = std::move(composition);
    m_display = display;
    m_measure = measure;
    m_unit = std::move(unitCosts);
    if (m_measure == CostMeasure::UnitCost) { // one per share, whatever the caller gave
        m_unit.now.resize(m_c.shares.size());
        m_unit.previous.resize(m_c.shares.size());
    }
    endResetModel(); // headers follow the reset (no headerDataChanged: Qt Charts' bar mapper crashes on it)
}

QString CompositionModel::key(int row) const
{
    return row >= 0 && size_t(row) < m_c.shares.size() ? m_c.shares[size_t(row)].key : QString();
}

int CompositionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_c.shares.size());
}

int CompositionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<Money> CompositionModel::money(int row, int column) const
{
    const CostShare &s = m_c.shares[size_t(row)];
    const bool perCalls = m_measure == CostMeasure::UnitCost;
    const std::optional<Money> now = perCalls ? m_unit.now[size_t(row)] : std::nullopt;
    const std::optional<Money> before = perCalls ? m_unit.previous[size_t(row)] : std::nullopt;
    switch (column) {
    case Cost:
        return s.cost;
    case UnitCost:
        return now;
    case Previous:
        return m_measure == CostMeasure::Cost ? std::optional(s.previousCost) : before;
    case Change:
        if (m_measure == CostMeasure::Cost)
            return s.change();
        if (now && before)
            return *now - *before;
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

std::optional<qint64> CompositionModel::count(int row, int column) const
{
    const CostShare &s = m_c.shares[size_t(row)];
    if (column == Calls)
        return s.calls;
    if (m_measure != CostMeasure::Calls)
        return std::nullopt;
    if (column == Previous)
        return s.previousCalls;
    if (column == Change)
        return s.calls - s.previousCalls;
    return std::nullopt;
}

QVariant CompositionModel::unitCostBasis(int row, int column) const
{
    if (m_measure != CostMeasure::UnitCost)
        return QVariant();
    const CostShare &s = m_c.shares[size_t(row)];
    switch (column) {
    case UnitCost:
        return QVariantList{s.cost.units(), s.calls};
    case Previous:
        return QVariantList{s.previousCost.units(), s.previousCalls};
    case Change:
        return QVariantList{s.cost.units(), s.calls, s.previousCost.units(), s.previousCalls};
    default:
        return QVariant();
    }
}

QString CompositionModel::shareText(const CostShare &s) const
{
    double percent = 0; // display only
    if (m_measure == CostMeasure::Cost && m_c.total.units() > 0)
        percent = double(s.cost.units()) * 100.0 / double(m_c.total.units());
    else if (m_measure == CostMeasure::Calls && m_c.calls > 0)
        percent = double(s.calls) * 100.0 / double(m_c.calls);
    else
        return QString();
    return tr("%1 %").arg(QLocale().toString(percent, 'f', 1));
}

QString CompositionModel::text(int row, int column) const
{
    const CostShare &s = m_c.shares[size_t(row)];
    switch (column) {
    case Name:
        return keyName(m_display, m_c.dimension, s.key);
    case Share:
        return shareText(s);
    default:
        break;
    }
    if (auto m = money(row, column))
        return m->toDisplayString(QLocale(), 2);
    if (auto n = count(row, column))
        return QLocale().toString(*n);
    if (unitCostBasis(row, column).isValid())
        return QStringLiteral("\u2014"); // a unit cost without calls: undefined, never 0
    return QString();
}

double CompositionModel::chartValue(int row, bool previous) const
{
    if (row < 0 || size_t(row) >= m_c.shares.size())
        return 0;
    const CostShare &s = m_c.shares[size_t(row)];
    switch (m_measure) {
    case CostMeasure::Cost:
        return toDouble(previous ? s.previousCost : s.cost);
    case CostMeasure::Calls:
        return double(previous ? s.previousCalls : s.calls);
    case CostMeasure::UnitCost: {
        const std::optional<Money> &u = previous ? m_unit.previous[size_t(row)] : m_unit.now[size_t(row)];
        return u ? toDouble(*u) : 0.0; // a bar cannot say "—": the table and the tooltip do
    }
    }
    return 0;
}

QString CompositionModel::describe(int row) const
{
    if (row < 0 || size_t(row) >= m_c.shares.size())
        return QString();
    const CostShare &s = m_c.shares[size_t(row)];
    const QString name = keyName(m_display, m_c.dimension, s.key);
    switch (m_measure) {
    case CostMeasure::Cost:
        break;
    case CostMeasure::Calls:
        return tr("%1: %2 calls (%3 of the total); previous period %4, change %5")
            .arg(name, QLocale().toString(s.calls), shareText(s), QLocale().toString(s.previousCalls),
                 QLocale().toString(s.calls - s.previousCalls));
    case CostMeasure::UnitCost:
        return tr("%1: %2 %3 per 1,000 calls (%4 over %5 calls); previous period %6, change %7")
            .arg(name, unitCostText(m_unit.now[size_t(row)], Money::Decimals), m_display.currency,
                 s.cost.toDisplayString(QLocale(), 2), QLocale().toString(s.calls),
                 unitCostText(m_unit.previous[size_t(row)], Money::Decimals),
                 unitCostText(money(row, Change), Money::Decimals));
    }
    return tr("%1: %2 %3 (%4 of the total), %5 calls; previous period %6, change %7")
        .arg(name, s.cost.toDisplayString(QLocale(), 2), m_display.currency, shareText(s),
             QLocale().toString(s.calls), s.previousCost.toDisplayString(QLocale(), 2),
             s.change().toDisplayString(QLocale(), 2));
}

QVariant CompositionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int r = index.row(), c = index.column();
    const CostShare &s = m_c.shares[size_t(r)];
    switch (role) {
    case Qt::DisplayRole:
        if (c == ChartCost || c == ChartPrevious)
            return chartValue(r, c == ChartPrevious);
        return text(r, c);
    case MoneyRole:
        if (auto m = money(r, c))
            return m->units();
        return QVariant();
    case UnitCostBasisRole:
        return unitCostBasis(r, c);
    case SortRole:
        if (c == Name)
            return keyName(m_display, m_c.dimension, s.key);
        if (c == Share || c == ChartCost || c == ChartPrevious)
            return chartValue(r, c == ChartPrevious);
        if (auto m = money(r, c))
            return m->units();
        if (auto n = count(r, c))
            return *n;
        return QVariant();
    case KeyRole:
        return s.key;
    case Qt::TextAlignmentRole:
        return c == Name ? leftAligned() : rightAligned();
    case Qt::ToolTipRole:
        if (auto m = money(r, c))
            return tr("Exact: %1").arg(m->toDisplayString(QLocale(), Money::Decimals));
        if (unitCostBasis(r, c).isValid())
            return tr("No billable calls: the cost per 1,000 calls is undefined");
        return describe(r);
    default:
        return QVariant();
    }
}

QVariant CompositionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::TextAlignmentRole)
        return section == Name ? leftAligned() : rightAligned();
    if (role != Qt::DisplayRole)
        return QVariant();
    // The unit of Previous and Change: the measure's.
    const QString unit = m_measure == CostMeasure::Cost    ? m_display.currency
                         : m_measure == CostMeasure::Calls ? tr("calls")
                                                           : tr("%1 per 1,000 calls").arg(m_display.currency);
    switch (section) {
    case Name:
        return dimensionName(m_c.dimension.isEmpty() ? QStringLiteral("api") : m_c.dimension);
    case Calls:
        return tr("Calls");
    case Cost:
        return tr("Cost (%1)").arg(m_display.currency);
    case UnitCost:
        return tr("Per 1,000 calls (%1)").arg(m_display.currency);
    case Share:
        return tr("Share");
    case Previous:
        return tr("Previous period (%1)").arg(unit);
    case Change:
        return tr("Change (%1)").arg(unit);
    case ChartCost:
        return m_measure == CostMeasure::Cost    ? tr("Cost")
               : m_measure == CostMeasure::Calls ? tr("Calls")
                                                 : tr("Per 1,000 calls");
    case ChartPrevious:
        return tr("Previous period");
    default:
        return QVariant();
    }
}

} // namespace billing::ui
