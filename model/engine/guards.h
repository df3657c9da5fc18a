#pragma once

#include "core/result.h"
#include "domain/guard.h"
#include "domain/types.h"

#include <functional>
#include <optional>
#include <vector>

namespace billing {

struct Context;
class Engine;
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
    Money arrearsAvoided; // a part of the charges avoided: what would not have driven the balance below 0
};
inline constexpr int kMaxDryRunDays = 366;
// Replays the window on a scratch copy of the account (engine/scratchcopy.h) with the guard in place,
// as if set `days` days before `now`; the account itself is only read (not even caught up: the copy is
// caught up to now first). Until the guard first fires the account would have been exactly as it was (a
// guard changes nothing before), so the copy's own history gives that hour end X. The copy is then taken back
// to the hour before X (every settlement, renewal, notification and state change after it undone) and the
// hours from there to now are replayed through the real settlement and catch-up: the calls the account
// counted in each hour, re-imported at the hour's start, and the top-ups, purchases and a person's enables
// and disables at their instants (a purchase's auto-renew as it is now). The guard fires at X as the real
// check makes it, rejects the scope's calls from then on, and everything that follows (lower tiers, arrears,
// states, renewals) is what the engine computes. Reported: the first firing, and the account's billed calls,
// charges and arrears after the hour before X minus the replay's. A window with changes the replay cannot
// make again after that hour (a person's renewal, an unsubscription, a coupon, a guard removal, a stop of
// billing, late usage, a release) is refused, naming the first. `actor` makes the copy (as a backup);
// `progress(done, total)` returning false cancels (an error).
Result<DryRun> dryRun(Engine &account, Instant now, const QString &actor, const Guard &guard, int days,
                      const std::function<bool(int, int)> &progress = {});

} // namespace guards
} // namespace billing
