#include "auth/role.h"
#include "auth/tr.h"

#include <QCoreApplication>

namespace billing {

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
        case Permission::CloseMonth:
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
        return AuthTr::tr("owner");
    case Role::Finance:
        return AuthTr::tr("finance");
    case Role::Analyst:
        return AuthTr::tr("analyst");
    }
    return {};
}

QString permissionText(Permission permission)
{
    switch (permission) {
    case Permission::View:
        return AuthTr::tr("view the account");
    case Permission::TopUp:
        return AuthTr::tr("top up the balance");
    case Permission::GrantCoupon:
        return AuthTr::tr("grant coupons");
    case Permission::BuyPackages:
        return AuthTr::tr("buy or renew packages");
    case Permission::ChangeAutoRenew:
        return AuthTr::tr("change auto-renewal");
    case Permission::Unsubscribe:
        return AuthTr::tr("unsubscribe packages");
    case Permission::ManageServices:
        return AuthTr::tr("enable, disable or stop services");
    case Permission::ImportCalls:
        return AuthTr::tr("import call records");
    case Permission::EditTags:
        return AuthTr::tr("edit cost tags");
    case Permission::EditBudgets:
        return AuthTr::tr("edit budgets");
    case Permission::EditSettings:
        return AuthTr::tr("change the account's settings");
    case Permission::ManageMembers:
        return AuthTr::tr("manage members");
    case Permission::Backup:
        return AuthTr::tr("back up the database");
    case Permission::Restore:
        return AuthTr::tr("restore a backup");
    case Permission::CloseMonth:
        return AuthTr::tr("close the books of a month");
    }
    return {};
}

} // namespace billing
