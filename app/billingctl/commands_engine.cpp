// Services, coupons, packages, import and settlement: the commands that act on the account.
#include "commands.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "json.h"
#include "mapping/calllogmapping.h"
#include "mapping/profiles.h"
#include "tr.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <cstdio>
#include <functional>

namespace billing::cli {

namespace {

Reply setService(Call &call, bool enable)
{
    auto r =
        call.run([&](Context &ctx) { return services::setEnabled(ctx, call.at(0), call.at(1), enable); });
    if (!r)
        return r.error();
    const QString line = !*r ? (enable ? CliTr::tr("%1 in %2 was already enabled.")
                                       : CliTr::tr("%1 in %2 was already disabled."))
                             : (enable ? CliTr::tr("Enabled %1 in %2.") : CliTr::tr("Disabled %1 in %2."));
    return Output{QJsonObject{{QStringLiteral("api"), call.at(0)},
                              {QStringLiteral("region"), call.at(1)},
                              {QStringLiteral("enabled"), enable},
                              {QStringLiteral("changed"), *r}},
                  {line.arg(call.at(0), call.at(1))}};
}

// A package the command changed: the package with --json, its id (or a sentence) as text.
Reply changedPackage(Call &call, const std::function<Result<Package>(Context &)> &change,
                     const std::function<QString(const Package &)> &text)
{
    return call.run([&](Context &ctx) -> Reply {
        auto p = change(ctx);
        if (!p)
            return p.error();
        return Output{json::package(*p, ctx.calendar, ctx.now), {text(*p)}};
    });
}
} // namespace

Reply cmdEnable(Call &call)
{
    return setService(call, true);
}

Reply cmdDisable(Call &call)
{
    return setService(call, false);
}

Reply cmdStopBilling(Call &call)
{
    auto r = call.run([](Context &ctx) { return services::stopBilling(ctx); });
    if (!r)
        return r.error();
    return Output{
        json::stopBilling(*r),
        {CliTr::tr("Billing stopped: %1 service(s) disabled, auto-renew switched off on %2 package(s).")
             .arg(r->enabled.size())
             .arg(r->autoRenewing.size())}};
}

Reply cmdGrantCoupon(Call &call)
{
    auto amount = funds::parseUserAmount(call.at(0));
    if (!amount)
        return amount.error();
    if (!call.has(QStringLiteral("expires")))
        return Error::badUsage(CliTr::tr("grant-coupon: --expires TIME is required"));
    auto expires = BillingCalendar::parseTimestamp(call.value(QStringLiteral("expires")));
    if (!expires)
        return Error::badUsage(CliTr::tr("--expires: %1").arg(expires.error().message));
    auto c = call.run([&](Context &ctx) {
        return coupons::grant(ctx, *amount, *expires, call.value(QStringLiteral("api")));
    });
    if (!c)
        return c.error();
    return Output{
        QJsonObject{{QStringLiteral("id"), c->id}, {QStringLiteral("amount"), json::amount(c->amount)}},
        {CliTr::tr("Coupon %1 granted: %2.").arg(c->id).arg(json::amount(c->amount))}};
}

Reply cmdBuy(Call &call)
{
    packages::BuyRequest req;
    req.api = call.at(0);
    req.region = call.at(1);
    req.sku = call.at(2);
    req.autoRenew = call.has(QStringLiteral("auto-renew"));
    if (call.has(QStringLiteral("effective"))) {
        auto t = BillingCalendar::parseTimestamp(call.value(QStringLiteral("effective")));
        if (!t)
            return Error::badUsage(CliTr::tr("--effective: %1").arg(t.error().message));
        req.effective = *t;
    }
    if (call.has(QStringLiteral("quantity"))) {
        bool ok = false;
        req.quantity = call.value(QStringLiteral("quantity")).toInt(&ok);
        if (!ok || req.quantity < 1 || req.quantity > 100)
            return Error::badUsage(CliTr::tr("--quantity must be a whole number from 1 to 100"));
    }
    if (call.has(QStringLiteral("days"))) {
        bool ok = false;
        req.renewDays = call.value(QStringLiteral("days")).toInt(&ok);
        if (!ok)
            return Error::badUsage(CliTr::tr("--days must be a whole number from 1 to 30"));
    }
    return call.run([&](Context &ctx) -> Reply {
        auto bought = packages::buy(ctx, req);
        if (!bought)
            return bought.error();
        Output out;
        QJsonArray ids, list;
        for (const Package &p : *bought) {
            ids.append(p.id);
            list.append(json::package(p, ctx.calendar, ctx.now));
            out.lines << QString::number(p.id);
        }
        out.json = QJsonObject{{QStringLiteral("ids"), ids}, {QStringLiteral("packages"), list}};
        return out;
    });
}

Reply cmdRenew(Call &call)
{
    auto id = call.idAt(0, CliTr::tr("renew: \"%1\" is not a package id"));
    if (!id)
        return id.error();
    std::optional<QString> sku;
    if (call.has(QStringLiteral("sku")))
        sku = call.value(QStringLiteral("sku"));
    return changedPackage(
        call, [&](Context &ctx) { return packages::renew(ctx, *id, sku); },
        [](const Package &p) { return QString::number(p.id); });
}

Reply cmdAutoRenew(Call &call)
{
    auto id = call.idAt(0, CliTr::tr("auto-renew: \"%1\" is not a package id"));
    if (!id)
        return id.error();
    const QString onOff = call.at(1);
    if (onOff != QLatin1String("on") && onOff != QLatin1String("off"))
        return Error::badUsage(CliTr::tr("auto-renew: say on or off, not \"%1\"").arg(onOff));
    std::optional<int> days;
    if (call.has(QStringLiteral("days"))) {
        bool ok = false;
        days = call.value(QStringLiteral("days")).toInt(&ok);
        if (!ok)
            return Error::badUsage(CliTr::tr("--days must be a whole number from 1 to 30"));
    }
    std::optional<QString> sku;
    if (call.has(QStringLiteral("sku"))) {
        if (onOff != QLatin1String("on"))
            return Error::badUsage(
                CliTr::tr("auto-renew: --sku goes with on (the size to renew as), not off"));
        sku = call.value(QStringLiteral("sku"));
    }
    return changedPackage(
        call,
        [&](Context &ctx) {
            return packages::setAutoRenew(ctx, *id, onOff == QLatin1String("on"), days, sku);
        },
        [&](const Package &p) {
            return p.autoRenew && p.autoRenewSku() != p.sku
                       ? CliTr::tr("Auto-renew of package %1 is on, renewing as %2.")
                             .arg(*id)
                             .arg(p.autoRenewSku())
                       : CliTr::tr("Auto-renew of package %1 is %2.").arg(*id).arg(onOff);
        });
}

Reply cmdUnsubscribe(Call &call)
{
    auto id = call.idAt(0, CliTr::tr("unsubscribe: \"%1\" is not a package id"));
    if (!id)
        return id.error();
    auto r = call.run([&](Context &ctx) { return packages::unsubscribe(ctx, *id); });
    if (!r)
        return r.error();
    return Output{json::refund(*id, *r),
                  {CliTr::tr("Package %1 unsubscribed; refunded %2 (%3 to cash, %4 to coupons).")
                       .arg(*id)
                       .arg(json::amount(r->total), json::amount(r->toCash), json::amount(r->toCoupons))}};
}

Reply cmdImport(Call &call)
{
    QFile file;
    const QString path = call.at(0);
    const bool fromStdin = path == QLatin1String("-");
    if (fromStdin) {
        if (!file.open(stdin, QIODevice::ReadOnly))
            return Error::badData(CliTr::tr("cannot read standard input"));
    } else {
        file.setFileName(path);
        // Pipes, FIFOs, devices and <(zcat ...) are read like standard input: nothing here seeks.
        if (const QFileInfo info(path); !info.exists() || info.isDir())
            return Error::badUsage(CliTr::tr("import-calls: no file %1").arg(path));
        if (!file.open(QIODevice::ReadOnly))
            return Error::badData(CliTr::tr("cannot read %1: %2").arg(path, file.errorString()));
    }
    ImportOptions opts;
    opts.name = fromStdin ? CliTr::tr("standard input") : QFileInfo(path).fileName();
    opts.late = call.has(QStringLiteral("late"));
    const QString profile = call.value(QStringLiteral("profile"));
    // A file (not a pipe) can be read again: settle while reading, and if it is not sorted by time after
    // all, roll back and import it the plain way.
    bool unsorted = false;
    opts.overlapSettle = !file.isSequential();
    opts.unsorted = &unsorted;
    auto run = [&] {
        return call.runThenCatchUp([&](Context &ctx) -> Result<ImportSummary> {
            if (call.has(QStringLiteral("profile"))) {
                auto p = columnProfile(ctx, ProfileKind::CallLog, profile);
                if (!p)
                    return Error{p.error().code, CliTr::tr("import-calls: %1").arg(p.error().message)};
                opts.mapping = CallLogMapping::factory(*p, ctx.catalog);
            }
            return importCalls(ctx, file, opts);
        });
    };
    auto r = run();
    if (!r && unsorted && file.seek(0)) {
        opts.overlapSettle = false;
        r = run();
    }
    if (!r) {
        Error err = r.error();
        if (!fromStdin && err.code == ErrorCode::BadData)
            err.message = QStringLiteral("%1: %2").arg(path, err.message);
        return err;
    }
    return Output{json::importSummary(*r),
                  {CliTr::tr("Imported %1 record(s), %2 call(s)%3.")
                       .arg(r->records)
                       .arg(r->calls)
                       .arg(r->lateRecords ? CliTr::tr(", %1 late").arg(r->lateRecords) : QString())}};
}

Reply cmdSettle(Call &call)
{
    auto r = call.run([](Context &ctx) { return Result<QString>(ctx.calendar.format(ctx.now)); });
    if (!r)
        return r.error();
    return Output{QJsonObject{{QStringLiteral("settled_until"), *r}},
                  {CliTr::tr("Caught up to %1.").arg(*r)}};
}

} // namespace billing::cli
