#include "auth/identity.h"

#include "engine/context.h"
#include "storage/memberrepository.h"

#include <QCoreApplication>
#include <QStringList>

namespace billing {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::Identity)
};
} // namespace

Result<Identity> resolveIdentity(Database &db, const QString &user)
{
    auto members = MemberRepository(db).all();
    if (!members)
        return members.error();
    if (members->empty())
        return Identity{user, Role::Owner, true};
    for (const Member &m : *members)
        if (m.name == user)
            return Identity{user, m.role, false};
    return Error::refused(Tr::tr("%1 is not a member of this account; an owner can add them with "
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
        Tr::tr("%1 is a member in the role %2 and may not %3; that needs the role %4")
            .arg(who.user, roleName(who.role), permissionText(permission), roles.join(Tr::tr(" or "))));
}

Status authorize(Context &ctx, Permission permission)
{
    auto who = resolveIdentity(ctx.db, ctx.actor);
    if (!who)
        return who.error();
    return authorize(*who, permission);
}

} // namespace billing
