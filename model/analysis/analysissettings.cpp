#include "analysis/analysissettings.h"
#include "analysis/budgets.h"

#include "auth/identity.h"

#include "engine/context.h"
#include "storage/budgetrepository.h"
#include "storage/tagrepository.h"

#include <QJsonArray>
#include <QJsonObject>

namespace billing {

namespace {
QJsonObject budgetJson(const std::optional<Budget> &b)
{
    if (!b)
        return {};
    QJsonObject o{{QStringLiteral("name"), b->name},
                  {QStringLiteral("amount"), b->amount.toString()},
                  {QStringLiteral("actual_thresholds"), formatThresholds(b->actualThresholds)},
                  {QStringLiteral("forecast_thresholds"), formatThresholds(b->forecastThresholds)}};
    if (!b->scope.isEmpty()) // an account-wide budget's entry reads as before scopes existed
        o.insert(QStringLiteral("scope"), scopeToJson(b->scope));
    return o;
}

Result<std::optional<Budget>> budgetById(BudgetRepository &repo, qint64 id)
{
    auto all = repo.all();
    if (!all)
        return all.error();
    for (const Budget &b : *all)
        if (b.id == id)
            return std::optional<Budget>(b);
    return std::optional<Budget>();
}
} // namespace

Result<QStringList> setProjectTags(Context &ctx, const QString &project, const QStringList &tags)
{
    if (Status s = authorize(ctx, Permission::EditTags); !s)
        return s.error();
    TagRepository repo(ctx.db);
    auto before = repo.tags(project);
    if (!before)
        return before.error();
    if (Status s = repo.setTags(project, tags); !s)
        return s.error();
    auto after = repo.tags(project);
    if (!after)
        return after.error();
    if (Status s = ctx.audit(QStringLiteral("tags"), QStringLiteral("project %1").arg(project),
                             QJsonObject{{QStringLiteral("tags"), QJsonArray::fromStringList(*before)}},
                             QJsonObject{{QStringLiteral("tags"), QJsonArray::fromStringList(*after)}});
        !s)
        return s.error();
    return after;
}

Result<qint64> putBudget(Context &ctx, const Budget &given)
{
    if (Status s = authorize(ctx, Permission::EditBudgets); !s)
        return s.error();
    Budget budget = given;
    budget.scope = given.scope.normalized();
    if (Status s = checkScopeAgainstCatalog(ctx, budget.scope); !s)
        return s.error();
    BudgetRepository repo(ctx.db);
    auto before =
        budget.id ? budgetById(repo, budget.id) : Result<std::optional<Budget>>(std::optional<Budget>());
    if (!before)
        return before.error();
    auto id = repo.put(budget);
    if (!id)
        return id.error();
    if (Status s = ctx.audit(QStringLiteral("budget-set"), QStringLiteral("budget %1").arg(budget.name),
                             budgetJson(*before), budgetJson(budget));
        !s)
        return s.error();
    return id;
}

Status removeBudget(Context &ctx, qint64 budgetId)
{
    if (Status s = authorize(ctx, Permission::EditBudgets); !s)
        return s;
    BudgetRepository repo(ctx.db);
    auto before = budgetById(repo, budgetId);
    if (!before)
        return before.error();
    if (Status s = repo.remove(budgetId); !s)
        return s;
    return ctx.audit(QStringLiteral("budget-remove"),
                     QStringLiteral("budget %1").arg(*before ? (*before)->name : QString::number(budgetId)),
                     budgetJson(*before), {});
}

Result<std::map<QString, QStringList>> projectTags(Context &ctx)
{
    return TagRepository(ctx.db).all();
}

Result<QStringList> tagsInUse(Context &ctx)
{
    return TagRepository(ctx.db).allTags();
}

Result<std::vector<Budget>> allBudgets(Context &ctx)
{
    return BudgetRepository(ctx.db).all();
}

} // namespace billing
