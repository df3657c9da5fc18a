#include "auth/identity.h"
#include "auth/tr.h"

#include "engine/context.h"
#include "storage/database.h"
#include "storage/databaseroles.h"
#include "storage/memberrepository.h"

#include <QCoreApplication>
#include <QStringList>

namespace billing {

Result<Identity> resolveIdentity(Database &db, const QString &user)
{
    if (db.isPostgres()) {
        // The database user acts; its billing group role says what it may do, and the server's grants
        // enforce the same again. Without any billing role (the roles script not run) it is the owner
        // of a single-user database, as on SQLite.
        auto dbUser = databaseUser(db);
        if (!dbUser)
            return dbUser.error();
        auto roles = databaseRoles(db);
        if (!roles)
            return roles.error();
        const QString name = dbUser->value_or(user);
        const QStringList held = roles->value_or(QStringList());
        if (held.contains(dbroles::kOwner))
            return Identity{name, Role::Owner, false};
        if (held.contains(dbroles::kFinance))
            return Identity{name, Role::Finance, false};
        if (held.contains(dbroles::kAnalyst))
            return Identity{name, Role::Analyst, false};
        return Identity{name, Role::Owner, true};
    }
    auto members = MemberRepository(db).all();
    if (!members)
        return members.error();
    if (members->empty())
        return Identity{user, Role::Owner, true};
    for (const Member &m : *members)
        if (m.name == user)
            return Identity{user, m.role, false};
    return Error::refused(AuthTr::tr("%1 is not a member of this account; an owner can add them with "
                                     "\"billingctl member set %1 ROLE\"")
                              .arg(user));
}

Status authorize(const Identity &who, Permission permission)
{
    if (who.may(permission))
        return {};
    QStringList roles;
    for (Role r : allRoles)
        if (allows(r, permission))
            roles << roleName(r);
    return Error::refused(
        AuthTr::tr("%1 is a member in the role %2 and may not %3; that needs the role %4")
            .arg(who.user, roleName(who.role), permissionText(permission), roles.join(AuthTr::tr(" or "))));
}

Status authorize(Context &ctx, Permission permission)
{
    auto who = resolveIdentity(ctx.db, ctx.actor);
    if (!who)
        return who.error();
    return authorize(*who, permission);
}

} // namespace billing
