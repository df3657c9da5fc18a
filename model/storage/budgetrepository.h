#pragma once

#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace billing {

class Database;

// A monthly budget of the whole account (billing-rules §10): an amount and alert thresholds, in percent
// of the amount, on the month's actual (cash) spend and on its forecast.
struct Budget
{
    qint64 id = 0; // 0: not stored yet
    QString name;
    Money amount;
    QList<int> actualThresholds;   // ascending percentages, e.g. {80, 100}
    QList<int> forecastThresholds; // ascending percentages
};

enum class BudgetAlertKind { Actual, Forecast };
QString budgetAlertKindId(BudgetAlertKind kind); // "actual", "forecast"

class BudgetRepository
{
public:
    explicit BudgetRepository(Database &db) : m_db(db) {}

    // Every budget, by name.
    Result<std::vector<Budget>> all();
    Result<std::optional<Budget>> byName(const QString &name);
    // Adds a budget (id 0 gets a new id; a given id is kept, so an undone removal comes back as it was)
    // or replaces the one with the same id. Checked with validate() first.
    Result<qint64> put(const Budget &budget);
    Status remove(qint64 id);

    // Whether an alert of this (budget, month, threshold, kind) fired already; record() notes that it did.
    Result<bool> fired(qint64 budgetId, const QString &month, int threshold, BudgetAlertKind kind);
    Status record(qint64 budgetId, const QString &month, int threshold, BudgetAlertKind kind, Instant at);

    // Name 1–64 characters without surrounding space; amount from 0.01 with whole cents; thresholds
    // 1–1000 %, at least one in all.
    static Status validate(const Budget &budget);
    // "80,100" ↔ {80, 100}: sorted, duplicates merged; anything else is a bad-usage error.
    static Result<QList<int>> parseThresholds(const QString &text);
    static QString formatThresholds(const QList<int> &thresholds);

private:
    Database &m_db;
};

} // namespace billing
