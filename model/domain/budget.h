#pragma once

#include "core/result.h"
#include "money/money.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace billing {

// What a budget counts (billing-rules §10, "Budget scope"): the charges whose API, region, enterprise
// project and project cost tag are among the values given; an empty list does not limit that dimension,
// so the empty scope is the whole account. Lists are kept sorted without duplicates (normalized()).
struct BudgetScope
{
    QStringList apis;
    QStringList regions;
    QStringList projects;
    QStringList tags; // a project matches when one of its cost tags is here

    bool isEmpty() const
    {
        return apis.isEmpty() && regions.isEmpty() && projects.isEmpty() && tags.isEmpty();
    }
    // Whether the scope limits by project or tag: then a package's cost counts by its share.
    bool byProject() const { return !projects.isEmpty() || !tags.isEmpty(); }
    BudgetScope normalized() const;
    // One text per scope ("" for the whole account): what an alert is recorded under, so that each
    // threshold alerts once per month per scope.
    QString key() const;
    // For people: "API general-text, idcard; region cn-north-4" or "Whole account".
    // `label` names a value as the reader sees it (the console: catalog display names); ids without it.
    QString
    describe(const std::function<QString(const QString &dimension, const QString &value)> &label = {}) const;
    bool operator==(const BudgetScope &) const = default;
};

// The scope's dimension ids as the command line and the JSON use them: "api", "region", "project", "tag".
const QStringList &budgetScopeDimensions();
QStringList &scopeValues(BudgetScope &scope, const QString &dimension);
const QStringList &scopeValues(const BudgetScope &scope, const QString &dimension);
// {"api": [...], ...} with the dimensions the scope limits (an empty object: the whole account), and back.
QJsonObject scopeToJson(const BudgetScope &scope);
BudgetScope scopeFromJson(const QJsonObject &json);

// A monthly budget (billing-rules §10): an amount and alert thresholds, in percent of the amount, on
// the month's actual (cash) spend and on its forecast, over the charges of its scope.
struct Budget
{
    qint64 id = 0; // 0: not stored yet
    QString name;
    Money amount;
    QList<int> actualThresholds;   // ascending percentages, e.g. {80, 100}
    QList<int> forecastThresholds; // ascending percentages
    BudgetScope scope;             // empty: the whole account
};

enum class BudgetAlertKind { Actual, Forecast };
QString budgetAlertKindId(BudgetAlertKind kind); // "actual", "forecast"

// Name 1–64 characters without surrounding space; amount from 0.01 with whole cents; thresholds
// 1–1000 %, at least one in all; scope values 1–128 characters without surrounding space.
Status validateBudget(const Budget &budget);
// "80,100" ↔ {80, 100}: sorted, duplicates merged; anything else is a bad-usage error.
Result<QList<int>> parseThresholds(const QString &text);
QString formatThresholds(const QList<int> &thresholds);

} // namespace billing
