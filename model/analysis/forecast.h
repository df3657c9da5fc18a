#pragma once

// Forecast of a month's cash cost to month end (billing-rules §10).
#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>

#include <optional>

#include <vector>

namespace billing {

struct Context;

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
    // A figure that would leave ±10,000,000,000.00 (billing-rules §3 Range): its exact units; the figures
    // above it are then not computed, and forecastMonthAt refuses.
    std::optional<Int128> outOfRange;
};

// The pure part: least-squares line y = a + b·t through the complete days (t = 0 … n−1), computed
// exactly in integers on whole cents. The days still to come (t = n … days−1) are projected on the
// line, never below 0 per day; the day in progress counts as max(its cost so far, its projected
// cost). Interval: ± 1.96 × s × √R, s² = Σ residual² / (n − 2), R = days projected (day in progress
// included); with fewer than 3 complete days there is no interval (low = high = projected).
// With 0 complete days the projection is the month to date; with 1, a flat line.
Forecast forecastFromDaily(const std::vector<Money> &dailyCosts, Money partialDay, int daysInMonth);
// Gathers the daily cash costs of the month that starts at `monthStart` up to `asOf` (held inside the
// month) and projects them.
Result<Forecast> forecastMonthAt(Context &ctx, Instant monthStart, Instant asOf);
// The same projection of costs a caller gathered itself (a budget's scope): each cost counts on the day
// of its instant, which lies in [monthStart, asOf).
struct DatedCost
{
    Instant at = 0;
    Money cost;
};
Result<Forecast> forecastOfCosts(Context &ctx, Instant monthStart, Instant asOf,
                                 const std::vector<DatedCost> &costs);
// The range forecastMonthAt reads: asOf held inside the month.
Instant forecastAsOf(Context &ctx, Instant monthStart, Instant asOf);
// forecastMonthAt up to the last settled hour. month "YYYY-MM", empty for the current month. A month that
// has not started yet is refused.
Result<Forecast> forecastMonth(Context &ctx, const QString &month = QString());

} // namespace billing
