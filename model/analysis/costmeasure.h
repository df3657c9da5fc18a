#pragma once

// What a cost analysis shows of each group (billing-rules §10, `cost --measure`): its cost, its billable
// calls, or its unit cost, the cost per 1,000 billable calls.
//
// Unit cost: cost × 1000 / calls, exact in 128 bits and floored to 8 decimals (Money's own precision, like
// a fee and like a price per 1,000); undefined (std::nullopt: "—" on screen, null in JSON, never 0) where
// there are no billable calls. A sum of groups has the unit cost of its sums (Σ cost × 1000 / Σ calls),
// never a sum or an average of unit costs. See docs/billing-decisions.md for the worked example.
#include "analysis/costseries.h"

#include <optional>
#include <vector>

namespace billing {

enum class CostMeasure { Cost, Calls, UnitCost };

QString measureId(CostMeasure m); // "cost", "calls", "unit-cost"
std::optional<CostMeasure> measureFromId(const QString &id);
// Every id, in the order above.
const QStringList &costMeasures();

// The unit cost of `cost` spent on `calls` billable calls; std::nullopt when calls is 0 (or negative).
// Refused (billing-rules §3 Range) when it would lie outside ±10,000,000,000.00 — a cost of more than
// 10,000,000.00 a call — rather than show a wrong figure.
Result<std::optional<Money>> unitCost(Money cost, qint64 calls);
// The same of a 128-bit sum of costs (a sum of groups): refused outside the range as above.
Result<std::optional<Money>> unitCost(Int128 costUnits, qint64 calls);

// The unit costs of an analysis: per row and of its total over its calls (every cost counted once).
struct ResultUnitCosts
{
    std::vector<std::optional<Money>> rows; // [row]
    std::optional<Money> total;
};
Result<ResultUnitCosts> resultUnitCosts(const CostResult &r);

// The unit costs of a series set, for charts and tables of the measure "unit cost": per series and
// period, per period over all series (the table's total column), per series over the whole range, and of
// the set (its total over its calls: every cost counted once). Each std::nullopt where undefined.
struct SeriesUnitCosts
{
    std::vector<std::vector<std::optional<Money>>> values; // [series][period]
    std::vector<std::optional<Money>> periodTotals;        // [period]
    std::vector<std::optional<Money>> seriesTotals;        // [series]
    std::optional<Money> total;
};
Result<SeriesUnitCosts> seriesUnitCosts(const CostSeriesSet &set);

// The unit costs of a composition: per share now and in the period before, and of the totals.
struct CompositionUnitCosts
{
    std::vector<std::optional<Money>> now;      // [share]
    std::vector<std::optional<Money>> previous; // [share]
    std::optional<Money> total;
    std::optional<Money> previousTotal;
};
Result<CompositionUnitCosts> compositionUnitCosts(const Composition &c);

} // namespace billing
