// init, topup, status, verify, audit, backup, restore, demo, notifications: the account and its money.
#include "analysis/marginalprice.h"
#include "commands.h"
#include "demo/demogenerator.h"
#include "engine/accountstatus.h"
#include "engine/backup.h"
#include "engine/funds.h"
#include "engine/notificationtext.h"
#include "engine/verifier.h"
#include "json.h"
#include "storage/auditrepository.h"
#include "storage/notificationrepository.h"
#include "tr.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace billing::cli {

namespace {

// init and demo create the default database's folder; another path is the caller's to provide.
void makeDefaultFolder(const Cli &cli)
{
    if (cli.dbPath() == Database::defaultLocation())
        QDir().mkpath(QFileInfo(cli.dbPath()).absolutePath());
}

// The account and what the next 1,000 calls of each of its services would cost (billing-rules §10).
struct StatusView
{
    AccountStatus status;
    std::vector<MarginalPrice> marginal; // one per service, in the same order
};

Result<StatusView> statusView(Context &ctx)
{
    auto st = accountStatus(ctx);
    if (!st)
        return st.error();
    std::vector<std::pair<QString, QString>> pairs;
    for (const ServiceState &s : st->services)
        pairs.emplace_back(s.api, s.region);
    auto marginal = marginalPrices(ctx, pairs);
    if (!marginal)
        return marginal.error();
    return StatusView{std::move(*st), std::move(*marginal)};
}

QStringList statusLines(const StatusView &view, const BillingCalendar &cal)
{
    const AccountStatus &st = view.status;
    const Account &a = st.account;
    QStringList o;
    o << CliTr::tr("Account:  %1 (%2)").arg(a.name, a.currency);
    o << CliTr::tr("Now:      %1").arg(cal.format(st.now));
    o << CliTr::tr("Balance:  %1").arg(json::amount(a.balance));
    o << CliTr::tr("Arrears:  %1").arg(json::amount(a.arrears()));
    o << CliTr::tr("State:    %1%2")
             .arg(accountStateId(a.state),
                  a.stateUntil ? CliTr::tr(" until %1").arg(cal.format(*a.stateUntil)) : QString());
    int enabled = 0;
    for (size_t i = 0; i < st.services.size(); ++i)
        if (const ServiceState &s = st.services[i]; s.enabled) {
            o << CliTr::tr("Enabled:  %1 in %2, next 1,000 calls %3")
                     .arg(s.api, s.region, json::amountFine(view.marginal[i].per1000));
            ++enabled;
        }
    if (enabled == 0)
        o << CliTr::tr("Enabled:  no API service");
    for (const Coupon &c : st.coupons)
        o << CliTr::tr("Coupon %1: %2 of %3 left, expires %4%5")
                 .arg(c.id)
                 .arg(json::amount(c.remaining), json::amount(c.amount), cal.format(c.expiresAt),
                      c.api.isEmpty() ? QString() : CliTr::tr(", for %1").arg(c.api));
    for (const Package &p : st.packages)
        o << CliTr::tr("Package %1: %2 %3 %4, %5 of %6 calls left, %7 → %8, %9%10")
                 .arg(p.id)
                 .arg(p.api, p.region, p.sku)
                 .arg(p.remaining)
                 .arg(p.quota)
                 .arg(cal.format(p.effectiveAt), cal.format(p.lastSecond()),
                      packageStatusId(p.statusAt(st.now)),
                      !p.autoRenew                ? QString()
                      : p.autoRenewSku() == p.sku ? CliTr::tr(", auto-renew %1 days before").arg(p.renewDays)
                                                  : CliTr::tr(", auto-renew %1 days before as %2")
                                                        .arg(p.renewDays)
                                                        .arg(p.autoRenewSku()));
    return o;
}
} // namespace

Reply cmdInit(Call &call)
{
    InitOptions opts;
    if (call.has(QStringLiteral("currency")))
        opts.currency = call.value(QStringLiteral("currency"));
    if (call.has(QStringLiteral("name")))
        opts.name = call.value(QStringLiteral("name"));
    if (call.has(QStringLiteral("utc-offset"))) {
        auto off = BillingCalendar::parseOffset(call.value(QStringLiteral("utc-offset")));
        if (!off)
            return off.error();
        opts.utcOffsetSeconds = *off;
    }
    const Cli &cli = call.cli();
    makeDefaultFolder(cli);
    auto engine = Engine::create(cli.dbPath(), cli.clock(), opts);
    if (!engine)
        return engine.error();
    auto view = (*engine)->run([](Context &ctx) { return statusView(ctx); });
    if (!view)
        return view.error();
    const AccountStatus *st = &view->status;
    const BillingCalendar cal(st->account.utcOffsetSeconds);
    return Output{json::status(*st, cal, view->marginal),
                  {CliTr::tr("Created the account \"%1\" in %2, starting %3 (billing time zone UTC%4).")
                       .arg(st->account.name, cli.dbShown(), cal.format(st->account.createdAt),
                            BillingCalendar::formatOffset(st->account.utcOffsetSeconds))}};
}

Reply cmdTopUp(Call &call)
{
    auto amount = funds::parseUserAmount(call.at(0));
    if (!amount)
        return amount.error();
    auto r = call.run([&](Context &ctx) { return funds::topUp(ctx, *amount); });
    if (!r)
        return r.error();
    return Output{
        json::topUp(*amount, *r),
        {CliTr::tr("Topped up %1; balance %2.").arg(json::amount(*amount), json::amount(r->balanceAfter))}};
}

Reply cmdStatus(Call &call)
{
    auto view = call.run([](Context &ctx) { return statusView(ctx); });
    if (!view)
        return view.error();
    const BillingCalendar cal(view->status.account.utcOffsetSeconds);
    return Output{json::status(view->status, cal, view->marginal), statusLines(*view, cal)};
}

Reply cmdVerify(Call &call)
{
    auto findings = call.inspect([](Context &ctx) { return verifyAccount(ctx); });
    if (!findings)
        return findings.error();
    Output out{QJsonObject{{QStringLiteral("ok"), findings->isEmpty()},
                           {QStringLiteral("findings"), QJsonArray::fromStringList(*findings)}},
               findings->isEmpty() ? QStringList{CliTr::tr("All invariants hold.")} : *findings};
    if (!findings->isEmpty())
        out.failure = Error::badData(QCoreApplication::translate("billingctl",
                                                                 "verify found %n problem(s); the first: %1",
                                                                 nullptr, int(findings->size()))
                                         .arg(findings->first()));
    return out;
}

Reply cmdNotifications(Call &call)
{
    const bool markRead = call.has(QStringLiteral("mark-read"));
    return call.run([&](Context &ctx) -> Reply {
        NotificationRepository repo(ctx.db);
        auto all = repo.all();
        if (!all)
            return all.error();
        Output out = Output::list(
            QStringLiteral("notifications"), *all,
            [&](const Notification &n) { return json::notification(n, ctx.calendar); },
            [&](const Notification &n) {
                return ctx.calendar.format(n.at) + QStringLiteral("  ") + notificationText(n);
            });
        if (markRead)
            if (Status s = repo.markAllRead(); !s)
                return s.error();
        return out;
    });
}

Reply cmdDemo(Call &call)
{
    DemoOptions opts;
    bool ok = true;
    if (call.has(QStringLiteral("months")))
        opts.months = call.value(QStringLiteral("months")).toInt(&ok);
    if (!ok || opts.months < 1 || opts.months > 36)
        return Error::badUsage(CliTr::tr("--months must be a whole number from 1 to 36"));
    if (call.has(QStringLiteral("seed")))
        opts.seed = call.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return Error::badUsage(CliTr::tr("--seed must be a whole number"));
    opts.name = call.value(QStringLiteral("name"));
    const Cli &cli = call.cli();
    makeDefaultFolder(cli);
    auto r = createDemoAccount(cli.dbPath(), cli.clock().now(), opts);
    if (!r)
        return r.error();
    return Output{json::demo(*r),
                  {CliTr::tr("Created a demo account in %1: %2 days, %3 call records, %4 calls.")
                       .arg(cli.dbShown())
                       .arg(r->days)
                       .arg(r->records)
                       .arg(r->calls)}};
}

Reply cmdBackup(Call &call)
{
    auto engine = call.engine();
    if (!engine)
        return engine.error();
    if (Status s = backupDatabase((*engine)->database(), call.at(0), call.cli().user()); !s)
        return s.error();
    return Output{QJsonObject{{QStringLiteral("backup"), call.at(0)}},
                  {CliTr::tr("Backed up %1 to %2.").arg(call.cli().dbShown(), call.at(0))}};
}

Reply cmdRestore(Call &call)
{
    const Cli &cli = call.cli();
    if (QFileInfo::exists(cli.dbPath()) && !call.has(QStringLiteral("replace")))
        return Error::refused(
            CliTr::tr("%1 already holds an account; add --replace to overwrite it with the backup")
                .arg(cli.dbShown()));
    if (Status s = restoreDatabase(call.at(0), cli.dbPath(), cli.user(), cli.clock().now()); !s)
        return s.error();
    // The engine's own check of what it wrote: the restorer need not be a member of the backup.
    auto findings = verifyDatabase(cli.dbPath());
    if (!findings)
        return findings.error();
    if (!findings->isEmpty())
        return Error::badData(
            CliTr::tr("the restored database fails verification: %1").arg(findings->first()));
    return Output{QJsonObject{{QStringLiteral("restored"), call.at(0)}, {QStringLiteral("verified"), true}},
                  {CliTr::tr("Restored %1 into %2; all invariants hold.").arg(call.at(0), cli.dbShown())}};
}

Reply cmdAudit(Call &call)
{
    return call.inspect([](Context &ctx) -> Reply {
        auto entries = AuditRepository(ctx.db).all();
        if (!entries)
            return entries.error();
        return Output::list(
            QStringLiteral("audit"), *entries,
            [&](const AuditEntry &e) { return json::audit(e, ctx.calendar); },
            [&](const AuditEntry &e) {
                return QStringList{ctx.calendar.format(e.at), e.actor, e.action, e.subject,
                                   QString::fromUtf8(QJsonDocument(e.after).toJson(QJsonDocument::Compact))}
                    .join(QLatin1String("  "));
            });
    });
}

} // namespace billing::cli
