#pragma once

// The price calculator (billing-rules §10): what a monthly volume of calls costs under pay-per-use and
// under each package size.
#include "catalog/catalog.h"
#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>

#include <limits>
#include <optional>
#include <vector>

namespace billing {

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

} // namespace billing
