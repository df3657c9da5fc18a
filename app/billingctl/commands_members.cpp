// member set|list|remove and whoami: who may do what on the account (docs/billing-decisions.md, Roles).
#include "args.h"
#include "auth/identity.h"
#include "auth/members.h"
#include "cli.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace billing::cli {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billingctl)
};

Result<Role> roleArgument(const QString &text)
{
    if (auto r = parseRole(text))
        return *r;
    QStringList ids;
    for (Role r : allRoles)
        ids << roleId(r);
    return Error::badUsage(
        Tr::tr("member set: unknown role \"%1\"; say %2").arg(text, ids.join(QStringLiteral(", "))));
}

int memberSet(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("member set"), argv, {}, {}, 2, 2);
    if (!args)
        return cli.fail(args.error());
    const QString name = args->at(0);
    if (Status s = validateMemberName(name); !s)
        return cli.fail(s.error());
    auto role = roleArgument(args->at(1));
    if (!role)
        return cli.fail(role.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    if (Status s = (*engine)->run([&](Context &ctx) { return setMember(ctx, name, *role); }); !s)
        return cli.fail(s.error());
    if (cli.json())
        cli.printJson(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("role"), roleId(*role)}});
    else
        cli.out() << Tr::tr("%1 is now a member in the role %2.").arg(name, roleId(*role)) << Qt::endl;
    return 0;
}

int memberRemove(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("member remove"), argv, {}, {}, 1, 1);
    if (!args)
        return cli.fail(args.error());
    const QString name = args->at(0);
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    if (Status s = (*engine)->run([&](Context &ctx) { return removeMember(ctx, name); }); !s)
        return cli.fail(s.error());
    if (cli.json())
        cli.printJson(QJsonObject{{QStringLiteral("removed"), name}});
    else
        cli.out() << Tr::tr("%1 is no longer a member.").arg(name) << Qt::endl;
    return 0;
}

int memberList(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("member list"), argv, {}, {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    auto ctx = (*engine)->inspect();
    if (!ctx)
        return cli.fail(ctx.error());
    auto list = members(**ctx);
    if (!list)
        return cli.fail(list.error());
    if (cli.json()) {
        QJsonArray out;
        for (const Member &m : *list)
            out.append(QJsonObject{{QStringLiteral("name"), m.name},
                                   {QStringLiteral("role"), roleId(m.role)},
                                   {QStringLiteral("since"), (*ctx)->calendar.format(m.since)}});
        cli.printJson(QJsonObject{{QStringLiteral("members"), out}});
        return 0;
    }
    if (list->empty())
        cli.out() << Tr::tr("No members: the account is single-user and everyone who opens it is its owner.")
                  << "\n";
    for (const Member &m : *list)
        cli.out() << m.name << "  " << roleId(m.role) << "  " << (*ctx)->calendar.format(m.since) << "\n";
    cli.out().flush();
    return 0;
}

int cmdMember(Cli &cli, const QStringList &argv)
{
    const QString sub = argv.value(0);
    if (sub == QLatin1String("set"))
        return memberSet(cli, argv.mid(1));
    if (sub == QLatin1String("list"))
        return memberList(cli, argv.mid(1));
    if (sub == QLatin1String("remove"))
        return memberRemove(cli, argv.mid(1));
    return cli.fail(Error::badUsage(Tr::tr("member: give set, list or remove")));
}

int cmdWhoami(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("whoami"), argv, {}, {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    const auto who = resolveIdentity((*engine)->database(), (*engine)->actor());
    if (!who)
        return cli.fail(who.error());
    if (cli.json())
        cli.printJson(QJsonObject{{QStringLiteral("user"), who->user},
                                  {QStringLiteral("role"), roleId(who->role)},
                                  {QStringLiteral("single_user"), who->singleUser}});
    else
        cli.out() << (who->singleUser ? Tr::tr("%1 (owner: the account has no members)").arg(who->user)
                                      : Tr::tr("%1 (%2)").arg(who->user, roleId(who->role)))
                  << Qt::endl;
    return 0;
}
} // namespace

void addMemberCommands(std::vector<Cli::Command> &c)
{
    c.push_back({QStringLiteral("member"),
                 QStringLiteral("member set NAME owner|finance|analyst | member list | member remove NAME   "
                                "(who may do what; owners only)"),
                 cmdMember});
    c.push_back(
        {QStringLiteral("whoami"), QStringLiteral("whoami   (the acting user and their role)"), cmdWhoami});
}

} // namespace billing::cli
