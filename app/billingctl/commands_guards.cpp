// guard set|list|remove|dry-run: spend guards (billing-rules §13, cli-contract.md).
#include "commands.h"
#include "engine/guards.h"
#include "json.h"
#include "tr.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>

namespace billing::cli {

namespace {

guards::GuardSpec specOf(const Call &call)
{
    guards::GuardSpec spec;
    spec.name = call.at(0);
    spec.api = call.value(QStringLiteral("api"));
    spec.region = call.value(QStringLiteral("region"));
    if (call.has(QStringLiteral("month-cost")))
        spec.monthCost = call.value(QStringLiteral("month-cost"));
    if (call.has(QStringLiteral("balance-floor")))
        spec.balanceFloor = call.value(QStringLiteral("balance-floor"));
    return spec;
}

QJsonObject guardJson(const Guard &g, const BillingCalendar &cal)
{
    QJsonObject o{{QStringLiteral("name"), g.name},
                  {QStringLiteral("api"), g.api.isEmpty() ? QStringLiteral("all") : g.api},
                  {QStringLiteral("region"), g.region.isEmpty() ? QJsonValue() : QJsonValue(g.region)},
                  {QStringLiteral("trigger"), guardTriggerId(g.trigger)},
                  {QStringLiteral("amount"), json::amount(g.amount)},
                  {QStringLiteral("state"), g.fired ? QStringLiteral("fired") : QStringLiteral("armed")},
                  {QStringLiteral("fired_at"),
                   g.fired && g.firedAt ? QJsonValue(cal.format(*g.firedAt)) : QJsonValue()}};
    // Beyond the contract: the last firing also once the guard is armed again.
    o.insert(QStringLiteral("last_fired_at"), g.firedAt ? QJsonValue(cal.format(*g.firedAt)) : QJsonValue());
    return o;
}

QString describe(const Guard &g)
{
    const QString scope = g.api.isEmpty()      ? CliTr::tr("every API")
                          : g.region.isEmpty() ? CliTr::tr("%1 in every region").arg(g.api)
                                               : CliTr::tr("%1 in %2").arg(g.api, g.region);
    return g.trigger == Guard::Trigger::MonthCost
               ? CliTr::tr("%1: month's cost of %2 reaching %3").arg(g.name, scope, json::amount(g.amount))
               : CliTr::tr("%1: balance at or below %2").arg(g.name, json::amount(g.amount));
}

QString stateLine(const Guard &g, const BillingCalendar &cal)
{
    return g.fired && g.firedAt ? CliTr::tr("fired at %1").arg(cal.format(*g.firedAt)) : CliTr::tr("armed");
}

bool describesGuard(const Call &call)
{
    for (const char *o : {"api", "region", "month-cost", "balance-floor"})
        if (call.has(QLatin1String(o)))
            return true;
    return false;
}
} // namespace

Reply cmdGuard(Call &)
{
    return Error::badUsage(CliTr::tr("guard: give set, list, remove or dry-run"));
}

Reply cmdGuardSet(Call &call)
{
    if (!call.has(QStringLiteral("api")))
        return Error::badUsage(CliTr::tr("guard set: give the scope with --api API or --api all"));
    const guards::GuardSpec spec = specOf(call);
    return call.run([&](Context &ctx) -> Reply {
        auto g = guards::fromSpec(ctx, spec);
        if (!g)
            return g.error();
        auto stored = guards::set(ctx, *g);
        if (!stored)
            return stored.error();
        return Output{guardJson(*stored, ctx.calendar),
                      {CliTr::tr("Guard %1; first checked at the next hour's end.").arg(describe(*stored))}};
    });
}

Reply cmdGuardList(Call &call)
{
    return call.run([&](Context &ctx) -> Reply {
        auto all = guards::list(ctx);
        if (!all)
            return all.error();
        const BillingCalendar cal = ctx.calendar;
        return Output::list(
            QStringLiteral("guards"), *all, [&](const Guard &g) { return guardJson(g, cal); },
            [&](const Guard &g) { return CliTr::tr("%1 (%2)").arg(describe(g), stateLine(g, cal)); },
            CliTr::tr("No guards."));
    });
}

Reply cmdGuardRemove(Call &call)
{
    const QString name = call.at(0);
    Status s = call.run([&](Context &ctx) { return guards::remove(ctx, name); });
    if (!s)
        return s.error();
    return Output{QJsonObject{{QStringLiteral("removed"), name}}, {CliTr::tr("Guard %1 removed.").arg(name)}};
}

Reply cmdGuardDryRun(Call &call)
{
    if (!call.has(QStringLiteral("days")))
        return Error::badUsage(CliTr::tr("guard dry-run: give the days to replay with --days N"));
    bool ok = false;
    const int days = call.value(QStringLiteral("days")).toInt(&ok);
    if (!ok) // a number out of 1–366 is refused by the engine (exit 1), as buy --days 31 is
        return Error::badUsage(
            CliTr::tr("--days must be a whole number from 1 to %1").arg(guards::kMaxDryRunDays));
    const bool described = describesGuard(call);
    const guards::GuardSpec spec = specOf(call);
    // The guard as given or stored. The account is only read, not even caught up: the scratch copy is.
    auto guard = call.inspect([&](Context &ctx) -> Result<Guard> {
        if (described) // a guard not stored yet, as guard set would take it
            return guards::fromSpec(ctx, spec);
        auto all = guards::list(ctx);
        if (!all)
            return all.error();
        auto it = std::find_if(all->begin(), all->end(), [&](const Guard &x) { return x.name == spec.name; });
        if (it == all->end())
            return Error::refused(CliTr::tr("there is no guard named \"%1\"; describe one with --api and "
                                            "--month-cost or --balance-floor to try it unsaved")
                                      .arg(spec.name));
        return *it;
    });
    if (!guard)
        return guard.error();
    const Guard &g = *guard;
    auto engine = call.engine();
    if (!engine)
        return engine.error();
    Engine &e = **engine;
    // Replayed on a scratch copy: the account is only read.
    auto r = guards::dryRun(e, e.clock().now(), call.cli().user(), g, days);
    if (!r)
        return r.error();
    auto ctx = e.inspect();
    if (!ctx)
        return ctx.error();
    const BillingCalendar &cal = (*ctx)->calendar;
    QJsonObject o = guardJson(g, cal);
    o.insert(QStringLiteral("days"), days);
    o.insert(QStringLiteral("would_fire_at"),
             r->wouldFireAt ? QJsonValue(cal.format(*r->wouldFireAt)) : QJsonValue());
    o.insert(QStringLiteral("calls_rejected"), r->callsRejected);
    o.insert(QStringLiteral("charges_avoided"), json::amount(r->chargesAvoided));
    o.insert(QStringLiteral("arrears_avoided"), json::amount(r->arrearsAvoided));
    QStringList lines;
    if (r->wouldFireAt) {
        lines << CliTr::tr(
                     "Over the last %1 day(s) guard %2 would have fired at %3, rejecting %4 call(s) and "
                     "avoiding %5 of charges.")
                     .arg(days)
                     .arg(g.name, cal.format(*r->wouldFireAt))
                     .arg(r->callsRejected)
                     .arg(json::amount(r->chargesAvoided));
        if (r->arrearsAvoided > Money())
            lines << CliTr::tr("Of these, %1 would not have been arrears.")
                         .arg(json::amount(r->arrearsAvoided));
    } else {
        lines << CliTr::tr("Over the last %1 day(s) guard %2 would not have fired.").arg(days).arg(g.name);
    }
    return Output{o, lines};
}

} // namespace billing::cli
