#pragma once

#include "auth/role.h"
#include "core/result.h"

#include <QString>

namespace billing {

class Database;
struct Context;

// Who runs a command on an account and in which role.
struct Identity
{
    QString user; // the name the audit log records as the actor
    Role role = Role::Owner;
    bool singleUser = true; // the account has no members: everyone who can open it is its owner

    bool may(Permission p) const { return allows(role, p); }
};

// The one place that decides who the acting user is and which role they hold.
//
// SQLite: the account's member table maps a user name to a role; `user` is the operating-system user
// (or a test override). While the table is empty the account is single-user and the user is its owner,
// so databases from before roles keep working. A user who is not a member is refused.
// PostgreSQL: the database user is the identity, its billing_owner/finance/analyst group role its role,
// and the database's grants back it (resources/postgres/roles.sql); `user` is not used there.
Result<Identity> resolveIdentity(Database &db, const QString &user);

// Refuses, in the engine's words, what the identity's role does not allow.
Status authorize(const Identity &who, Permission permission);
// The same for the user a command runs as (ctx.actor), with their role as stored right now, inside the
// command's transaction. Every service that changes the account on a person's request calls this first,
// so the console and billingctl obey the same roles.
Status authorize(Context &ctx, Permission permission);

// "system": the engine acting on its own (auto-renewals) in the audit log; no member may take the name.
inline constexpr char16_t SystemActor[] = u"system";

} // namespace billing
