#pragma once

#include <QString>

#include <array>
#include <optional>

namespace billing {

// Who may do what on an account (docs/billing-decisions.md, "Roles"). Reading is open to every role;
// the roles separate the changes. The table lives in one function, allows(), so that the engine,
// billingctl and the console's hiding of controls all read the same answer.
enum class Role {
    Owner,   // everything: spending, subscriptions, services, members, restore
    Finance, // money in and bookkeeping: top-ups, importing call records, closing months, backups
    Analyst, // read-only plus analysis settings: cost tags and budgets
};

enum class Permission {
    View,  // bills, transactions, status, cost analysis, forecasts, price calculator, exports, audit log
    TopUp, // add cash
    GrantCoupon,     // add a cash coupon
    BuyPackages,     // buy and renew packages
    ChangeAutoRenew, // switch a package's auto-renewal on or off
    Unsubscribe,     // unsubscribe a package not yet in force
    ManageServices,  // enable or disable an API service, stop billing
    ImportCalls,     // import call records (they create the charges of the bill)
    EditTags,        // cost tags on enterprise projects
    EditBudgets,     // monthly budgets and their alert thresholds
    EditSettings,    // the account's alert settings
    ManageMembers,   // who is a member of the account and in which role
    Backup,          // copy the whole database to a file
    Restore,         // replace the whole database with a backup
    CloseMonth,      // month-end books: accept a reconciliation, close a month, provider-bill profiles
};

inline constexpr std::array<Role, 3> allRoles{Role::Owner, Role::Finance, Role::Analyst};
inline constexpr std::array<Permission, 15> allPermissions{
    Permission::View,           Permission::TopUp,           Permission::GrantCoupon,
    Permission::BuyPackages,    Permission::ChangeAutoRenew, Permission::Unsubscribe,
    Permission::ManageServices, Permission::ImportCalls,     Permission::EditTags,
    Permission::EditBudgets,    Permission::EditSettings,    Permission::ManageMembers,
    Permission::Backup,         Permission::Restore,         Permission::CloseMonth};

bool allows(Role role, Permission permission);

// The stable identifier stored in the member table and used on the command line: owner, finance, analyst.
QString roleId(Role role);
std::optional<Role> parseRole(const QString &id);
// The translated name of a role, for people.
QString roleName(Role role);
// The translated phrase for what a permission lets one do ("top up the balance"), for refusals.
QString permissionText(Permission permission);

} // namespace billing
