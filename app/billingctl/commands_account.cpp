// init, topup, status, verify: the account and its money.
#include "args.h"
#include "cli.h"
#include "demo/demogenerator.h"
#include "engine/accountstatus.h"
#include "engine/backup.h"
#include "engine/funds.h"
#include "engine/notificationtext.h"
#include "engine/verifier.h"
#include "output.h"
#include "storage/auditrepository.h"
#include "storage/notificationrepository.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace billing::cli {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billingctl)
};

int cmdInit(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(
        QStringLiteral("init"), argv,
        {QStringLiteral("currency"), QStringLiteral("utc-offset"), QStringLiteral("name")}, {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    InitOptions opts;
    if (args->has(QStringLiteral("currency")))
        opts.currency = args->value(QStringLiteral("currency"));
    if (args->has(QStringLiteral("name")))
        opts.name = args->value(QStringLiteral("name"));
    if (args->has(QStringLiteral("utc-offset"))) {
        auto off = BillingCalendar::parseOffset(args->value(QStringLiteral("utc-offset")));
        if (!off)
            return cli.fail(off.error());
        opts.utcOffsetSeconds = *off;
    }
    if (cli.dbPath() == Database::defaultLocation())
        QDir().mkpath(QFileInfo(cli.dbPath()).absolutePath());
    auto engine = Engine::create(cli.dbPath(), cli.clock(), opts);
    if (!engine)
        return cli.fail(engine.error());
    auto st = (*engine)->run([](Context &ctx) { return accountStatus(ctx); });
    if (!st)
        return cli.fail(st.error());
    const BillingCalendar cal(st->account.utcOffsetSeconds);
    if (cli.json())
        cli.printJson(statusJson(*st, cal));
    else
        cli.out() << Tr::tr("Created the account \"%1\" in %2, starting %3 (billing time zone UTC%4).")
                         .arg(st->account.name, cli.dbShown(), cal.format(st->account.createdAt),
                              BillingCalendar::formatOffset(st->account.utcOffsetSeconds))
                  << Qt::endl;
    return 0;
}

int cmdTopUp(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("topup"), argv, {}, {}, 1, 1);
    if (!args)
        return cli.fail(args.error());
    auto amount = funds::parseUserAmount(args->at(0));
    if (!amount)
        return cli.fail(amount.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    auto r = (*engine)->run([&](Context &ctx) { return funds::topUp(ctx, *amount); });
    if (!r)
        return cli.fail(r.error());
    if (cli.json())
        cli.printJson(QJsonObject{{QStringLiteral("record_id"), r->recordId},
                                  {QStringLiteral("amount"), cli::amount(*amount)},
                                  {QStringLiteral("balance_before"), cli::amount(r->balanceBefore)},
                                  {QStringLiteral("balance"), cli::amount(r->balanceAfter)},
                                  {QStringLiteral("ended_arrears"), r->endedArrears}});
    else
        cli.out()
            << Tr::tr("Topped up %1; balance %2.").arg(cli::amount(*amount), cli::amount(r->balanceAfter))
            << Qt::endl;
    return 0;
}

int cmdStatus(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("status"), argv, {}, {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    auto st = (*engine)->run([](Context &ctx) { return accountStatus(ctx); });
    if (!st)
        return cli.fail(st.error());
    const BillingCalendar cal(st->account.utcOffsetSeconds);
    if (cli.json()) {
        cli.printJson(statusJson(*st, cal));
        return 0;
    }
    const Account &a = st->account;
    QTextStream &o = cli.out();
    o << Tr::tr("Account:  %1 (%2)").arg(a.name, a.currency) << "\n";
    o << Tr::tr("Now:      %1").arg(cal.format(st->now)) << "\n";
    o << Tr::tr("Balance:  %1").arg(amount(a.balance)) << "\n";
    o << Tr::tr("Arrears:  %1").arg(amount(a.arrears())) << "\n";
    o << Tr::tr("State:    %1%2")
             .arg(accountStateId(a.state),
                  a.stateUntil ? Tr::tr(" until %1").arg(cal.format(*a.stateUntil)) : QString())
      << "\n";
    int enabled = 0;
    for (const ServiceState &s : st->services)
        if (s.enabled) {
            o << Tr::tr("Enabled:  %1 in %2").arg(s.api, s.region) << "\n";
            ++enabled;
        }
    if (enabled == 0)
        o << Tr::tr("Enabled:  no API service") << "\n";
    for (const Coupon &c : st->coupons)
        o << Tr::tr("Coupon %1: %2 of %3 left, expires %4%5")
                 .arg(c.id)
                 .arg(amount(c.remaining), amount(c.amount), cal.format(c.expiresAt),
                      c.api.isEmpty() ? QString() : Tr::tr(", for %1").arg(c.api))
          << "\n";
    for (const Package &p : st->packages)
        o << Tr::tr("Package %1: %2 %3 %4, %5 of %6 calls left, %7 → %8, %9%10")
                 .arg(p.id)
                 .arg(p.api, p.region, p.sku)
                 .arg(p.remaining)
                 .arg(p.quota)
                 .arg(cal.format(p.effectiveAt), cal.format(p.lastSecond()),
                      packageStatusId(p.statusAt(st->now)),
                      p.autoRenew ? Tr::tr(", auto-renew %1 days before").arg(p.renewDays) : QString())
          << "\n";
    o.flush();
    return 0;
}

int cmdVerify(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("verify"), argv, {}, {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    auto ctx = (*engine)->inspect();
    if (!ctx)
        return cli.fail(ctx.error());
    auto findings = verifyAccount(**ctx);
    if (!findings)
        return cli.fail(findings.error());
    if (cli.json())
        cli.printJson(QJsonObject{{QStringLiteral("ok"), findings->isEmpty()},
                                  {QStringLiteral("findings"), QJsonArray::fromStringList(*findings)}});
    else if (findings->isEmpty())
        cli.out() << Tr::tr("All invariants hold.") << Qt::endl;
    else
        for (const QString &f : *findings)
            cli.out() << f << "\n";
    cli.out().flush();
    if (!findings->isEmpty())
        return cli.fail(Error::badData(
            QCoreApplication::translate("billingctl", "verify found %n problem(s); the first: %1", nullptr,
                                        int(findings->size()))
                .arg(findings->first())));
    return 0;
}
int cmdNotifications(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("notifications"), argv, {}, {QStringLiteral("mark-read")}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    const bool markRead = args->has(QStringLiteral("mark-read"));
    auto r = (*engine)->run([&](Context &ctx) {
        NotificationRepository repo(ctx.db);
        auto all = repo.all();
        if (!all)
            return Result<QJsonArray>(all.error());
        QJsonArray out;
        for (const Notification &n : *all)
            out.append(QJsonObject{{QStringLiteral("id"), n.id},
                                   {QStringLiteral("time"), ctx.calendar.format(n.at)},
                                   {QStringLiteral("kind"), n.kind},
                                   {QStringLiteral("message"), notificationText(n)},
                                   {QStringLiteral("details"), n.args},
                                   {QStringLiteral("read"), n.read}});
        if (markRead)
            if (Status s = repo.markAllRead(); !s)
                return Result<QJsonArray>(s.error());
        return Result<QJsonArray>(out);
    });
    if (!r)
        return cli.fail(r.error());
    if (cli.json()) {
        cli.printJson(QJsonObject{{QStringLiteral("notifications"), *r}});
        return 0;
    }
    for (const auto &v : *r)
        cli.out() << v.toObject()[QStringLiteral("time")].toString() << "  "
                  << v.toObject()[QStringLiteral("message")].toString() << "\n";
    cli.out().flush();
    return 0;
}
int cmdDemo(Cli &cli, const QStringList &argv)
{
    auto args =
        Args::parse(QStringLiteral("demo"), argv,
                    {QStringLiteral("months"), QStringLiteral("seed"), QStringLiteral("name")}, {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    DemoOptions opts;
    bool ok = true;
    if (args->has(QStringLiteral("months")))
        opts.months = args->value(QStringLiteral("months")).toInt(&ok);
    if (!ok || opts.months < 1 || opts.months > 36)
        return cli.fail(Error::badUsage(Tr::tr("--months must be a whole number from 1 to 36")));
    if (args->has(QStringLiteral("seed")))
        opts.seed = args->value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return cli.fail(Error::badUsage(Tr::tr("--seed must be a whole number")));
    opts.name = args->value(QStringLiteral("name"));
    if (cli.dbPath() == Database::defaultLocation())
        QDir().mkpath(QFileInfo(cli.dbPath()).absolutePath());
    auto r = createDemoAccount(cli.dbPath(), cli.clock().now(), opts);
    if (!r)
        return cli.fail(r.error());
    if (cli.json())
        cli.printJson(QJsonObject{{QStringLiteral("days"), r->days},
                                  {QStringLiteral("records"), r->records},
                                  {QStringLiteral("calls"), r->calls}});
    else
        cli.out() << Tr::tr("Created a demo account in %1: %2 days, %3 call records, %4 calls.")
                         .arg(cli.dbShown())
                         .arg(r->days)
                         .arg(r->records)
                         .arg(r->calls)
                  << Qt::endl;
    return 0;
}
int cmdBackup(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("backup"), argv, {}, {}, 1, 1);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    if (Status s = backupDatabase((*engine)->database(), args->at(0), cli.user()); !s)
        return cli.fail(s.error());
    if (cli.json())
        cli.printJson(QJsonObject{{QStringLiteral("backup"), args->at(0)}});
    else
        cli.out() << Tr::tr("Backed up %1 to %2.").arg(cli.dbShown(), args->at(0)) << Qt::endl;
    return 0;
}

int cmdRestore(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("restore"), argv, {}, {QStringLiteral("replace")}, 1, 1);
    if (!args)
        return cli.fail(args.error());
    if (QFileInfo::exists(cli.dbPath()) && !args->has(QStringLiteral("replace")))
        return cli.fail(Error::refused(
            Tr::tr("%1 already holds an account; add --replace to overwrite it with the backup")
                .arg(cli.dbShown())));
    if (Status s = restoreDatabase(args->at(0), cli.dbPath(), cli.user(), cli.clock().now()); !s)
        return cli.fail(s.error());
    // The engine's own check of what it wrote: the restorer need not be a member of the backup.
    auto findings = verifyDatabase(cli.dbPath());
    if (!findings)
        return cli.fail(findings.error());
    if (!findings->isEmpty())
        return cli.fail(
            Error::badData(Tr::tr("the restored database fails verification: %1").arg(findings->first())));
    if (cli.json())
        cli.printJson(
            QJsonObject{{QStringLiteral("restored"), args->at(0)}, {QStringLiteral("verified"), true}});
    else
        cli.out() << Tr::tr("Restored %1 into %2; all invariants hold.").arg(args->at(0), cli.dbShown())
                  << Qt::endl;
    return 0;
}
int cmdAudit(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("audit"), argv, {}, {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    auto ctx = (*engine)->inspect();
    if (!ctx)
        return cli.fail(ctx.error());
    AuditRepository repo((*engine)->database());
    auto entries = repo.all();
    if (!entries)
        return cli.fail(entries.error());
    QJsonArray out;
    for (const AuditEntry &e : *entries)
        out.append(QJsonObject{{QStringLiteral("id"), e.id},
                               {QStringLiteral("time"), (*ctx)->calendar.format(e.at)},
                               {QStringLiteral("actor"), e.actor},
                               {QStringLiteral("action"), e.action},
                               {QStringLiteral("subject"), e.subject},
                               {QStringLiteral("before"), e.before},
                               {QStringLiteral("after"), e.after},
                               {QStringLiteral("hash"), e.hash}});
    if (cli.json()) {
        cli.printJson(QJsonObject{{QStringLiteral("audit"), out}});
        return 0;
    }
    for (const AuditEntry &e : *entries)
        cli.out() << (*ctx)->calendar.format(e.at) << "  " << e.actor << "  " << e.action << "  " << e.subject
                  << "  " << QString::fromUtf8(QJsonDocument(e.after).toJson(QJsonDocument::Compact)) << "\n";
    cli.out().flush();
    return 0;
}
} // namespace

void addAccountCommands(std::vector<Cli::Command> &c)
{
    c.push_back({QStringLiteral("init"),
                 QStringLiteral("init [--currency USD] [--utc-offset +08:00] [--name NAME]"), cmdInit});
    c.push_back({QStringLiteral("topup"), QStringLiteral("topup AMOUNT"), cmdTopUp});
    c.push_back({QStringLiteral("status"), QStringLiteral("status"), cmdStatus});
    c.push_back({QStringLiteral("verify"), QStringLiteral("verify"), cmdVerify});
    c.push_back({QStringLiteral("audit"), QStringLiteral("audit   (who did what, when, before and after)"),
                 cmdAudit});
    c.push_back({QStringLiteral("backup"), QStringLiteral("backup FILE"), cmdBackup});
    c.push_back({QStringLiteral("restore"), QStringLiteral("restore FILE [--replace]"), cmdRestore});
    c.push_back(
        {QStringLiteral("demo"), QStringLiteral("demo [--months N] [--seed S] [--name NAME]"), cmdDemo});
    c.push_back(
        {QStringLiteral("notifications"), QStringLiteral("notifications [--mark-read]"), cmdNotifications});
}

} // namespace billing::cli
