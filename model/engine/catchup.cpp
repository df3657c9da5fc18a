#include "engine/catchup.h"

#include "analysis/anomalies.h"
#include "analysis/budgets.h"

#include "engine/context.h"
#include "engine/guards.h"
#include "engine/packages.h"
#include "engine/settlement.h"
#include "storage/database.h"
#include "storage/guardrepository.h"
#include "storage/usagerepository.h"

#include <QJsonObject>
#include <QSqlQuery>

#include <algorithm>

namespace billing {

namespace {

// The bill of month M becomes final on the 3rd of M+1 at 00:00:00; its totals are sealed then so
// that verify can prove nothing in it changed afterwards.
Status closeMonth(Context &ctx, Instant monthStart, Instant at)
{
    QSqlQuery q(ctx.db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO closed_month (month, closed_at, records, fee, charged, rounded_off, paid_coupon, "
        "paid_cash, arrears, "
        "calls) SELECT ?, ?, count(*), coalesce(sum(fee),0), coalesce(sum(charged),0), "
        "coalesce(sum(rounded_off),0), "
        "coalesce(sum(paid_coupon),0), coalesce(sum(paid_cash),0), coalesce(sum(arrears),0), "
        "coalesce(sum(calls),0) "
        "FROM record WHERE bill_month = ? AND type IN ('usage','purchase','renewal','refund')"));
    const QString month = ctx.calendar.monthKey(monthStart);
    q.bindValue(0, month);
    q.bindValue(1, at);
    q.bindValue(2, month);
    return execQuery(q, "closing a month's bill");
}

Instant nextClosing(const Context &ctx, Instant after)
{
    Instant m = ctx.calendar.monthStart(after);
    Instant c = m + 2 * kMicrosPerDay;
    while (c <= after) {
        m = ctx.calendar.addMonths(m, 1);
        c = m + 2 * kMicrosPerDay;
    }
    return c;
}

Status lapseCoupons(Context &ctx, RatingState &state, Instant at)
{
    for (Coupon &c : state.coupons)
        if (c.expiresAt == at && !c.lapsed) {
            const Money left = c.remaining;
            c.lapsed = true;
            if (Status s =
                    ctx.postCoupon(LedgerEntry::Kind::CouponLapse, c, -left, at, std::nullopt, std::nullopt);
                !s)
                return s;
            if (!left.isZero())
                if (Status s = ctx.notify(at, AlertKind::CouponLapsed,
                                          QJsonObject{{QStringLiteral("coupon"), c.id},
                                                      {QStringLiteral("amount"), left.toString()}});
                    !s)
                    return s;
        }
    return {};
}

Status noteExpiries(Context &ctx, RatingState &state, Instant at)
{
    for (Package &p : state.packages) {
        if (p.cancelledAt || p.expiryNoted || p.endAt != at)
            continue;
        p.expiryNoted = true;
        if (Status s = ctx.subscriptions.updatePackage(p); !s)
            return s;
        if (Status s = ctx.notify(at, AlertKind::PackageExpired,
                                  QJsonObject{{QStringLiteral("package"), p.id},
                                              {QStringLiteral("api"), p.api},
                                              {QStringLiteral("region"), p.region},
                                              {QStringLiteral("lapsed"), p.remaining}});
            !s)
            return s;
    }
    return {};
}

Status advanceArrears(Context &ctx, RatingState &state, Instant at)
{
    Account &a = ctx.account;
    if (!a.stateUntil || *a.stateUntil != at)
        return {};
    if (a.state == AccountState::Grace) {
        const Instant until = at + a.retentionDays * kMicrosPerDay;
        if (Status s = ctx.setState(AccountState::Frozen, until, at); !s)
            return s;
        if (Status s = ctx.notify(at, AlertKind::Frozen,
                                  QJsonObject{{QStringLiteral("arrears"), a.arrears().toString()},
                                              {QStringLiteral("release_at"), ctx.calendar.format(until)}});
            !s)
            return s;
    } else if (a.state == AccountState::Frozen) {
        // Retention ended unpaid: every enabled API subscription is released (billing-rules §7, §12.9).
        auto services = ctx.subscriptions.services();
        if (!services)
            return services.error();
        for (const ServiceState &sv : *services)
            if (sv.enabled)
                if (Status s = ctx.subscriptions.setService(sv.api, sv.region, false, at); !s)
                    return s;
        a.released = true;
        if (Status s = ctx.setState(AccountState::Frozen, std::nullopt, at); !s)
            return s;
        if (Status s = ctx.notify(at, AlertKind::Released,
                                  QJsonObject{{QStringLiteral("arrears"), a.arrears().toString()}});
            !s)
            return s;
    }
    return state.load(ctx);
}

// Alerts that give people time to act: frozen in 24 h, a package expiring within 7 days.
Status warnAhead(Context &ctx, RatingState &state, Instant at)
{
    const Account &a = ctx.account;
    if (a.state == AccountState::Grace && a.stateUntil && *a.stateUntil - kMicrosPerDay == at)
        if (Status s =
                ctx.notify(at, AlertKind::FreezeSoon,
                           QJsonObject{{QStringLiteral("arrears"), a.arrears().toString()},
                                       {QStringLiteral("frozen_at"), ctx.calendar.format(*a.stateUntil)}},
                           QStringLiteral("freeze-soon:%1").arg(*a.stateUntil));
            !s)
            return s;
    for (const Package &p : state.packages)
        if (!p.cancelledAt && p.endAt - 7 * kMicrosPerDay == at && packages::isLastTerm(state.packages, p))
            if (Status s =
                    ctx.notify(at, AlertKind::PackageExpiring,
                               QJsonObject{{QStringLiteral("package"), p.id},
                                           {QStringLiteral("api"), p.api},
                                           {QStringLiteral("region"), p.region},
                                           {QStringLiteral("expires"), ctx.calendar.format(p.lastSecond())},
                                           {QStringLiteral("auto_renew"), p.autoRenew}},
                               QStringLiteral("expiring:%1").arg(p.id));
                !s)
                return s;
    return {};
}
} // namespace

struct CatchUp::Run
{
    Instant since = 0;
    RatingState state;
    std::vector<Budget> budgets;
    std::vector<Guard> guards;
};

CatchUp::CatchUp(Context &ctx) : m_ctx(ctx) {}

CatchUp::~CatchUp() = default;

Status CatchUp::start()
{
    m_started = true;
    Context &ctx = m_ctx;
    if (ctx.account.processedUntil >= ctx.now) {
        m_nothingDue = true;
        return {};
    }
    m_run = std::make_unique<Run>();
    m_run->since = ctx.account.processedUntil;
    if (Status s = m_run->state.load(ctx); !s)
        return s;
    // Nothing edits budgets or guards while a catch-up runs: read once.
    auto budgets = BudgetRepository(ctx.db).all();
    if (!budgets)
        return budgets.error();
    m_run->budgets = std::move(*budgets);
    auto guardList = GuardRepository(ctx.db).all();
    if (!guardList)
        return guardList.error();
    m_run->guards = std::move(*guardList);
    return {};
}

Status CatchUp::advance(Instant until)
{
    if (!m_started)
        if (Status s = start(); !s)
            return s;
    if (m_nothingDue)
        return {};
    Context &ctx = m_ctx;
    RatingState &state = m_run->state;
    const std::vector<Budget> &budgets = m_run->budgets;
    std::vector<Guard> &guardList = m_run->guards;
    Instant t = ctx.account.processedUntil;
    if (t >= until)
        return {};
    // Hours whose end has come: the settlement hour H is due at H + 1 h ≤ until.
    auto hours = ctx.pending.hoursUpTo(until - kMicrosPerHour);
    if (!hours)
        return hours.error();
    size_t nextHour = 0;

    for (;;) {
        Instant next = until + 1;
        auto consider = [&](Instant x) {
            if (x > t && x < next)
                next = x;
        };
        while (nextHour < hours->size() && (*hours)[nextHour] + kMicrosPerHour <= t)
            ++nextHour; // settled already (by an earlier step)
        if (nextHour < hours->size())
            consider((*hours)[nextHour] + kMicrosPerHour);
        for (const Coupon &c : state.coupons)
            if (!c.lapsed)
                consider(c.expiresAt);
        for (const Package &p : state.packages) {
            if (!p.cancelledAt && !p.expiryNoted)
                consider(p.endAt);
            if (auto a = packages::nextAutoRenewAttempt(ctx, state.packages, p, t))
                consider(*a);
        }
        if (ctx.account.stateUntil) {
            consider(*ctx.account.stateUntil);
            if (ctx.account.state == AccountState::Grace)
                consider(*ctx.account.stateUntil - kMicrosPerDay);
        }
        for (const Package &p : state.packages)
            if (!p.cancelledAt && packages::isLastTerm(state.packages, p))
                consider(p.endAt - 7 * kMicrosPerDay);
        consider(nextClosing(ctx, t));
        if (!guardList.empty()) // guards are checked at the end of every hour (billing-rules §13)
            consider(ctx.calendar.hourStart(t) + kMicrosPerHour);
        if (next > until)
            break;

        // billing-rules §12.3: at one instant, month closing, then the settlement of the hour ending
        // there, then coupon and package expiries, then arrears stages, then guards, then auto-renew
        // attempts.
        const Instant x = next;
        if (nextClosing(ctx, t) == x && x > ctx.account.createdAt) {
            const Instant closedMonth = ctx.calendar.addMonths(ctx.calendar.monthStart(x), -1);
            if (ctx.calendar.addMonths(closedMonth, 1) > ctx.account.createdAt)
                if (Status s = closeMonth(ctx, closedMonth, x); !s)
                    return s;
        }
        const bool settles = nextHour < hours->size() && (*hours)[nextHour] + kMicrosPerHour == x;
        if (settles) {
            const AccountState before = ctx.account.state;
            if (Status s = settleHour(ctx, state, (*hours)[nextHour]); !s)
                return s;
            if (Status s = checkBudgets(ctx, x, budgets); !s)
                return s;
            ++nextHour;
            if (ctx.account.state != before)
                if (Status s = state.load(ctx); !s) // the settlement started grace
                    return s;
        }
        if (Status s = lapseCoupons(ctx, state, x); !s)
            return s;
        if (Status s = noteExpiries(ctx, state, x); !s)
            return s;
        if (Status s = advanceArrears(ctx, state, x); !s)
            return s;
        if (Status s = warnAhead(ctx, state, x); !s)
            return s;
        if (!guardList.empty() && ctx.calendar.hourStart(x) == x)
            if (Status s = guards::check(ctx, state, guardList, x, settles); !s)
                return s;
        std::vector<qint64> attempts;
        for (const Package &p : state.packages)
            if (auto a = packages::nextAutoRenewAttempt(ctx, state.packages, p, t); a && *a == x)
                attempts.push_back(p.id);
        std::sort(attempts.begin(), attempts.end());
        for (qint64 id : attempts)
            if (Status s = packages::attemptAutoRenew(ctx, state, id, x); !s)
                return s;
        t = x;
        ctx.account.processedUntil = t;
    }
    return {};
}

Status CatchUp::finish()
{
    if (Status s = advance(m_ctx.now); !s)
        return s;
    if (m_nothingDue)
        return {};
    if (Status s = m_run->state.writeCounters(m_ctx); !s)
        return s;
    // billing-rules §10: each anomaly of a day that has ended raises one notification.
    return notifyAnomalies(m_ctx, m_run->since);
}

Status catchUp(Context &ctx)
{
    std::shared_ptr<CatchUp> run = std::exchange(ctx.catchUpInProgress, nullptr);
    if (!run)
        run = std::make_shared<CatchUp>(ctx);
    return run->finish();
}

} // namespace billing
