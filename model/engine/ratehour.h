#pragma once

#include "engine/settlement.h"
#include "storage/recordrepository.h"
#include "storage/usagerepository.h"

#include <QHash>

#include <functional>
#include <utility>
#include <vector>

namespace billing {

class BillingCalendar;
class Catalog;

// The key of one record line of an hour, by name index (PendingCalls::names): no string work per call.
struct LineKey
{
    Instant hour; // the hour the calls were made in (an earlier one for late calls)
    quint32 api;
    quint32 region;
    quint32 project;
    qint64 packageId; // 0: pay-per-use
    bool late;
    bool operator==(const LineKey &o) const = default;
};

struct Line
{
    qint64 calls = 0;
    Int128 sumPer1000 = 0;      // pay-per-use: Σ price per 1000 calls, in 1e-8 units
    std::vector<TierUse> tiers; // pay-per-use: the calls at each tier, in counter order
};

// What one hour's calls come to, before anything is stored or paid.
struct RatedHour
{
    // In record order: API, region and project names, then hour, package and lateness.
    std::vector<std::pair<LineKey, Line>> lines;
    std::vector<UsageCount> usage;     // the calls by status and outcome, in key order
    QHash<qint64, qint64> quotaBefore; // package id → remaining quota before the hour, for those drawn on
};

// Where a month's tier counter stood before this catch-up, for a counter `state` does not hold yet.
using StoredCounter =
    std::function<Result<qint64>(const QString &month, const QString &api, const QString &region)>;

// Rates the calls settling in the hour starting at `hour` (billing-rules §5, §12.15): each billable call
// draws on the packages in force in deduction order, the rest moves the month's tier counter and is
// priced slice by slice at the tiers of the price list in force at the call. No database access: the
// packages' remaining quota and the tier counters advance in `state`; storedCounter is asked only for
// a (month, API, region) counter that `state` does not hold yet.
Result<RatedHour> rateHour(const PendingCalls &pending, Instant hour, RatingState &state,
                           const Catalog &catalog, const BillingCalendar &calendar,
                           const StoredCounter &storedCounter);

} // namespace billing
