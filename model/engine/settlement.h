#pragma once

#include "core/result.h"
#include "domain/types.h"
#include "engine/settlementrange.h"

#include <QHash>

#include <map>
#include <tuple>
#include <vector>

namespace billing {

struct Context;

// What rating needs to know about the account over time, loaded once per catch-up: packages and
// coupons (changed as hours settle), and the history of services and of the frozen state, so that
// every call is rated against the state at its own instant (billing-rules §5, §4 late usage).
using Timeline = std::vector<std::pair<Instant, bool>>; // (at, value), in time order

// The last change at or before t wins (billing-rules §12.2: a change at T applies to calls at T).
inline bool valueAt(const Timeline &timeline, Instant t)
{
    bool v = false;
    for (const auto &[at, value] : timeline) {
        if (at > t)
            break;
        v = value;
    }
    return v;
}

class RatingState
{
public:
    Status load(Context &ctx);
    Status reloadPackages(Context &ctx);
    Status reloadCoupons(Context &ctx);
    // What load() reads of the history, for rating without a database too.
    void addServiceEvent(const QString &api, const QString &region, Instant at, bool enabled);
    void setFrozenHistory(Timeline frozen);

    bool enabledAt(const QString &api, const QString &region, Instant t) const;
    bool frozenAt(Instant t) const;
    const Timeline *serviceTimeline(const QString &api, const QString &region) const; // null: never enabled

    std::vector<Package> packages; // in deduction order
    std::vector<Coupon> coupons;

    // The months' pay-per-use tier counters, read once per catch-up and written when it ends.
    struct Counter
    {
        qint64 calls = 0;
        bool changed = false;
    };
    std::map<std::tuple<QString, QString, QString>, Counter> counters; // (month, api, region)
    Status writeCounters(Context &ctx);

    // The months' bill sums, read once per catch-up and counted on as lines are stored.
    BillMonthSums bills;

private:
    QHash<QString, Timeline> m_services; // "api|region" → (at, enabled)
    Timeline m_frozen;                   // (at, frozen)
};

// Deduction order of packages (billing-rules §5): earlier effective, earlier expiry, earlier purchase, lower
// id.
bool deductsBefore(const Package &a, const Package &b);

// Settles every pending call whose settlement is the hour starting at `hour` (billing-rules §5, §12.15).
Status settleHour(Context &ctx, RatingState &state, Instant hour);

// Is the bill of the month starting at monthStart final at instant t? (open until the 3rd of the next month)
bool monthFinalAt(const Context &ctx, Instant monthStart, Instant t);

} // namespace billing
