#pragma once

#include "analysis/costmeasure.h"
#include "analysis/costseries.h"
#include "analysis/forecast.h"
#include "costcenter/analysisview.h"
#include "domain/budget.h"

#include <QStringList>

#include <optional>
#include <vector>

class QPalette;

namespace billing {
class Catalog;
}

namespace billing::ui {

class TimeSeriesPlot;

// Draws an Analysis result on the time chart: the series (their values as doubles, the one place where
// money becomes double), the forecast band and the budget lines when they apply (cumulative cost of
// one month), with colours from the shared palette.
struct AnalysisChart
{
    const CostSeriesSet *set = nullptr;
    QStringList names;
    QString firstDimension;
    std::vector<QString> colourKeys; // per series: the key that decides its colour
    const SeriesUnitCosts *unitCosts =
        nullptr; // for the measure UnitCost: drawn as lines, gaps where undefined
    AnalysisView view;
    std::optional<Forecast> forecast; // shown when set
    std::vector<Budget> budgets;      // shown when non-empty
    Instant monthEnd = 0;
};
void drawAnalysis(TimeSeriesPlot &plot, const AnalysisChart &chart, const Catalog *catalog,
                  const QPalette &palette, const QString &currency);

} // namespace billing::ui
