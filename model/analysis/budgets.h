#pragma once

// Budgets (billing-rules §10): a monthly amount with alert thresholds on the month's actual spend and on
// its forecast; each threshold alerts once per month.
//
// Readings chosen where the rules are open (ours):
// - Actual spend of a month = its cash cost so far (the cash view of cost analysis: what its bill's
//   amount due will hold), up to the last settled hour.
// - Forecast = forecastFromDaily's point estimate (`projected`); it alerts only once 3 days of the month
//   are complete (the same evidence the interval needs), so a single busy first hour cannot alert.
// - A threshold t of a budget of amount A is crossed when spend ≥ A × t / 100 (exact).
// - The alert is a notification "budget-actual" or "budget-forecast" with a dedupe key
//   "budget:<id>:<month>:<threshold>:<kind>" (":<scope key>" appended for a scoped budget; its args then
//   hold "scope", scopeToJson()), and a
//   budget_alert row under the budget's scope; once fired for a month it never fires again that month
//   for that scope, even after the amount or thresholds are edited; a budget whose scope is changed
//   alerts again for its new scope.
// - Scope (billing-rules §10, "Budget scope"): actual and forecast are those of the cash costs that
//   match the scope, computed the same way. A usage charge matches by its API, region, enterprise project
//   and that project's cost tags (one of them in the scope is enough). Purchases, renewals and refunds
//   match by their package's API and region; under a project or tag scope they count by the share of
//   the matching projects, split record by record under the default allocation rule (proportional to
//   the calls the package covered for each project up to the end of the range; a package that covered
//   nothing yet: evenly over the projects with usage in the month so far; see allocation.h), largest
//   remainder to the cent. A shared cost with no project to go to stays outside every project scope.
#include "analysis/costanalysis.h"
#include "analysis/forecast.h"
#include "core/result.h"
#include "domain/budget.h"
#include "storage/budgetrepository.h"
#include "time/instant.h"

#include <optional>
#include <vector>

namespace billing {

struct Context;

// Checks the budgets against the month of the hour that ended at `at` (the settlement instant) and
// notifies thresholds crossed for the first time in that month. A catch-up reads the budgets once
// (nothing edits them while it runs) and passes them here for every settled hour; free when none exist.
Status checkBudgets(Context &ctx, Instant at, const std::vector<Budget> &budgets);

// The cash costs in [from, to) that count in a scope, each at its cash instant (usage by day).
Result<std::vector<DatedCost>> scopedCosts(Context &ctx, const BudgetScope &scope, Instant from, Instant to);
// forecastMonthAt over the costs of a scope (the same call for the empty scope).
Result<Forecast> scopedForecastAt(Context &ctx, const BudgetScope &scope, Instant monthStart, Instant asOf);
// The scope a cost query's filters select (its API, region, project and tag filters), for the budgets
// a chart of that query may draw; none when it filters by category or mode, which no scope has.
std::optional<BudgetScope> scopeOfQuery(const CostQuery &q);
// An API or region of the scope the catalog does not know: a bad-usage error naming it.
Status checkScopeAgainstCatalog(const Context &ctx, const BudgetScope &scope);

// The spend at which each actual threshold of a budget is crossed (amount × t / 100, floored to cents).
std::vector<std::pair<int, Money>> thresholdAmounts(const Budget &budget);

// What the Budgets page and `billingctl budget list` show for one budget in one month.
struct BudgetStatus
{
    Budget budget;
    QString month;
    Money actual;
    Forecast forecast;
    int actualPercent = 0;   // actual / amount, whole percent (floored)
    int forecastPercent = 0; // forecast.projected / amount
};
// The status of every budget in the month holding ctx.now (month to date up to the last settled hour).
Result<std::vector<BudgetStatus>> budgetStatuses(Context &ctx);

} // namespace billing
