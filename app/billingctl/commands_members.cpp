// member set|list|remove and whoami: who may do what on the account (docs/billing-decisions.md, Roles).
#include "auth/identity.h"
#include "auth/members.h"
#include "commands.h"
#include "json.h"
#include "tr.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace billing::cli {

namespace {

Result<Role> roleArgument(const QString &text)
{
    if (auto r = parseRole(text))
        return *r;
    QStringList ids;
    for (Role r : allRoles)
        ids << roleId(r);
    return Error::badUsage(
        CliTr::tr("member set: unknown role \"%1\"; say %2").arg(text, ids.join(QStringLiteral(", "))));
}
} // namespace

Reply cmdMember(Call &)
{
    return Error::badUsage(CliTr::tr("member: give set, list or remove"));
}

Reply cmdMemberSet(Call &call)
{
    const QString name = call.at(0);
    if (Status s = validateMemberName(name); !s)
        return s.error();
    auto role = roleArgument(call.at(1));
    if (!role)
        return role.error();
    if (Status s = call.run([&](Context &ctx) { return setMember(ctx, name, *role); }); !s)
        return s.error();
    return Output{QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("role"), roleId(*role)}},
                  {CliTr::tr("%1 is now a member in the role %2.").arg(name, roleId(*role))}};
}

Reply cmdMemberRemove(Call &call)
{
    const QString name = call.at(0);
    if (Status s = call.run([&](Context &ctx) { return removeMember(ctx, name); }); !s)
        return s.error();
    return Output{QJsonObject{{QStringLiteral("removed"), name}},
                  {CliTr::tr("%1 is no longer a member.").arg(name)}};
}

Reply cmdMemberList(Call &call)
{
    return call.inspect([](Context &ctx) -> Reply {
        auto list = members(ctx);
        if (!list)
            return list.error();
        return Output::list(
            QStringLiteral("members"), *list, [&](const Member &m) { return json::member(m, ctx.calendar); },
            [&](const Member &m) {
                return QStringList{m.name, roleId(m.role), ctx.calendar.format(m.since)}.join(
                    QLatin1String("  "));
            },
            CliTr::tr("No members: the account is single-user and everyone who opens it is its owner."));
    });
}

Reply cmdWhoami(Call &call)
{
    auto engine = call.engine();
    if (!engine)
        return engine.error();
    const auto who = resolveIdentity((*engine)->database(), (*engine)->actor());
    if (!who)
        return who.error();
    return Output{json::identity(*who),
                  {who->singleUser ? CliTr::tr("%1 (owner: the account has no members)").arg(who->user)
                                   : CliTr::tr("%1 (%2)").arg(who->user, roleId(who->role))}};
}

} // namespace billing::cli
