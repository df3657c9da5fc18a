#include "shell/rolegate.h"

#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QHash>
#include <QLineEdit>
#include <QToolButton>
#include <QWidget>

namespace billing::ui::rolegate {

namespace {
const char *const kHiddenByRole = "billingHiddenByRole";

const QHash<QString, Permission> &table()
{
    static const QHash<QString, Permission> t = {
        // File menu (shell)
        {QStringLiteral("importCallsAction"), Permission::ImportCalls},
        {QStringLiteral("topUpAction"), Permission::TopUp},
        {QStringLiteral("buyPackageAction"), Permission::BuyPackages},
        {QStringLiteral("modeMenuAction"), Permission::BuyPackages},
        {QStringLiteral("stopBillingAction"), Permission::ManageServices},
        {QStringLiteral("closeMonthAction"), Permission::CloseMonth},
        // Transactions, Funds
        {QStringLiteral("importCalls"), Permission::ImportCalls},
        {QStringLiteral("topUpButton"), Permission::TopUp},
        // Bills › Reconciliation: accepting a month; saving provider-bill column profiles
        {QStringLiteral("reconcileAccept"), Permission::CloseMonth},
        {QStringLiteral("reconcileNote"), Permission::CloseMonth},
        {QStringLiteral("billProfileSave"), Permission::CloseMonth},
        // Services
        {QStringLiteral("toggleService"), Permission::ManageServices},
        {QStringLiteral("stopBilling"), Permission::ManageServices},
        {QStringLiteral("serviceModeAction"), Permission::BuyPackages},
        {QStringLiteral("newGuard"), Permission::ManageServices},
        {QStringLiteral("removeGuard"), Permission::ManageServices},
        {QStringLiteral("guardReenable"), Permission::ManageServices},
        // Packages & renewals
        {QStringLiteral("buyAction"), Permission::BuyPackages},
        {QStringLiteral("renewAction"), Permission::BuyPackages},
        {QStringLiteral("autoRenewAction"), Permission::ChangeAutoRenew},
        {QStringLiteral("unsubscribeAction"), Permission::Unsubscribe},
        {QStringLiteral("packageModeAction"), Permission::BuyPackages},
        {QStringLiteral("rightSizerRenew"), Permission::ChangeAutoRenew},
        // Allocation: the tags are edited in place in the project table
        {QStringLiteral("projectTable"), Permission::EditTags},
        // Budgets
        {QStringLiteral("saveBudget"), Permission::EditBudgets},
        {QStringLiteral("removeBudget"), Permission::EditBudgets},
        {QStringLiteral("budgetName"), Permission::EditBudgets},
        {QStringLiteral("budgetAmount"), Permission::EditBudgets},
        {QStringLiteral("budgetActual"), Permission::EditBudgets},
        {QStringLiteral("budgetForecast"), Permission::EditBudgets},
        // Settings
        {QStringLiteral("saveSettings"), Permission::EditSettings},
        {QStringLiteral("undoSettings"), Permission::EditSettings},
        {QStringLiteral("lowBalanceThreshold"), Permission::EditSettings},
        {QStringLiteral("quotaAlertPercent"), Permission::EditSettings},
        {QStringLiteral("maintenanceSection"), Permission::Backup},
        {QStringLiteral("backUp"), Permission::Backup},
        {QStringLiteral("restoreBackup"), Permission::Restore},
    };
    return t;
}

// Hides a control the role may not use; shows it again only if this gate hid it (a page may hide
// controls for its own reasons).
template <typename T> void gate(T *control, bool allowed)
{
    if (!allowed) {
        control->setProperty(kHiddenByRole, true);
        control->setVisible(false);
    } else if (control->property(kHiddenByRole).toBool()) {
        control->setProperty(kHiddenByRole, false);
        control->setVisible(true);
    }
}

// A table stays readable; only in-place editing is switched off (and its triggers kept to switch it on).
void gateEditing(QAbstractItemView *view, bool allowed)
{
    const char *const kTriggers = "billingEditTriggers";
    if (!view->property(kTriggers).isValid())
        view->setProperty(kTriggers, int(view->editTriggers()));
    view->setEditTriggers(allowed ? QAbstractItemView::EditTriggers(view->property(kTriggers).toInt())
                                  : QAbstractItemView::NoEditTriggers);
}
} // namespace

std::optional<Permission> permissionFor(const QString &objectName)
{
    const auto it = table().constFind(objectName);
    return it == table().cend() ? std::nullopt : std::optional<Permission>(*it);
}

void apply(QWidget *window, std::optional<Role> role)
{
    auto allowed = [&](Permission p) { return role && allows(*role, p); };
    for (QAction *a : window->findChildren<QAction *>()) {
        if (auto p = permissionFor(a->objectName()))
            gate(a, allowed(*p));
    }
    // A tool button showing a gated action does not follow the action's visibility by itself.
    for (QToolButton *b : window->findChildren<QToolButton *>())
        if (QAction *a = b->defaultAction())
            if (auto p = permissionFor(a->objectName()))
                gate(b, allowed(*p));
    for (QWidget *w : window->findChildren<QWidget *>()) {
        auto p = permissionFor(w->objectName());
        if (!p)
            continue;
        const bool ok = allowed(*p);
        // An input or a table stays visible, so everyone still reads it; only its editing is gated.
        if (auto *edit = qobject_cast<QLineEdit *>(w))
            edit->setReadOnly(!ok);
        else if (auto *spin = qobject_cast<QAbstractSpinBox *>(w))
            spin->setReadOnly(!ok);
        else if (auto *view = qobject_cast<QAbstractItemView *>(w))
            gateEditing(view, ok);
        else
            gate(w, ok);
    }
}

} // namespace billing::ui::rolegate
