#include "auth/role.h"

#include <QCoreApplication>

namespace billing {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::Role)
};
} // namespace

bool allows(Role role, Permission permission)
{
    switch (role) {
    case Role::Owner:
        return true;
    case Role::Finance:
        switch (permission) {
        case Permission::View:
        case Permission::TopUp:
        case Permission::ImportCalls:
        case Permission::Backup:
            return true;
        default:
            return false;
        }
    case Role::Analyst:
        switch (permission) {
        case Permission::View:
        case Permission::EditTags:
        case Permission::EditBudgets:
            return true;
        default:
            return false;
        }
    }
    return false;
}

QString roleId(Role role)
{
    switch (role) {
    case Role::Owner:
        return QStringLiteral("owner");
    case Role::Finance:
        return QStringLiteral("finance");
    case Role::Analyst:
        return QStringLiteral("analyst");
    }
    return {};
}

std::optional<Role> parseRole(const QString &id)
{
    for (Role r : allRoles)
        if (roleId(r) == id)
            return r;
    return std::nullopt;
}

QString roleName(Role role)
{
    switch (role) {
    case Role::Owner:
        return Tr::tr("owner");
    case Role::Finance:
        return Tr::tr("finance");
    case Role::Analyst:
        return Tr::tr("analyst");
    }
    return {};
}

QString permissionText(Permission permission)
{
    switch (permission) {
    case Permission::View:
        return Tr::tr("view the account");
    case Permission::TopUp:
        return Tr::tr("top up the balance");
    case Permission::GrantCoupon:
        return Tr::tr("grant coupons");
    case Permission::BuyPackages:
        return Tr::tr("buy or renew packages");
    case Permission::ChangeAutoRenew:
        return Tr::tr("change auto-renewal");
    case Permission::Unsubscribe:
        return Tr::tr("unsubscribe packages");
    case Permission::ManageServices:
        return Tr::tr("enable, disable or stop services");
    case Permission::ImportCalls:
        return Tr::tr("import call records");
    case Permission::EditTags:
        return Tr::tr("edit cost tags");
    case Permission::EditBudgets:
        return Tr::tr("edit budgets");
    case Permission::EditSettings:
        return Tr::tr("change the account's settings");
    case Permission::ManageMembers:
        return Tr::tr("manage members");
    case Permission::Backup:
        return Tr::tr("back up the database");
    case Permission::Restore:
        return Tr::tr("restore a backup");
    }
    return {};
}

} // namespace billing
