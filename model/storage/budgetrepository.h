#pragma once

#include "core/result.h"
#include "domain/budget.h"
#include "time/instant.h"

#include <optional>
#include <vector>

namespace billing {

class Database;

class BudgetRepository
{
public:
    explicit BudgetRepository(Database &db) : m_db(db) {}

    // Every budget, by name.
    Result<std::vector<Budget>> all();
    Result<std::optional<Budget>> byName(const QString &name);
    // Adds a budget (id 0 gets a new id; a given id is kept, so an undone removal comes back as it was)
    // or replaces the one with the same id. Checked with validateBudget() first.
    Result<qint64> put(const Budget &budget);
    Status remove(qint64 id);

    // Whether an alert of this (budget, month, threshold, kind) fired already; record() notes that it did.
    Result<bool> fired(qint64 budgetId, const QString &month, int threshold, BudgetAlertKind kind);
    Status record(qint64 budgetId, const QString &month, int threshold, BudgetAlertKind kind, Instant at);

private:
    Database &m_db;
};

} // namespace billing
