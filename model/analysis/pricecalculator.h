#pragma once

// The price calculator (billing-rules §10): what a monthly volume of calls costs under pay-per-use and
// under each package size.
#include "catalog/catalog.h"
#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>

class QLocale;

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

// Where one package is cheaper than pay-per-use, by the monthly figures as quoted (cents truncated). With
// graduated tiers it is a range: the calls the package covers save their pay-per-use price only while
// that price is above the package's monthly share, and past the tier boundaries it no longer is.
struct CheaperRange
{
    std::optional<qint64> from; // the smallest monthly volume at which it is cheaper; none: never
    std::optional<qint64> upTo; // with `from`, the last volume of the range; none: no upper end
    bool atVolume = false;      // cheaper at the volume quoted
};
// For one package of `quota` calls priced `price` at `calls` a month. Assumes tier prices that do not
// rise; just past upTo the two may still alternate by a cent of rounding for a few volumes, which
// atVolume reports as they fall.
CheaperRange cheaperRange(Money price, qint64 quota, const std::vector<Tier> &tiers, qint64 calls);
// The one sentence every view shows for it (calculator, billing-mode wizard, recommendations).
QString cheaperRangeText(const CheaperRange &range, const QLocale &locale);

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
    CheaperRange cheaper; // SKU: where it is cheaper than pay-per-use
};
// Monthly cost of `monthlyCalls` calls of `api` under pay-per-use (first) and under each SKU of the price
// list in force at `at` (default: the latest). Refused when a cost would leave ±10,000,000,000.00.
Result<std::vector<Quote>> priceCalculator(const Catalog &catalog, const QString &api, qint64 monthlyCalls,
                                           Instant at = std::numeric_limits<Instant>::max());

} // namespace billing
