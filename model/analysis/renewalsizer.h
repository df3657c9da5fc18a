#pragma once

// The renewal right-sizer (issue #16, billing-rules §6 "renew as another size" and §10): for the last
// term of a package chain, how the term is likely to end (projected use, the quota that will lapse and
// what it is worth) and which size, or pay-per-use, the next term should be for the recent usage, with
// every cost taken from the price calculator so that the two always agree for the same volume.
#include "analysis/pricecalculator.h"
#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>

#include <optional>
#include <vector>

namespace billing {

struct Context;

// The windows the figures are read from (docs/billing-decisions.md, "Renewal right-sizer").
inline constexpr int kRightSizeRateDays = 30;  // the daily rate that projects the use to the term end
inline constexpr int kRightSizeUsageDays = 90; // the usage the next term is sized for (3 × 30 days)
inline constexpr int kRightSizeDefaultWithin = 30;
inline constexpr int kRightSizeMaxWithin = 366;

struct RightSizing
{
    qint64 packageId = 0; // the last term of the chain
    QString api;
    QString region;
    QString sku;                     // the term's size
    std::optional<QString> renewSku; // the size auto-renew is set to renew as (none: off)
    Instant termEnd = 0;             // the term's last second
    qint64 quota = 0;
    qint64 used = 0;            // quota − remaining, as of the last settled hour
    qint64 projectedUse = 0;    // used + what the rate takes of the rest, at most the quota
    qint64 lapsingCalls = 0;    // quota − projected use
    Money lapsingWorth;         // lapsing calls × price ÷ quota, floored at 8 decimals
    qint64 rateCalls = 0;       // billable calls of the API and region in the last 30 days
    qint64 usageCalls = 0;      // ... in the last 90 days
    qint64 monthlyCalls = 0;    // usage ÷ 3: the calculator's monthly volume
    qint64 nextTermCalls = 0;   // 12 × monthly
    QString best;               // "pay-per-use" or the cheapest SKU (the term's own on a tie)
    Money bestCost;             // a year of it: 12 × the calculator's monthly cost
    Money currentCost;          // a year of renewing at the term's size, the same way
    Money yearlyDifference;     // current − best (≥ 0)
    std::vector<Quote> options; // the calculator's quotes at the monthly volume
    bool endsWithin = false;    // the term ends within the days asked for
};

// Every chain whose last term has not ended and ends within `withinDays` days of now (1–366), soonest
// first; or, with `packageId`, the chain of that package whatever its term end (refused when there is no
// such package or its chain has ended or was cancelled).
Result<std::vector<RightSizing>> rightSize(Context &ctx, int withinDays = kRightSizeDefaultWithin,
                                           std::optional<qint64> packageId = std::nullopt);
// Bad usage unless 1 ≤ days ≤ 366.
Status validateRightSizeWithin(qint64 days);

} // namespace billing
