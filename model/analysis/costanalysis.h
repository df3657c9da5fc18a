#pragma once

// Cost management (billing-rules §10): cost analysis over time (cash and amortized views), allocation
// of shared costs, a forecast to month end, optimization advice and the price calculator.
//
// Readings chosen where the rules are open:
// - Cash view, time of a charge: a record counts at its expenditure time (usage: its hour; purchases,
//   renewals, refunds: their payment time) — except a late usage line whose charge went into a later
//   bill month because its own month was already final (billing-rules §12.15): that one counts at the
//   hour of the settlement that billed it, which lies in its bill month. So hour, day and month rows
//   always add up to each other, and a whole month's cash total equals that month's bill totals.charged.
// - Amortized view: every cost counts at the hour the calls were made (late lines included); a package's
//   price is spread over the lines it covered, in the order they were written, by cumulative flooring in
//   whole cents (line i gets floor(P·c_i/Q) − floor(P·c_{i−1}/Q), c_i = calls covered so far), so the
//   parts never change once shown and add up to the cent; when the package is used up the last line
//   takes what is left. The unused part becomes "waste" at the package's last second, once the package
//   has expired before both `to` and the last settled hour. Cancelled (refunded) packages cost nothing.
// - Dimensions: purchases, renewals, refunds and waste have no project: they group as "(shared)" under
//   project and tag. A project without tags groups as "(untagged)"; a project with several tags counts
//   in each of its tags (so rows grouped by tag may add up to more than the total; `total` counts each
//   cost once).
#include "catalog/catalog.h"
#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <limits>
#include <map>
#include <optional>
#include <vector>

namespace billing {

struct Context;

inline const QString kProjectShared = QStringLiteral("(shared)");
inline const QString kTagUntagged = QStringLiteral("(untagged)");
inline const QString kModeWaste = QStringLiteral("waste");

// ---------------------------------------------------------------------------------------------------
// Cost analysis

struct CostQuery
{
    enum Granularity { Hour, Day, Month };
    enum View { Cash, Amortized };

    Instant from = 0; // inclusive
    Instant to = 0;   // exclusive
    Granularity granularity = Day;
    QStringList groupBy; // up to 2 of costDimensions()
    View view = Cash;
    // Filters: empty means all. Values as they appear in the rows ("(shared)", "(untagged)" included).
    QStringList apis;
    QStringList categories;
    QStringList regions;
    QStringList projects;
    QStringList modes;
    QStringList tags;
};

// "api", "category", "region", "mode", "project", "tag".
const QStringList &costDimensions();
QString granularityId(CostQuery::Granularity g); // "hour", "day", "month"
std::optional<CostQuery::Granularity> granularityFromId(const QString &id);
QString viewId(CostQuery::View v); // "cash", "amortized"
std::optional<CostQuery::View> viewFromId(const QString &id);
// Checks a query's shape (range, dimensions); the error is a bad-usage error.
Status validateCostQuery(const CostQuery &q);

struct CostRow
{
    Instant period = 0;              // first instant of the hour, day or month (billing time zone)
    std::map<QString, QString> keys; // DIM → value, for each dimension of groupBy
    qint64 calls = 0;
    Money cost;
};

struct CostResult
{
    std::vector<CostRow> rows; // by period, then by key values
    Money total;               // every cost counted once, whatever the grouping
    qint64 calls = 0;
};

Result<CostResult> analyzeCost(Context &ctx, const CostQuery &q);
// analyzeCost(…).total of the cash view over [from, to) without filters, grouping or rows: the one
// figure the overview shows, read without the grouping that analyzeCost pays for.
Result<Money> cashTotal(Context &ctx, Instant from, Instant to);

// ---------------------------------------------------------------------------------------------------
// Allocation (billing-rules §10)

// Parts proportional to the weights, each truncated toward zero to whole cents; the cents left over go
// one each to the parts with the largest remainders (ties: the earlier index). A total with a fraction
// of a cent gives that fraction to the part with the largest weight (ties: earlier). Negative weights
// count as 0; when every weight is 0 the total is split evenly. A negative total (a refund) is split
// as its absolute value and every part negated. The parts always add up to exactly `total`.
std::vector<Money> splitLargestRemainder(Money total, const std::vector<qint64> &weights);

enum class AllocationRule { Proportional, Even, Fixed };
QString allocationRuleId(AllocationRule r); // "proportional", "even", "fixed"
std::optional<AllocationRule> allocationRuleFromId(const QString &id);

struct ProjectShare
{
    QString project;
    qint64 coveredCalls = 0;     // Proportional: the calls the shared cost served for this project
    qint64 fixedBasisPoints = 0; // Fixed: percentage × 100 (they must add up to 10000)
};
// Splits one shared cost over projects by the rule (Proportional with no calls at all falls back to Even).
Result<std::vector<Money>> allocateShared(Money total, AllocationRule rule,
                                          const std::vector<ProjectShare> &projects);

struct ProjectCost
{
    QString project;
    qint64 calls = 0;
    Money direct; // pay-per-use charges of the project's own calls
    Money shared; // its share of package purchases, renewals and refunds
    Money total() const { return direct + shared; }
};
// The cash cost of [from, to) per enterprise project, shared costs split by the rule: each package's
// net cost in the range goes to the projects whose calls it covered (Proportional, by covered calls over
// its life so far), evenly over the projects with calls in the range (Even, or Proportional when the
// package covered nothing yet), or by the given percentages (Fixed). The projects' totals add up to the
// cash total of the range; a shared cost with no project to go to stays on "(shared)".
Result<std::vector<ProjectCost>> allocateCosts(Context &ctx, Instant from, Instant to, AllocationRule rule,
                                               const QHash<QString, qint64> &fixedBasisPoints = {});

// ---------------------------------------------------------------------------------------------------
// Forecast to month end

struct Forecast
{
    QString month;    // "YYYY-MM"
    Instant asOf = 0; // end of the last settled hour taken into account
    int daysInMonth = 0;
    int completeDays = 0;     // days of the month fully settled
    std::vector<Money> daily; // cash cost of each complete day
    Money partialDay;         // cash cost so far of the day in progress
    Money actual;             // month to date (complete days + partial day)
    Money trendPerDay;        // fitted daily change (slope), per day
    Money projected;          // point estimate of the month's total
    Money low;                // interval, about 95 % (never below `actual`)
    Money high;
    bool intervalKnown = false; // needs at least 3 complete days
};

// The pure part: least-squares line y = a + b·t through the complete days (t = 0 … n−1), computed
// exactly in integers on whole cents. The days still to come (t = n … days−1) are projected on the
// line, never below 0 per day; the day in progress counts as max(its cost so far, its projected
// cost). Interval: ± 1.96 × s × √R, s² = Σ residual² / (n − 2), R = days projected (day in progress
// included); with fewer than 3 complete days there is no interval (low = high = projected).
// With 0 complete days the projection is the month to date; with 1, a flat line.
Forecast forecastFromDaily(const std::vector<Money> &dailyCosts, Money partialDay, int daysInMonth);
// Gathers the month's daily cash costs up to the last settled hour and projects them. month "YYYY-MM",
// empty for the current month. A month that has not started yet is refused.
Result<Forecast> forecastMonth(Context &ctx, const QString &month = QString());

// ---------------------------------------------------------------------------------------------------
// Optimization and price calculator

// Pay-per-use cost of `calls` calls in a month: graduated tiers from position 1, floor(Σ/1000),
// truncated to cents.
Money payPerUseMonthly(const std::vector<Tier> &tiers, qint64 calls);
// Monthly cost of one package of `quota` calls priced `price` (a 1-year term): price / 12 truncated to
// cents, plus pay-per-use for the calls above quota / 12 (floored) in the month.
Money packageMonthly(Money price, qint64 quota, const std::vector<Tier> &tiers, qint64 calls);

struct TierLine
{
    int tier = 0;         // 0-based
    qint64 firstCall = 0; // 1-based position on the month's counter
    qint64 calls = 0;
    Money pricePer1000;
    Money amount; // calls × price / 1000 (exact at 8 decimals)
};

struct Quote
{
    QString option;           // "pay-per-use" or a SKU id
    Money packagePrice;       // SKU: the price of one 1-year package
    qint64 monthlyQuota = 0;  // SKU: quota / 12
    qint64 overflowCalls = 0; // calls charged pay-per-use
    std::vector<TierLine> tiers;
    Money monthlyCost;
    std::optional<qint64> breakEvenCalls; // SKU: monthly calls from which it is cheaper than pay-per-use
};
// Monthly cost of `monthlyCalls` calls of `api` under pay-per-use (first) and under each SKU of the price
// list in force at `at` (default: the latest).
Result<std::vector<Quote>> priceCalculator(const Catalog &catalog, const QString &api, qint64 monthlyCalls,
                                           Instant at = std::numeric_limits<Instant>::max());
// The smallest monthly volume at which one package of this SKU is cheaper than pay-per-use (none if it
// never is within the package's monthly quota).
std::optional<qint64> breakEvenCalls(Money price, qint64 quota, const std::vector<Tier> &tiers);

struct Recommendation
{
    QString api;
    QString region;
    qint64 monthlyCalls = 0; // billable calls in the last 30 days
    QString current;         // "pay-per-use" or the SKU of the package in force with quota left
    QString best;            // cheapest option
    Money monthlyCostNow;
    Money monthlyCostBest;
    Money saving; // now − best
    std::vector<Quote> options;
    // The package in force (if any): at the current rate, does it lapse with quota unused, or run out?
    std::optional<qint64> packageId;
    qint64 lapsingCalls = 0;          // quota expected to be left at expiry
    std::optional<Instant> runsOutAt; // when the quota runs out at the current rate, before expiry
    Money costAfterRunOut;            // pay-per-use for the rest of the term after that
    QString reason;                   // a translated sentence with the numbers
};
// For each (API, region) with usage in the 30 days that end at the last settled hour.
Result<std::vector<Recommendation>> recommend(Context &ctx);

} // namespace billing
