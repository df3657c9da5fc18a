#pragma once

// Cost tags and budgets as changes a person makes: checked against their role (Permission::EditTags,
// Permission::EditBudgets) and written to the audit log. The console's undo commands and billingctl
// both go through these, never through the repositories directly.
#include "core/result.h"
#include "storage/budgetrepository.h"

#include <QStringList>

namespace billing {

struct Context;

// Replaces a project's tags (an empty list removes them); returns the tags as stored.
Result<QStringList> setProjectTags(Context &ctx, const QString &project, const QStringList &tags);
// Adds or replaces a budget (see BudgetRepository::put); returns its id.
Result<qint64> putBudget(Context &ctx, const Budget &budget);
Status removeBudget(Context &ctx, qint64 budgetId);

} // namespace billing
