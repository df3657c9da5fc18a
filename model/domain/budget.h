#pragma once

#include "core/result.h"
#include "money/money.h"

#include <QList>
#include <QString>

namespace billing {

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

// Name 1–64 characters without surrounding space; amount from 0.01 with whole cents; thresholds
// 1–1000 %, at least one in all.
Status validateBudget(const Budget &budget);
// "80,100" ↔ {80, 100}: sorted, duplicates merged; anything else is a bad-usage error.
Result<QList<int>> parseThresholds(const QString &text);
QString formatThresholds(const QList<int> &thresholds);

} // namespace billing
