#pragma once

#include "domain/budget.h"

#include <QWidget>

class QListWidget;

namespace billing {
class Catalog;
}

namespace billing::ui {

// A scope value as the console names it: APIs and regions by their catalog display names (the id when
// the catalog is null or does not know it), projects and tags as they are.
QString scopeValueName(const Catalog *catalog, const QString &dimension, const QString &value);

// A budget's scope (billing-rules §10, "Budget scope"): one multi-select list per dimension (API, region,
// enterprise project, cost tag); nothing selected in a list means every value of it, nothing selected
// anywhere the whole account. Values a stored scope holds that are not offered (a project without
// records yet) are added to their list so that editing keeps them.
class ScopeEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ScopeEditor(QWidget *parent);

    // Names the values of the lists (item text); the ids stay the items' Qt::UserRole data.
    void setCatalog(const Catalog *catalog) { m_catalog = catalog; }

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
    const Catalog *m_catalog = nullptr;
};

} // namespace billing::ui
