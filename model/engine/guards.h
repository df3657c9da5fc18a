#pragma once

#include "core/result.h"
#include "domain/guard.h"
#include "domain/types.h"

#include <functional>
#include <optional>
#include <vector>

namespace billing {

struct Context;
class RatingState;
class BillingCalendar;

namespace guards {

// A guard as the command line and the console describe it: the scope and trigger given by a person.
// api "all" or empty is every API; a balance guard's scope is every API (billing-rules §12.19).
struct GuardSpec
{
    QString name;
    QString api; // "all" / empty: every API
    QString region;
    std::optional<QString> monthCost;    // an amount as typed (§12.14)
    std::optional<QString> balanceFloor; // an amount as typed
};
// Checks a spec against the rules and the catalog: malformed amounts, unknown APIs or regions, a
// balance guard with a scope, a missing or double trigger are bad usage; an amount outside 0.01 …
// 10,000,000.00 is refused (as a top-up's, §12.11).
Result<Guard> fromSpec(Context &ctx, const GuardSpec &spec);

// Stores a new guard, first checked at the next hour end after now; a name that exists is refused.
Result<Guard> set(Context &ctx, Guard guard);
Status remove(Context &ctx, const QString &name);

// Whether the guard counts as fired at `now`: a cost guard during the month it fired for, a balance
// guard until it re-arms (§12.19).
bool firedAt(const Guard &guard, const BillingCalendar &calendar, Instant now);
// Every guard in id order, its state as of ctx.now.
Result<std::vector<Guard>> list(Context &ctx);

// The services a fired guard disabled that are still disabled (disabled at its firing, not changed
// since), in catalog order.
Result<std::vector<ServiceState>> stillDisabledBy(Context &ctx, const Guard &guard);
// Enables them again, as `enable` would, by the person running the command (a guard never enables).
// Returns the services enabled.
Result<std::vector<ServiceState>> reenable(Context &ctx, const QString &name);

// Checks the guards at the end of the settled hour ending at `hourEnd`, in id order (billing-rules §13,
// §12.3: after the arrears stages, before auto-renew attempts). A guard that fires disables every
// enabled service of its scope at hourEnd as `disable` does, with the guard as the audit log's actor,
// and raises a notification. The rating state learns the disabled services. `settled`: the hour had
// lines (without, a cost guard checked before has nothing new to count).
Status check(Context &ctx, RatingState &state, std::vector<Guard> &guards, Instant hourEnd, bool settled);

// The dry run (§13): what the guard would have done had it existed for the last `days` days (1–366).
struct DryRun
{
    std::optional<Instant> wouldFireAt;
    qint64 callsRejected = 0;
    Money chargesAvoided;
};
inline constexpr int kMaxDryRunDays = 366;
// Replays the window hour by hour against the account's own history: until the guard would first
// fire, the account would have been exactly as it was (a guard changes nothing before it fires), so the
// instant is the first hour end at which its trigger held; from there the scope's services that were
// enabled stay disabled until a person enabled them again: their successful calls in that time are
// what it would have rejected (billed then, or rejected anyway, e.g. by the guard itself when it exists
// already), their charges what it would have avoided. Reads only.
// `progress(done, total)` returning false cancels (the result is then an error).
Result<DryRun> dryRun(Context &ctx, const Guard &guard, int days,
                      const std::function<bool(int, int)> &progress = {});

} // namespace guards
} // namespace billing
