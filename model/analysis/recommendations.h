#pragma once

// Optimization advice (billing-rules §10): for each API and region in use, the cheapest billing option
// at the recent volume, and how the package in force is likely to end.
#include "analysis/pricecalculator.h"
#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>

#include <optional>
#include <vector>

namespace billing {

struct Context;

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
