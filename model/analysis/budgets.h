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
//   "budget:<id>:<month>:<threshold>:<kind>", and a budget_alert row; once fired for a month it never
//   fires again that month, even after the budget is edited.
#include "analysis/forecast.h"
#include "core/result.h"
#include "storage/budgetrepository.h"
#include "time/instant.h"

#include <vector>

namespace billing {

struct Context;

// Checks the budgets against the month of the hour that ended at `at` (the settlement instant) and
// notifies thresholds crossed for the first time in that month. A catch-up reads the budgets once
// (nothing edits them while it runs) and passes them here for every settled hour; free when none exist.
Status checkBudgets(Context &ctx, Instant at, const std::vector<Budget> &budgets);

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
