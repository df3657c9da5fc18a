#pragma once

#include "core/result.h"
#include "storage/usagerepository.h"
#include "time/instant.h"

#include <functional>
#include <map>
#include <set>
#include <vector>

namespace billing {

class Database;

// Calls imported but not yet settled. A command's own imports stay in memory, within a budget, so that
// the catch-up in the same transaction settles them without writing them out and reading them back
// (performance.md P1); the oldest hours are written out when the budget is exceeded, and whatever is
// left when the command finishes is written then. All of it inside the command's transaction.
class PendingStore
{
public:
    explicit PendingStore(Database &db, size_t budgetBytes = kDefaultBudget);

    // The in-memory calls of an hour, to append to; call keepWithinBudget() now and then while adding.
    PendingCalls &hour(Instant settleHour);
    // Called after adding to an hour: writes the oldest hours out while over the budget.
    Status keepWithinBudget();

    Result<std::vector<Instant>> hoursUpTo(Instant lastHourStart);
    // Every pending call of the hour (stored and in memory), in rating order: time, then import order.
    Result<PendingCalls> take(Instant settleHour);
    // Hands the hour's pending calls to fn, part by part (stored, then in memory), leaving them pending.
    Status peek(Instant settleHour, const std::function<void(const PendingCalls &)> &fn);
    Status flush(); // writes what is still in memory
    // Were some of the hour's calls imported by an earlier command (stored before this one began)?
    bool importedEarlier(Instant settleHour) const { return m_earlier.count(settleHour) > 0; }

    static constexpr size_t kDefaultBudget = size_t(96) << 20;

private:
    Status spill(std::map<Instant, PendingCalls>::iterator it);

    Database &m_db;
    size_t m_budget;
    std::map<Instant, PendingCalls> m_hours;
    // Hours known to have stored calls (found by hoursUpTo or written by spill): take() asks the
    // database only for those, instead of four statements for every hour it settles.
    std::set<Instant> m_stored;
    std::set<Instant> m_spilled; // written out by this store
    std::set<Instant> m_earlier; // stored, not by this store
};

} // namespace billing
