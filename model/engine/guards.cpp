#include "engine/guards.h"
#include "engine/tr.h"

#include "auth/identity.h"
#include "core/shown.h"
#include "engine/context.h"
#include "engine/funds.h"
#include "engine/services.h"
#include "engine/settlement.h"
#include "storage/guardrepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace billing::guards {

namespace {

QJsonObject guardJson(const Guard &g)
{
    return QJsonObject{{QStringLiteral("api"), g.api.isEmpty() ? QStringLiteral("all") : g.api},
                       {QStringLiteral("region"), g.region.isEmpty() ? QJsonValue() : QJsonValue(g.region)},
                       {QStringLiteral("trigger"), guardTriggerId(g.trigger)},
                       {QStringLiteral("amount"), g.amount.toString()}};
}

Result<Money> amountOf(const QString &text)
{
    auto m = funds::parseUserAmount(text);
    if (!m)
        return m.error();
    if (Status s = funds::validateAmount(*m); !s)
        return s.error();
    return *m;
}

// The month a cost guard that fired at hour end `at` fired for: the month of the hour that ended there.
Instant firedForMonth(const BillingCalendar &calendar, Instant at)
{
    return calendar.monthStart(at - 1);
}

Status fire(Context &ctx, RatingState &state, Guard &g, Instant at, Money seen)
{
    auto services = ctx.subscriptions.services();
    if (!services)
        return services.error();
    const Instant savedNow = ctx.now;
    const QString savedActor = ctx.actor;
    ctx.now = at; // at the hour's end, by the guard itself (billing-rules §13)
    ctx.actor = QStringLiteral("guard:") + g.name;
    QJsonArray disabled;
    Status result;
    for (const ServiceState &sv : *services) {
        if (!sv.enabled || !g.inScope(sv.api, sv.region))
            continue;
        if (result = ctx.subscriptions.setService(sv.api, sv.region, false, at); !result)
            break;
        if (result = ctx.audit(QStringLiteral("disable"), sv.api + u'/' + sv.region,
                               QJsonObject{{QStringLiteral("enabled"), true}},
                               QJsonObject{{QStringLiteral("enabled"), false}});
            !result)
            break;
        state.addServiceEvent(sv.api, sv.region, at, false);
        disabled.append(sv.api + u'/' + sv.region);
    }
    ctx.now = savedNow;
    ctx.actor = savedActor;
    if (!result)
        return result;
    g.fired = true;
    g.firedAt = at;
    if (Status s = GuardRepository(ctx.db).updateState(g); !s)
        return s;
    QJsonObject args = guardJson(g);
    args.insert(QStringLiteral("guard"), g.name);
    args.insert(QStringLiteral("value"), seen.toString());
    args.insert(QStringLiteral("services"), disabled);
    return ctx.notify(at, AlertKind::GuardFired, args, QStringLiteral("guard:%1:%2").arg(g.id).arg(at));
}
} // namespace

Result<Guard> fromSpec(Context &ctx, const GuardSpec &spec)
{
    Guard g;
    g.name = spec.name;
    if (g.name.isEmpty() || g.name.size() > 64 || g.name.trimmed() != g.name)
        return Error::badUsage(EngineTr::tr("a guard's name has 1 to 64 characters without surrounding "
                                            "spaces; \"%1\" has not")
                                   .arg(shownValue(g.name)));
    if (!spec.api.isEmpty() && spec.api != QLatin1String("all")) {
        if (!ctx.catalog.api(spec.api))
            return Error::badUsage(EngineTr::tr("unknown API \"%1\"").arg(shownValue(spec.api)));
        g.api = spec.api;
    }
    if (!spec.region.isEmpty()) {
        if (!ctx.catalog.region(spec.region))
            return Error::badUsage(EngineTr::tr("unknown region \"%1\"").arg(shownValue(spec.region)));
        g.region = spec.region;
    }
    if (spec.monthCost.has_value() == spec.balanceFloor.has_value())
        return Error::badUsage(EngineTr::tr("a guard has one trigger: give either a month's cost limit or a "
                                            "balance floor"));
    g.trigger = spec.monthCost ? Guard::Trigger::MonthCost : Guard::Trigger::BalanceFloor;
    if (g.trigger == Guard::Trigger::BalanceFloor && (!g.api.isEmpty() || !g.region.isEmpty()))
        return Error::badUsage(EngineTr::tr("a balance guard watches the whole account: its scope is every "
                                            "API in every region (no API, no region)"));
    auto amount = amountOf(spec.monthCost ? *spec.monthCost : *spec.balanceFloor);
    if (!amount)
        return amount.error();
    g.amount = *amount;
    g.createdAt = ctx.now;
    return g;
}

Result<Guard> set(Context &ctx, Guard g)
{
    if (Status s = authorize(ctx, Permission::ManageServices); !s)
        return s.error();
    g.id = 0;
    g.fired = false;
    g.firedAt.reset();
    g.createdAt = ctx.now;
    auto id = GuardRepository(ctx.db).insert(g);
    if (!id)
        return id.error();
    g.id = *id;
    if (Status s =
            ctx.audit(QStringLiteral("guard-set"), QStringLiteral("guard %1").arg(g.name), {}, guardJson(g));
        !s)
        return s.error();
    return g;
}

Status remove(Context &ctx, const QString &name)
{
    if (Status s = authorize(ctx, Permission::ManageServices); !s)
        return s;
    GuardRepository repo(ctx.db);
    auto g = repo.byName(name);
    if (!g)
        return g.error();
    if (!*g)
        return Error::refused(EngineTr::tr("there is no guard named \"%1\"").arg(shownValue(name)));
    if (Status s = repo.remove((*g)->id); !s)
        return s;
    return ctx.audit(QStringLiteral("guard-remove"), QStringLiteral("guard %1").arg(name), guardJson(**g),
                     {});
}

bool firedAt(const Guard &g, const BillingCalendar &calendar, Instant now)
{
    if (!g.fired || !g.firedAt)
        return false;
    if (g.trigger == Guard::Trigger::BalanceFloor)
        return true;
    return firedForMonth(calendar, *g.firedAt) == calendar.monthStart(now);
}

Result<std::vector<Guard>> list(Context &ctx)
{
    auto all = GuardRepository(ctx.db).all();
    if (!all)
        return all.error();
    for (Guard &g : *all)
        g.fired = firedAt(g, ctx.calendar, ctx.now);
    return all;
}

Result<std::vector<ServiceState>> stillDisabledBy(Context &ctx, const Guard &g)
{
    std::vector<ServiceState> out;
    if (!g.firedAt)
        return out;
    auto services = ctx.subscriptions.services();
    if (!services)
        return services.error();
    for (const ServiceState &sv : *services)
        if (!sv.enabled && sv.changedAt == *g.firedAt && g.inScope(sv.api, sv.region))
            out.push_back(sv);
    return out;
}

Result<std::vector<ServiceState>> reenable(Context &ctx, const QString &name)
{
    auto g = GuardRepository(ctx.db).byName(name);
    if (!g)
        return g.error();
    if (!*g)
        return Error::refused(EngineTr::tr("there is no guard named \"%1\"").arg(shownValue(name)));
    auto off = stillDisabledBy(ctx, **g);
    if (!off)
        return off.error();
    for (const ServiceState &sv : *off)
        if (auto r = services::setEnabled(ctx, sv.api, sv.region, true); !r)
            return r.error();
    return off;
}

Status check(Context &ctx, RatingState &state, std::vector<Guard> &guards, Instant hourEnd, bool settled)
{
    GuardRepository repo(ctx.db);
    const Instant month = ctx.calendar.monthStart(hourEnd - 1);
    for (Guard &g : guards) {
        if (g.createdAt >= hourEnd)
            continue; // set at or after this instant: first checked at the next hour end (§12.19)
        if (g.trigger == Guard::Trigger::MonthCost) {
            if (g.fired && g.firedAt && firedForMonth(ctx.calendar, *g.firedAt) == month)
                continue; // at most once a month
            if (!settled && g.createdAt < hourEnd - kMicrosPerHour && !g.fired)
                continue; // checked before, and no line since: the month's cost is as it was
            auto cost = repo.scopeCost(g.api, g.region, month, hourEnd, hourEnd);
            if (!cost)
                return cost.error();
            if (*cost >= g.amount) {
                if (Status s = fire(ctx, state, g, hourEnd, *cost); !s)
                    return s;
            } else if (g.fired) {
                g.fired = false; // armed again for the new month
                if (Status s = repo.updateState(g); !s)
                    return s;
            }
            continue;
        }
        const Money balance = ctx.account.balance;
        if (g.fired) {
            if (balance > g.amount) {
                g.fired = false; // re-armed: the balance is above the floor at an hour's end
                if (Status s = repo.updateState(g); !s)
                    return s;
            }
        } else if (balance <= g.amount) {
            if (Status s = fire(ctx, state, g, hourEnd, balance); !s)
                return s;
        }
    }
    return {};
}

} // namespace billing::guards
