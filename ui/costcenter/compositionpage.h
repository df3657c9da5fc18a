#pragma once

#include "analysis/costmeasure.h"
#include "widgets/format.h"
#include "widgets/page.h"

class QChartView;
class QComboBox;
class QHorizontalBarSeries;
class QPieSeries;
class QPieSlice;
class QBarCategoryAxis;
class QTableView;
class QValueAxis;

namespace billing {
class Engine;
}

namespace billing::ui {

class CompositionModel;
class ErrorBanner;
class Figure;
class FilterChips;
class PeriodPicker;
class TotalsFooter;
class TotalsModel;

// Cost Center › Composition: what the cost of a period is made of, by API, category, region, billing
// mode or enterprise project — a donut and a bar chart (this period against the one before) beside the
// table they are drawn from; the measure is the cost, the billable calls or the unit cost (per 1,000
// billable calls: bars only, a rate has no share). Clicking a slice (or double-clicking a row) filters the
// page to it and breaks it down by the next dimension; the chip removes the filter.
class CompositionPage : public Page
{
    Q_OBJECT

public:
    CompositionPage(Engine &engine, QWidget *parent);

    void refresh() override;

    CompositionModel *model() const { return m_model; }
    TotalsModel *totals() const { return m_totals; }
    PeriodPicker *period() const { return m_period; }
    FilterChips *filters() const { return m_filters; }
    QPieSeries *donut() const { return m_pie; }
    QHorizontalBarSeries *bars() const { return m_bars; }
    QString dimension() const;
    void setDimension(const QString &dimension);
    QComboBox *measureBox() const { return m_measure; }
    Figure *unitCostFigure() const { return m_unitCost; }
    QTableView *table() const { return m_table; }
    // What clicking slice `row` does: filter to it and break it down further.
    void drillInto(int row);

private:
    // The totals row sums what the measure makes summable: money, counts, or unit costs of sums.
    void setTotalsFor(CostMeasure measure);
    void colourCharts();
    void showSliceTooltip(QPieSlice *slice, bool state);
    void exportChart();
    void exportTable();

    Engine &m_engine;
    AccountDisplay m_display;
    CompositionModel *m_model;
    TotalsModel *m_totals;
    CostMeasure m_totalsMeasure = CostMeasure::Cost;
    ErrorBanner *m_banner;
    PeriodPicker *m_period;
    QComboBox *m_dimension;
    QComboBox *m_measure;
    FilterChips *m_filters;
    Figure *m_total;
    Figure *m_change;
    Figure *m_calls;
    Figure *m_unitCost;
    QPieSeries *m_pie;
    QHorizontalBarSeries *m_bars;
    QBarCategoryAxis *m_barAxis;
    QValueAxis *m_valueAxis;
    QChartView *m_pieView;
    QChartView *m_barView;
    QTableView *m_table;
    TotalsFooter *m_footer;
};

} // namespace billing::ui
