#pragma once

#include "core/result.h"
#include "domain/guard.h"
#include "time/instant.h"

#include <optional>
#include <vector>

namespace billing {

class Database;

// The spend guards (billing-rules §13), in id order: the order they are checked in (§12.19).
class GuardRepository
{
public:
    explicit GuardRepository(Database &db) : m_db(db) {}

    Result<std::vector<Guard>> all();
    Result<std::optional<Guard>> byName(const QString &name);
    // Adds a new guard and returns its id; a name that exists already is refused.
    Result<qint64> insert(const Guard &guard);
    // Stores a guard's state (fired, fired_at) after a check.
    Status updateState(const Guard &guard);
    Status remove(qint64 id);

    // What a cost guard counts (billing-rules §13): the charged amount of the pay-per-use lines of
    // api/region (empty: every one) whose expenditure time is in [from, to), settled by `settledBy`.
    Result<Money> scopeCost(const QString &api, const QString &region, Instant from, Instant to,
                            Instant settledBy);
    // The dry run's search for the first firing (billing-rules §13): the charged amounts of the scope's
    // pay-per-use lines whose expenditure time is from `expenditureFrom` on, in settlement order, and the
    // ledger's balance steps from `from` on with the balance before them.
    struct CostLine
    {
        Instant at = 0;
        Instant expenditureAt = 0;
        Money charged;
    };
    Result<std::vector<CostLine>> costLines(const QString &api, const QString &region,
                                            Instant expenditureFrom);
    struct BalanceStep
    {
        Instant at = 0;
        bool bySettlement = false; // a settlement's (seen by the guards at its instant), else a command's
        Money balanceAfter;
    };
    Result<std::vector<BalanceStep>> balanceSteps(Instant from);
    Result<Money> balanceBefore(Instant from);

private:
    Database &m_db;
};

} // namespace billing
