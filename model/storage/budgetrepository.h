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

    // Every budget, by name, with its scope.
    Result<std::vector<Budget>> all();
    Result<std::optional<Budget>> byName(const QString &name);
    // Adds a budget (id 0 gets a new id; a given id is kept, so an undone removal comes back as it was)
    // or replaces the one with the same id, scope included. Checked with validateBudget() first.
    Result<qint64> put(const Budget &budget);
    Status remove(qint64 id);

    // Whether an alert of this (budget, scope, month, threshold, kind) fired already; record() notes that
    // it did. The scope is BudgetScope::key().
    struct AlertKey
    {
        qint64 budgetId = 0;
        QString scope;
        QString month;
        int threshold = 0;
        BudgetAlertKind kind = BudgetAlertKind::Actual;
    };
    Result<bool> fired(const AlertKey &key);
    Status record(const AlertKey &key, Instant at);

private:
    Status readScopes(std::vector<Budget> &budgets);

    Database &m_db;
};

} // namespace billing
