#pragma once

// The marginal price (billing-rules §10): what the next 1,000 calls of an (API, region) would cost now.
#include "catalog/catalog.h"
#include "core/result.h"
#include "domain/types.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>

#include <utility>
#include <vector>

namespace billing {

struct Context;

inline constexpr qint64 kMarginalCalls = 1000;

// One run of the next calls: drawn on a package, or priced at one pay-per-use tier.
struct MarginalPart
{
    qint64 calls = 0;
    qint64 packageId = 0; // 0: pay-per-use
    QString sku;          // package: its size
    int tier = 0;         // pay-per-use: 0-based
    Money pricePer1000;   // pay-per-use: the tier's price
};

struct MarginalPrice
{
    QString api;
    QString region;
    qint64 monthCalls = 0;           // the month's pay-per-use counter
    std::vector<MarginalPart> parts; // in the order the calls would be billed
    Money per1000;                   // exact at 8 decimals: a rate, so not truncated to cents like a charge
};

// From a given state: the packages of this API and region in force at `at` with quota left are drawn on
// first, in deduction order (any others in `packages` are ignored); the rest moves the counter from
// `monthCalls` through the tiers of the price list in force at `at`. A disabled service or a frozen
// account still gets the price the calls would cost once billable.
Result<MarginalPrice> marginalPrice(const Catalog &catalog, const QString &api, const QString &region,
                                    qint64 monthCalls, const std::vector<Package> &packages, Instant at);

// For each (API, region), from the account as settled at ctx.now: this month's counters and the
// packages' remaining quota as of the last settled hour.
Result<std::vector<MarginalPrice>> marginalPrices(Context &ctx,
                                                  const std::vector<std::pair<QString, QString>> &services);

} // namespace billing
