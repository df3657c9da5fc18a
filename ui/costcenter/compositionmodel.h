#pragma once

#include "analysis/costmeasure.h"
#include "analysis/costseries.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

namespace billing::ui {

// Cost per value of one dimension over a period, with the period before it: the table of the
// Composition page, and the source its donut and bar charts map (ChartCost/ChartPrevious columns carry
// doubles for the charts and are hidden in the table). Share, Previous, Change and the chart columns
// follow the measure: cost, billable calls, or the unit cost (cost per 1,000 billable calls, in the
// UnitCost column; "—" where a part has no calls, and no share: rates do not add up).
class CompositionModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Name,
        Calls,
        Cost,
        UnitCost,
        Share,
        Previous,
        Change,
        ChartCost,
        ChartPrevious,
        ColumnCount
    };
    enum Role { KeyRole = Qt::UserRole + 20 };

    explicit CompositionModel(QObject *parent);

    // `unitCosts` are compositionUnitCosts(composition), needed for the measure UnitCost only.
    void setComposition(Composition composition, const AccountDisplay &display,
                        CostMeasure measure = CostMeasure::Cost, CompositionUnitCosts unitCosts = {});
    const Composition &composition() const { return m_c; }
    CostMeasure measure() const { return m_measure; }
    const CompositionUnitCosts &unitCosts() const { return m_unit; }
    QString key(int row) const;
    // The exact figures of a row in one line (chart tooltips).
    QString describe(int row) const;
    // The value the charts draw of row `row`, now or in the period before (0 where undefined).
    double chartValue(int row, bool previous) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<Money> money(int row, int column) const;
    std::optional<qint64> count(int row, int column) const;
    QVariant unitCostBasis(int row, int column) const;
    QString text(int row, int column) const;
    QString shareText(const CostShare &s) const;

    Composition m_c;
    AccountDisplay m_display;
    CostMeasure m_measure = CostMeasure::Cost;
    CompositionUnitCosts m_unit;
};

} // namespace billing::ui
