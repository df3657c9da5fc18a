#pragma once

#include "domain/budget.h"

#include <QWidget>

class QListWidget;

namespace billing::ui {

// A budget's scope (billing-rules §10, "Budget scope"): one multi-select list per dimension (API, region,
// enterprise project, cost tag); nothing selected in a list means every value of it, nothing selected
// anywhere the whole account. Values a stored scope holds that are not offered (a project without
// records yet) are added to their list so that editing keeps them.
class ScopeEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ScopeEditor(QWidget *parent);

    // The values offered for a dimension of budgetScopeDimensions() ("api", "region", "project", "tag");
    // the selection is kept where the value is still offered.
    void setOptions(const QString &dimension, const QStringList &values);
    void setScope(const BudgetScope &scope);
    BudgetScope scope() const;
    QListWidget *list(const QString &dimension) const;

signals:
    void changed();

private:
    QList<QListWidget *> m_lists; // in the order of budgetScopeDimensions()
    QList<QStringList> m_options; // what setOptions() offered, per list
};

} // namespace billing::ui
