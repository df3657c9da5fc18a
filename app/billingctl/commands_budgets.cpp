// budget set|list|remove: monthly budgets with alert thresholds (billing-rules §10).
#include "analysis/analysissettings.h"
#include "analysis/budgets.h"
#include "commands.h"
#include "json.h"
#include "storage/budgetrepository.h"
#include "tr.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace billing::cli {

namespace {

Result<Budget> budgetArguments(const Call &call)
{
    Budget b;
    b.name = call.at(0);
    auto amountValue = Money::parse(call.at(1));
    if (!amountValue)
        return Error::badUsage(CliTr::tr("budget set: \"%1\" is not an amount").arg(call.at(1)));
    b.amount = *amountValue;
    auto thresholds = [&](const QString &option, const QString &byDefault) {
        return parseThresholds(call.has(option) ? call.value(option) : byDefault);
    };
    auto actual = thresholds(QStringLiteral("actual"), QStringLiteral("80,100"));
    if (!actual)
        return actual.error();
    auto forecast = thresholds(QStringLiteral("forecast"), QStringLiteral("100"));
    if (!forecast)
        return forecast.error();
    b.actualThresholds = *actual;
    b.forecastThresholds = *forecast;
    for (const QString &d : budgetScopeDimensions()) {
        if (!call.has(d))
            continue;
        QStringList &values = scopeValues(b.scope, d);
        for (const QString &v : call.value(d).split(u',', Qt::SkipEmptyParts))
            values << v.trimmed();
        if (values.isEmpty())
            return Error::badUsage(CliTr::tr("budget set: --%1 needs at least one value").arg(d));
    }
    b.scope = b.scope.normalized();
    if (Status s = validateBudget(b); !s)
        return s.error();
    return b;
}
} // namespace

Reply cmdBudget(Call &)
{
    return Error::badUsage(CliTr::tr("budget: give set, list or remove"));
}

Reply cmdBudgetSet(Call &call)
{
    auto b = budgetArguments(call);
    if (!b)
        return b.error();
    auto id = call.run([&](Context &ctx) -> Result<qint64> {
        auto existing = BudgetRepository(ctx.db).byName(b->name);
        if (!existing)
            return existing.error();
        Budget stored = *b;
        if (*existing)
            stored.id = (*existing)->id;
        return putBudget(ctx, stored);
    });
    if (!id)
        return id.error();
    QJsonObject o = json::budget(*b);
    o.insert(QStringLiteral("id"), *id);
    return Output{o,
                  {CliTr::tr("Budget %1: %2 a month, alerts at %3 % of actual and %4 % of forecast spend")
                       .arg(b->name, json::amount(b->amount), formatThresholds(b->actualThresholds),
                            formatThresholds(b->forecastThresholds)),
                   CliTr::tr("Scope: %1").arg(b->scope.describe())}};
}

Reply cmdBudgetList(Call &call)
{
    auto r = call.run([](Context &ctx) { return budgetStatuses(ctx); });
    if (!r)
        return r.error();
    return Output::list(
        QStringLiteral("budgets"), *r, json::budgetStatus,
        [](const BudgetStatus &s) {
            return CliTr::tr("%1 (%8): %2 a month; %3 so far %4 (%5 %), forecast %6 (%7 %)")
                .arg(s.budget.name, json::amount(s.budget.amount), s.month, json::amount(s.actual))
                .arg(s.actualPercent)
                .arg(json::amount(s.forecast.projected))
                .arg(s.forecastPercent)
                .arg(s.budget.scope.describe());
        },
        CliTr::tr("No budgets."));
}

Reply cmdBudgetRemove(Call &call)
{
    const QString name = call.at(0);
    Status s = call.run([&](Context &ctx) -> Status {
        BudgetRepository repo(ctx.db);
        auto existing = repo.byName(name);
        if (!existing)
            return existing.error();
        if (!*existing)
            return Error::refused(CliTr::tr("there is no budget named \"%1\"").arg(name));
        return removeBudget(ctx, (*existing)->id);
    });
    if (!s)
        return s.error();
    return Output{QJsonObject{{QStringLiteral("removed"), name}}, {CliTr::tr("Budget %1 removed").arg(name)}};
}

} // namespace billing::cli
