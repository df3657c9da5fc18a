#pragma once

// Cost tags and budgets as changes a person makes: checked against their role (Permission::EditTags,
// Permission::EditBudgets) and written to the audit log. The console's undo commands and billingctl
// both go through these, never through the repositories directly.
#include "core/result.h"
#include "domain/budget.h"

#include <QStringList>

#include <map>
#include <vector>

namespace billing {

struct Context;

// Replaces a project's tags (an empty list removes them); returns the tags as stored.
Result<QStringList> setProjectTags(Context &ctx, const QString &project, const QStringList &tags);
// Adds or replaces a budget (see BudgetRepository::put); returns its id.
Result<qint64> putBudget(Context &ctx, const Budget &budget);
Status removeBudget(Context &ctx, qint64 budgetId);

// Reads for the cost pages: every tagged project → its tags; every tag in use; every budget, by name.
Result<std::map<QString, QStringList>> projectTags(Context &ctx);
Result<QStringList> tagsInUse(Context &ctx);
Result<std::vector<Budget>> allBudgets(Context &ctx);

} // namespace billing
