#include "auth/members.h"
#include "auth/tr.h"
#include "core/shown.h"

#include "auth/identity.h"

#include "engine/context.h"
#include "storage/memberrepository.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <algorithm>

namespace billing {

namespace {

QJsonObject roleJson(const Member *m)
{
    return m ? QJsonObject{{QStringLiteral("role"), roleId(m->role)}} : QJsonObject{};
}

int ownerCount(const std::vector<Member> &all)
{
    return int(std::count_if(all.begin(), all.end(), [](const Member &m) { return m.role == Role::Owner; }));
}

const Member *find(const std::vector<Member> &all, const QString &name)
{
    auto it = std::find_if(all.begin(), all.end(), [&](const Member &m) { return m.name == name; });
    return it == all.end() ? nullptr : &*it;
}
} // namespace

Status validateMemberName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64)
        return Error::badUsage(AuthTr::tr("a member name must have 1 to 64 characters"));
    for (QChar c : name)
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return Error::badUsage(
                AuthTr::tr("the member name \"%1\" contains a space or a control character")
                    .arg(shownValue(name)));
    if (name == QStringView(SystemActor))
        return Error::badUsage(
            AuthTr::tr("\"%1\" is the engine's own name in the audit log; choose another member name")
                .arg(shownValue(name)));
    return {};
}

Result<std::vector<Member>> members(Context &ctx)
{
    return MemberRepository(ctx.db).all();
}

Status setMember(Context &ctx, const QString &name, Role role)
{
    if (Status s = authorize(ctx, Permission::ManageMembers); !s)
        return s;
    if (Status s = validateMemberName(name); !s)
        return s;
    MemberRepository repo(ctx.db);
    auto all = repo.all();
    if (!all)
        return all.error();
    if (all->empty() && (name != ctx.actor || role != Role::Owner))
        return Error::refused(
            AuthTr::tr("the account has no members yet, so everyone is its owner; make yourself its "
                       "first owner before adding others (member set %1 owner)")
                .arg(ctx.actor));
    const Member *before = find(*all, name);
    if (before && before->role == Role::Owner && role != Role::Owner && ownerCount(*all) == 1)
        return Error::refused(
            AuthTr::tr("%1 is the account's last owner; make another member owner first").arg(name));
    const QJsonObject was = roleJson(before);
    const Member m{name, role, ctx.now};
    if (Status s = repo.put(m); !s)
        return s;
    return ctx.audit(QStringLiteral("member-set"), QStringLiteral("member %1").arg(name), was, roleJson(&m));
}

Status removeMember(Context &ctx, const QString &name)
{
    if (Status s = authorize(ctx, Permission::ManageMembers); !s)
        return s;
    MemberRepository repo(ctx.db);
    auto all = repo.all();
    if (!all)
        return all.error();
    const Member *m = find(*all, name);
    if (!m)
        return Error::refused(AuthTr::tr("%1 is not a member of this account").arg(name));
    if (m->role == Role::Owner && ownerCount(*all) == 1 && all->size() > 1)
        return Error::refused(
            AuthTr::tr("%1 is the account's last owner; make another member owner first").arg(name));
    const QJsonObject was = roleJson(m);
    if (Status s = repo.remove(name); !s)
        return s;
    return ctx.audit(QStringLiteral("member-remove"), QStringLiteral("member %1").arg(name), was, {});
}

} // namespace billing
