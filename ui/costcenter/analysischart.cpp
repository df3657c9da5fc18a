#include "costcenter/analysischart.h"
#include "costcenter/tr.h"

#include "analysis/budgets.h"
#include "widgets/chartpalette.h"
#include "widgets/timeseriesplot.h"

#include <QCoreApplication>
#include <QLocale>
#include <QtNumeric>

namespace billing::ui {

namespace {

double toDouble(Money m)
{
    return double(m.units()) / double(Money::Scale); // chart-drawing boundary
}

double periodSeconds(CostQuery::Granularity g)
{
    return g == CostQuery::Hour ? 3600.0 : g == CostQuery::Day ? 86400.0 : 30.0 * 86400.0;
}
} // namespace

void drawAnalysis(TimeSeriesPlot &plot, const AnalysisChart &c, const Catalog *catalog,
                  const QPalette &palette, const QString &currency)
{
    const CostSeriesSet &set = *c.set;
    const bool cost = c.view.measure == CostMeasure::Cost;
    const bool perCalls = c.view.measure == CostMeasure::UnitCost;
    // A unit cost is a rate: NaN (a gap in the line) where a period has no billable calls.
    const auto unitCostAt = [&](size_t series, size_t k) {
        if (!c.unitCosts || series >= c.unitCosts->values.size() || k >= c.unitCosts->values[series].size())
            return qQNaN();
        const std::optional<Money> &u = c.unitCosts->values[series][k];
        return u ? toDouble(*u) : qQNaN();
    };
    std::vector<double> keys;
    keys.reserve(set.periods.size());
    for (Instant t : set.periods)
        keys.push_back(double(t / kMicrosPerSecond));
    const auto after = [&](size_t k) {
        return c.view.cumulative && c.forecast && set.periods[k] >= c.forecast->asOf;
    };
    std::vector<PlotSeries> series;
    series.reserve(set.series.size());
    for (size_t i = 0; i < set.series.size(); ++i) {
        const CostSeries &s = set.series[i];
        PlotSeries p;
        p.name = c.names.value(int(i));
        p.color = ChartPalette::seriesColor(catalog, c.firstDimension, c.colourKeys[i], int(i), palette);
        p.values.reserve(keys.size());
        for (size_t k = 0; k < keys.size(); ++k)
            // Running totals stop at the last settled hour (a gap after it, not a flat line).
            p.values.push_back(after(k)   ? qQNaN()
                               : perCalls ? unitCostAt(i, k)
                               : cost     ? toDouble(s.cost[k])
                                          : double(s.calls[k]));
        series.push_back(std::move(p));
    }
    plot.setValueAxisLabel(cost       ? CostCenterTr::tr("Cost (%1)").arg(currency)
                           : perCalls ? CostCenterTr::tr("Cost per 1,000 calls (%1)").arg(currency)
                                      : CostCenterTr::tr("Calls"));
    // Unit costs do not add up: never stacked; dotted, so that a period between two without calls shows.
    plot.setSeries(keys, series,
                   perCalls                                ? TimeSeriesPlot::Style::Points
                   : c.view.style == AnalysisView::Stacked ? TimeSeriesPlot::Style::Stacked
                                                           : TimeSeriesPlot::Style::Lines,
                   periodSeconds(c.view.granularity));

    // Forecast: from the month to date at the last settled hour to the projection at the month's end.
    if (c.forecast && cost && c.view.cumulative) {
        const Forecast &f = *c.forecast;
        const double start = double(f.asOf / kMicrosPerSecond), end = double(c.monthEnd / kMicrosPerSecond);
        std::vector<double> fk, centre, low, high;
        const int steps = 24;
        for (int i = 0; i <= steps; ++i) {
            const double w = double(i) / steps;
            fk.push_back(start + (end - start) * w);
            const double a = toDouble(f.actual);
            centre.push_back(a + (toDouble(f.projected) - a) * w);
            low.push_back(a + (toDouble(f.low) - a) * w);
            high.push_back(a + (toDouble(f.high) - a) * w);
        }
        plot.setBand(CostCenterTr::tr("Forecast %1 (%2 \u2013 %3)")
                         .arg(f.projected.truncatedToCents().toDisplayString(QLocale(), 2),
                              f.low.truncatedToCents().toDisplayString(QLocale(), 2),
                              f.high.truncatedToCents().toDisplayString(QLocale(), 2)),
                     fk, centre, low, high, ChartPalette::forecastColor(palette));
    } else {
        plot.setBand(QString(), {}, {}, {}, {}, QColor());
    }

    std::vector<std::pair<QString, double>> lines;
    if (cost && c.view.cumulative)
        for (const Budget &b : c.budgets)
            for (const auto &[threshold, amount] : thresholdAmounts(b))
                lines.emplace_back(CostCenterTr::tr("%1: %2 % = %3")
                                       .arg(b.name)
                                       .arg(threshold)
                                       .arg(amount.toDisplayString(QLocale(), 2)),
                                   toDouble(amount));
    plot.setReferenceLines(lines, ChartPalette::budgetColor(palette));
}

} // namespace billing::ui
