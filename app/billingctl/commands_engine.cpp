// Services, coupons, packages, import and settlement: the commands that act on the account.
#include "args.h"
#include "cli.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "output.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace billing::cli {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billingctl)
};

// Opens the engine and runs fn in one command transaction; prints the error line on failure.
template <typename F> int withEngine(Cli &cli, F &&fn)
{
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    return fn(**engine);
}

QJsonObject packageJson(const Package &p, const BillingCalendar &cal, Instant now)
{
    return QJsonObject{{QStringLiteral("id"), p.id},
                       {QStringLiteral("api"), p.api},
                       {QStringLiteral("region"), p.region},
                       {QStringLiteral("sku"), p.sku},
                       {QStringLiteral("price"), amount(p.price)},
                       {QStringLiteral("effective"), cal.format(p.effectiveAt)},
                       {QStringLiteral("expires"), cal.format(p.lastSecond())},
                       {QStringLiteral("quota"), p.quota},
                       {QStringLiteral("remaining"), p.remaining},
                       {QStringLiteral("status"), packageStatusId(p.statusAt(now))},
                       {QStringLiteral("auto_renew"), p.autoRenew},
                       {QStringLiteral("renew_days"), p.renewDays}};
}

int cmdService(Cli &cli, const QStringList &argv, bool enable)
{
    const QString name = enable ? QStringLiteral("enable") : QStringLiteral("disable");
    auto args = Args::parse(name, argv, {}, {}, 2, 2);
    if (!args)
        return cli.fail(args.error());
    return withEngine(cli, [&](Engine &e) {
        auto r =
            e.run([&](Context &ctx) { return services::setEnabled(ctx, args->at(0), args->at(1), enable); });
        if (!r)
            return cli.fail(r.error());
        if (cli.json())
            cli.printJson(QJsonObject{{QStringLiteral("api"), args->at(0)},
                                      {QStringLiteral("region"), args->at(1)},
                                      {QStringLiteral("enabled"), enable},
                                      {QStringLiteral("changed"), *r}});
        else if (!*r)
            cli.out() << (enable ? Tr::tr("%1 in %2 was already enabled.")
                                 : Tr::tr("%1 in %2 was already disabled."))
                             .arg(args->at(0), args->at(1))
                      << Qt::endl;
        else
            cli.out() << (enable ? Tr::tr("Enabled %1 in %2.") : Tr::tr("Disabled %1 in %2."))
                             .arg(args->at(0), args->at(1))
                      << Qt::endl;
        return 0;
    });
}

int cmdStopBilling(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("stop-billing"), argv, {}, {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    return withEngine(cli, [&](Engine &e) {
        auto r = e.run([](Context &ctx) { return services::stopBilling(ctx); });
        if (!r)
            return cli.fail(r.error());
        QJsonArray stopped, renewals;
        for (const ServiceState &s : r->enabled)
            stopped.append(QJsonObject{{QStringLiteral("api"), s.api}, {QStringLiteral("region"), s.region}});
        for (const Package &p : r->autoRenewing)
            renewals.append(p.id);
        if (cli.json())
            cli.printJson(QJsonObject{{QStringLiteral("disabled"), stopped},
                                      {QStringLiteral("auto_renew_off"), renewals},
                                      {QStringLiteral("last_month_spend"), amount(r->lastMonthSpend)}});
        else
            cli.out()
                << Tr::tr(
                       "Billing stopped: %1 service(s) disabled, auto-renew switched off on %2 package(s).")
                       .arg(stopped.size())
                       .arg(renewals.size())
                << Qt::endl;
        return 0;
    });
}

int cmdGrantCoupon(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("grant-coupon"), argv,
                            {QStringLiteral("expires"), QStringLiteral("api")}, {}, 1, 1);
    if (!args)
        return cli.fail(args.error());
    auto amount = funds::parseUserAmount(args->at(0));
    if (!amount)
        return cli.fail(amount.error());
    if (!args->has(QStringLiteral("expires")))
        return cli.fail(Error::badUsage(Tr::tr("grant-coupon: --expires TIME is required")));
    auto expires = BillingCalendar::parseTimestamp(args->value(QStringLiteral("expires")));
    if (!expires)
        return cli.fail(Error::badUsage(Tr::tr("--expires: %1").arg(expires.error().message)));
    return withEngine(cli, [&](Engine &e) {
        auto c = e.run([&](Context &ctx) {
            return coupons::grant(ctx, *amount, *expires, args->value(QStringLiteral("api")));
        });
        if (!c)
            return cli.fail(c.error());
        if (cli.json())
            cli.printJson(QJsonObject{{QStringLiteral("id"), c->id},
                                      {QStringLiteral("amount"), cli::amount(c->amount)}});
        else
            cli.out() << Tr::tr("Coupon %1 granted: %2.").arg(c->id).arg(cli::amount(c->amount)) << Qt::endl;
        return 0;
    });
}

int cmdBuy(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("buy"), argv,
                            {QStringLiteral("effective"), QStringLiteral("quantity"), QStringLiteral("days")},
                            {QStringLiteral("auto-renew")}, 3, 3);
    if (!args)
        return cli.fail(args.error());
    packages::BuyRequest req;
    req.api = args->at(0);
    req.region = args->at(1);
    req.sku = args->at(2);
    req.autoRenew = args->has(QStringLiteral("auto-renew"));
    if (args->has(QStringLiteral("effective"))) {
        auto t = BillingCalendar::parseTimestamp(args->value(QStringLiteral("effective")));
        if (!t)
            return cli.fail(Error::badUsage(Tr::tr("--effective: %1").arg(t.error().message)));
        req.effective = *t;
    }
    if (args->has(QStringLiteral("quantity"))) {
        bool ok = false;
        req.quantity = args->value(QStringLiteral("quantity")).toInt(&ok);
        if (!ok || req.quantity < 1 || req.quantity > 100)
            return cli.fail(Error::badUsage(Tr::tr("--quantity must be a whole number from 1 to 100")));
    }
    if (args->has(QStringLiteral("days"))) {
        bool ok = false;
        req.renewDays = args->value(QStringLiteral("days")).toInt(&ok);
        if (!ok)
            return cli.fail(Error::badUsage(Tr::tr("--days must be a whole number from 1 to 30")));
    }
    return withEngine(cli, [&](Engine &e) {
        auto r = e.run([&](Context &ctx) {
            auto bought = packages::buy(ctx, req);
            if (!bought)
                return Result<QJsonArray>(bought.error());
            QJsonArray list;
            for (const Package &p : *bought)
                list.append(packageJson(p, ctx.calendar, ctx.now));
            return Result<QJsonArray>(list);
        });
        if (!r)
            return cli.fail(r.error());
        QJsonArray ids;
        for (const auto &p : *r)
            ids.append(p.toObject()[QStringLiteral("id")]);
        if (cli.json())
            cli.printJson(QJsonObject{{QStringLiteral("ids"), ids}, {QStringLiteral("packages"), *r}});
        else
            for (const auto &id : ids)
                cli.out() << id.toInteger() << Qt::endl;
        return 0;
    });
}

int cmdRenew(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("renew"), argv, {}, {}, 1, 1);
    if (!args)
        return cli.fail(args.error());
    bool ok = false;
    const qint64 id = args->at(0).toLongLong(&ok);
    if (!ok)
        return cli.fail(Error::badUsage(Tr::tr("renew: \"%1\" is not a package id").arg(args->at(0))));
    return withEngine(cli, [&](Engine &e) {
        auto r = e.run([&](Context &ctx) {
            auto p = packages::renew(ctx, id);
            if (!p)
                return Result<QJsonObject>(p.error());
            return Result<QJsonObject>(packageJson(*p, ctx.calendar, ctx.now));
        });
        if (!r)
            return cli.fail(r.error());
        if (cli.json())
            cli.printJson(*r);
        else
            cli.out() << (*r)[QStringLiteral("id")].toInteger() << Qt::endl;
        return 0;
    });
}

int cmdAutoRenew(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("auto-renew"), argv, {QStringLiteral("days")}, {}, 2, 2);
    if (!args)
        return cli.fail(args.error());
    bool ok = false;
    const qint64 id = args->at(0).toLongLong(&ok);
    if (!ok)
        return cli.fail(Error::badUsage(Tr::tr("auto-renew: \"%1\" is not a package id").arg(args->at(0))));
    const QString onOff = args->at(1);
    if (onOff != QLatin1String("on") && onOff != QLatin1String("off"))
        return cli.fail(Error::badUsage(Tr::tr("auto-renew: say on or off, not \"%1\"").arg(onOff)));
    std::optional<int> days;
    if (args->has(QStringLiteral("days"))) {
        days = args->value(QStringLiteral("days")).toInt(&ok);
        if (!ok)
            return cli.fail(Error::badUsage(Tr::tr("--days must be a whole number from 1 to 30")));
    }
    return withEngine(cli, [&](Engine &e) {
        auto r = e.run([&](Context &ctx) {
            auto p = packages::setAutoRenew(ctx, id, onOff == QLatin1String("on"), days);
            if (!p)
                return Result<QJsonObject>(p.error());
            return Result<QJsonObject>(packageJson(*p, ctx.calendar, ctx.now));
        });
        if (!r)
            return cli.fail(r.error());
        if (cli.json())
            cli.printJson(*r);
        else
            cli.out() << Tr::tr("Auto-renew of package %1 is %2.").arg(id).arg(onOff) << Qt::endl;
        return 0;
    });
}

int cmdUnsubscribe(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("unsubscribe"), argv, {}, {}, 1, 1);
    if (!args)
        return cli.fail(args.error());
    bool ok = false;
    const qint64 id = args->at(0).toLongLong(&ok);
    if (!ok)
        return cli.fail(Error::badUsage(Tr::tr("unsubscribe: \"%1\" is not a package id").arg(args->at(0))));
    return withEngine(cli, [&](Engine &e) {
        auto r = e.run([&](Context &ctx) { return packages::unsubscribe(ctx, id); });
        if (!r)
            return cli.fail(r.error());
        if (cli.json())
            cli.printJson(QJsonObject{{QStringLiteral("id"), id},
                                      {QStringLiteral("refund"), amount(r->total)},
                                      {QStringLiteral("to_cash"), amount(r->toCash)},
                                      {QStringLiteral("to_coupons"), amount(r->toCoupons)}});
        else
            cli.out() << Tr::tr("Package %1 unsubscribed; refunded %2 (%3 to cash, %4 to coupons).")
                             .arg(id)
                             .arg(amount(r->total), amount(r->toCash), amount(r->toCoupons))
                      << Qt::endl;
        return 0;
    });
}

int cmdImport(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("import-calls"), argv, {}, {QStringLiteral("late")}, 1, 1);
    if (!args)
        return cli.fail(args.error());
    QFile file;
    const QString path = args->at(0);
    if (path == QLatin1String("-")) {
        if (!file.open(stdin, QIODevice::ReadOnly))
            return cli.fail(Error::badData(Tr::tr("cannot read standard input")));
    } else {
        file.setFileName(path);
        if (!QFileInfo(path).isFile())
            return cli.fail(Error::badUsage(Tr::tr("import-calls: no file %1").arg(path)));
        if (!file.open(QIODevice::ReadOnly))
            return cli.fail(Error::badData(Tr::tr("cannot read %1: %2").arg(path, file.errorString())));
    }
    ImportOptions opts;
    opts.name = path == QLatin1String("-") ? Tr::tr("standard input") : QFileInfo(path).fileName();
    opts.late = args->has(QStringLiteral("late"));
    return withEngine(cli, [&](Engine &e) {
        auto r = e.runThenCatchUp([&](Context &ctx) { return importCalls(ctx, file, opts); });
        if (!r) {
            Error err = r.error();
            if (path != QLatin1String("-") && err.code == ErrorCode::BadData)
                err.message = QStringLiteral("%1: %2").arg(path, err.message);
            return cli.fail(err);
        }
        if (cli.json())
            cli.printJson(QJsonObject{{QStringLiteral("records"), r->records},
                                      {QStringLiteral("calls"), r->calls},
                                      {QStringLiteral("late"), r->lateRecords}});
        else
            cli.out() << Tr::tr("Imported %1 record(s), %2 call(s)%3.")
                             .arg(r->records)
                             .arg(r->calls)
                             .arg(r->lateRecords ? Tr::tr(", %1 late").arg(r->lateRecords) : QString())
                      << Qt::endl;
        return 0;
    });
}

int cmdSettle(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("settle"), argv, {}, {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    return withEngine(cli, [&](Engine &e) {
        auto r = e.run([](Context &ctx) { return Result<QString>(ctx.calendar.format(ctx.now)); });
        if (!r)
            return cli.fail(r.error());
        if (cli.json())
            cli.printJson(QJsonObject{{QStringLiteral("settled_until"), *r}});
        else
            cli.out() << Tr::tr("Caught up to %1.").arg(*r) << Qt::endl;
        return 0;
    });
}
} // namespace

void addEngineCommands(std::vector<Cli::Command> &c)
{
    c.push_back({QStringLiteral("enable"), QStringLiteral("enable API REGION"),
                 [](Cli &cli, const QStringList &a) { return cmdService(cli, a, true); }});
    c.push_back({QStringLiteral("disable"), QStringLiteral("disable API REGION"),
                 [](Cli &cli, const QStringList &a) { return cmdService(cli, a, false); }});
    c.push_back({QStringLiteral("stop-billing"), QStringLiteral("stop-billing"), cmdStopBilling});
    c.push_back({QStringLiteral("grant-coupon"),
                 QStringLiteral("grant-coupon AMOUNT --expires TIME [--api API]"), cmdGrantCoupon});
    c.push_back(
        {QStringLiteral("buy"),
         QStringLiteral("buy API REGION SKU [--effective TIME] [--auto-renew] [--days N] [--quantity N]"),
         cmdBuy});
    c.push_back({QStringLiteral("renew"), QStringLiteral("renew PACKAGE_ID"), cmdRenew});
    c.push_back({QStringLiteral("auto-renew"), QStringLiteral("auto-renew PACKAGE_ID on|off [--days N]"),
                 cmdAutoRenew});
    c.push_back({QStringLiteral("unsubscribe"), QStringLiteral("unsubscribe PACKAGE_ID"), cmdUnsubscribe});
    c.push_back({QStringLiteral("import-calls"), QStringLiteral("import-calls FILE|- [--late]"), cmdImport});
    c.push_back({QStringLiteral("settle"), QStringLiteral("settle"), cmdSettle});
}

} // namespace billing::cli
