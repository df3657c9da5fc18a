#pragma once

#include "money/money.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <optional>

#include <vector>

namespace billing::ui {

// One row that sums the rows of another table model (usually the filtered proxy the table shows), so
// that the totals always equal what the table lists. Money columns sum MoneyRole exactly; count
// columns sum SortRole. Unit-cost columns sum what each cell's UnitCostBasisRole holds and show the unit
// cost of those sums ("—" where there are no calls): unit costs do not add. Column 0 carries the label.
class TotalsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    TotalsModel(QAbstractItemModel *source, std::vector<int> moneyColumns, std::vector<int> countColumns,
                QObject *parent, std::vector<int> unitCostColumns = {});

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    Money moneyTotal(int column) const;
    qint64 countTotal(int column) const;
    // The unit cost of a unit-cost column's sums; std::nullopt where undefined.
    std::optional<Money> unitCostTotal(int column) const;
    int sourceRows() const { return m_rows; }

private:
    void recompute();
    bool isMoney(int column) const;
    bool isCount(int column) const;
    bool isUnitCost(int column) const;

    QPointer<QAbstractItemModel> m_source;
    std::vector<int> m_moneyColumns;
    std::vector<int> m_countColumns;
    std::vector<int> m_unitCostColumns;
    std::vector<Money> m_money; // per column
    std::vector<qint64> m_counts;
    std::vector<std::optional<Money>> m_unitCosts;
    int m_columns = 0;
    int m_rows = 0;
};

} // namespace billing::ui
