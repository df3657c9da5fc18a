#include "widgets/totalsmodel.h"

#include "analysis/costmeasure.h"

#include "widgets/format.h"
#include "widgets/itemroles.h"

#include <QFont>
#include <QLocale>

#include <algorithm>

namespace billing::ui {

TotalsModel::TotalsModel(QAbstractItemModel *source, std::vector<int> moneyColumns,
                         std::vector<int> countColumns, QObject *parent, std::vector<int> unitCostColumns)
    : QAbstractTableModel(parent), m_source(source), m_moneyColumns(std::move(moneyColumns)),
      m_countColumns(std::move(countColumns)), m_unitCostColumns(std::move(unitCostColumns))
{
    m_columns = source->columnCount();
    connect(source, &QAbstractItemModel::modelReset, this, &TotalsModel::recompute);
    connect(source, &QAbstractItemModel::layoutChanged, this, &TotalsModel::recompute);
    connect(source, &QAbstractItemModel::rowsInserted, this, &TotalsModel::recompute);
    connect(source, &QAbstractItemModel::rowsRemoved, this, &TotalsModel::recompute);
    connect(source, &QAbstractItemModel::dataChanged, this, &TotalsModel::recompute);
    connect(source, &QAbstractItemModel::headerDataChanged, this, &TotalsModel::headerDataChanged);
    recompute();
}

int TotalsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

int TotalsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

bool TotalsModel::isMoney(int column) const
{
    return std::find(m_moneyColumns.begin(), m_moneyColumns.end(), column) != m_moneyColumns.end();
}

bool TotalsModel::isCount(int column) const
{
    return std::find(m_countColumns.begin(), m_countColumns.end(), column) != m_countColumns.end();
}

bool TotalsModel::isUnitCost(int column) const
{
    return std::find(m_unitCostColumns.begin(), m_unitCostColumns.end(), column) != m_unitCostColumns.end();
}

std::optional<Money> TotalsModel::unitCostTotal(int column) const
{
    return column >= 0 && column < int(m_unitCosts.size()) ? m_unitCosts[size_t(column)] : std::nullopt;
}

Money TotalsModel::moneyTotal(int column) const
{
    return column >= 0 && column < int(m_money.size()) ? m_money[size_t(column)] : Money();
}

qint64 TotalsModel::countTotal(int column) const
{
    return column >= 0 && column < int(m_counts.size()) ? m_counts[size_t(column)] : 0;
}

void TotalsModel::recompute()
{
    if (!m_source)
        return;
    std::vector<Money> money(static_cast<size_t>(m_columns));
    std::vector<qint64> counts(size_t(m_columns), 0);
    const int rows = m_source->rowCount();
    for (int row = 0; row < rows; ++row) {
        for (int c : m_moneyColumns)
            money[size_t(c)] += Money::fromUnits(m_source->index(row, c).data(MoneyRole).toLongLong());
        for (int c : m_countColumns)
            counts[size_t(c)] += m_source->index(row, c).data(SortRole).toLongLong();
    }
    // Unit-cost columns: the unit cost of the summed costs and calls (and of the period before, for a
    // change); a sum too large for a unit cost in range shows as undefined, like no calls.
    std::vector<std::optional<Money>> unitCosts(static_cast<size_t>(m_columns));
    for (int c : m_unitCostColumns) {
        Int128 cost[2] = {0, 0};
        qint64 calls[2] = {0, 0};
        bool change = false;
        for (int row = 0; row < rows; ++row) {
            const QVariantList basis = m_source->index(row, c).data(UnitCostBasisRole).toList();
            for (int i = 0; i + 1 < basis.size() && i < 4; i += 2) {
                cost[i / 2] += basis[i].toLongLong();
                calls[i / 2] += basis[i + 1].toLongLong();
            }
            change = change || basis.size() == 4;
        }
        auto now = unitCost(cost[0], calls[0]);
        auto before = unitCost(cost[1], calls[1]);
        if (!now || !*now || (change && (!before || !*before)))
            continue;
        unitCosts[size_t(c)] = change ? **now - **before : **now;
    }
    m_money = std::move(money);
    m_counts = std::move(counts);
    m_unitCosts = std::move(unitCosts);
    m_rows = rows;
    if (m_columns > 0)
        emit dataChanged(index(0, 0), index(0, m_columns - 1));
}

QVariant TotalsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole:
        if (c == 0)
            return tr("Total of %1 shown").arg(QLocale().toString(m_rows));
        if (isMoney(c))
            return formatMoney(m_money[size_t(c)], Money::Decimals);
        if (isCount(c))
            return QLocale().toString(m_counts[size_t(c)]);
        if (isUnitCost(c))
            return unitCostTotal(c) ? formatMoney(*unitCostTotal(c), Money::Decimals)
                                    : QStringLiteral("\u2014");
        return QVariant();
    case Qt::ToolTipRole:
        if (isMoney(c))
            return tr("Exact total: %1").arg(formatMoney(m_money[size_t(c)], Money::Decimals));
        if (isUnitCost(c))
            return unitCostTotal(c) ? tr("Exact: %1 per 1,000 calls, over the rows shown")
                                          .arg(formatMoney(*unitCostTotal(c), Money::Decimals))
                                    : tr("No billable calls: the cost per 1,000 calls is undefined");
        return QVariant();
    case MoneyRole:
        if (isUnitCost(c))
            return unitCostTotal(c) ? QVariant(unitCostTotal(c)->units()) : QVariant();
        return isMoney(c) ? QVariant(m_money[size_t(c)].units()) : QVariant();
    case SortRole:
        return isCount(c) ? QVariant(m_counts[size_t(c)]) : QVariant();
    case Qt::TextAlignmentRole:
        if (isMoney(c) || isCount(c) || isUnitCost(c))
            return rightAligned();
        return leftAligned();
    case Qt::FontRole: {
        QFont f;
        f.setBold(true);
        return f;
    }
    default:
        return QVariant();
    }
}

QVariant TotalsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (m_source && orientation == Qt::Horizontal)
        return m_source->headerData(section, orientation, role);
    return QVariant();
}

} // namespace billing::ui
