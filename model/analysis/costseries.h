#pragma once

// Shapes cost analysis results for charts and tables (billing-rules §10): one total per value of a
// dimension (composition, with the previous period beside it), and series over time with every period
// of the range present, the top N series kept and the rest summed into "(others)". All sums are exact
// Money; charts convert to double only when drawing.
#include "analysis/costanalysis.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace billing {

class BillingCalendar;

inline const QString kSeriesOthers = QStringLiteral("(others)");

struct CostShare
{
    QString key; // the dimension's value
    qint64 calls = 0;
    Money cost;
    qint64 previousCalls = 0;
    Money previousCost;
    Money change() const { return cost - previousCost; }
};

struct Composition
{
    QString dimension;
    std::vector<CostShare> shares; // by cost, largest first (ties: by key)
    Money total;                   // every cost counted once
    qint64 calls = 0;
    Money previousTotal;
    qint64 previousCalls = 0;
};

// Totals per value of `dimension` of the query's range [q.from, q.to) and of the previous range
// [previousFrom, previousTo) (skipped when previousFrom >= previousTo). q.groupBy is replaced.
Result<Composition> costComposition(Context &ctx, CostQuery q, const QString &dimension, Instant previousFrom,
                                    Instant previousTo);

struct CostSeries
{
    QStringList keys; // one value per grouping dimension; {kSeriesOthers} for the rest; {} when ungrouped
    std::vector<Money> cost;   // one per period
    std::vector<qint64> calls; // one per period
    Money totalCost;
    qint64 totalCalls = 0;
    bool others = false;
};

struct CostSeriesSet
{
    std::vector<Instant> periods; // every period start in [from, to), empty ones included
    std::vector<CostSeries> series;
    Money total;
    qint64 calls = 0;
};

// A query over [from, to) at a granularity, everything else at its default.
CostQuery rangeQuery(Instant from, Instant to, CostQuery::Granularity granularity = CostQuery::Day);

// Every period start of the range at the granularity (billing time zone).
std::vector<Instant> periodStarts(const BillingCalendar &cal, CostQuery::Granularity g, Instant from,
                                  Instant to);
// Series of a result computed for `q`: largest total cost first (ties: by keys); when there are more than
// `topN` (> 0), the first topN are kept and the rest are summed into one "(others)" series.
CostSeriesSet buildSeries(const CostResult &result, const CostQuery &q, const BillingCalendar &cal, int topN);
// Running totals: every value becomes the sum of itself and all before it (cumulative month view).
CostSeriesSet cumulative(CostSeriesSet set);

} // namespace billing
