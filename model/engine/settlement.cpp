#include "engine/settlement.h"

#include "core/shown.h"
#include "engine/context.h"
#include "engine/payment.h"
#include "engine/ratehour.h"
#include "engine/tr.h"
#include "storage/usagerepository.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <algorithm>

namespace billing {

namespace {
// billing-rules §3 Range: the line and hour that reach an amount out of range refuse the command whole.
// Calls an earlier command imported would fail every catch-up from then on: say what still works and
// what to do.
Error lineOutOfRange(const Context &ctx, const Record &r, const QString &what)
{
    QString message =
        EngineTr::tr("%1 calls of %2 in %3 (project %4) in the hour from %5: %6; nothing was changed")
            .arg(r.calls)
            .arg(r.api, r.region, shownValue(r.project), ctx.calendar.format(r.expenditureAt), what);
    const Instant hour = r.at - kMicrosPerHour;
    if (ctx.pending.importedEarlier(hour))
        message += EngineTr::tr(
                       ". These calls were imported by an earlier command, so every command that catches up "
                       "to %1 or later fails the same way; verify and backup still work. To go on, restore a "
                       "backup made before that import (billingctl restore FILE --replace), or, where the "
                       "balance is what leaves the range, top up with --now before %1 first")
                       .arg(ctx.calendar.format(r.at));
    return Error::refused(message);
}
} // namespace

bool deductsBefore(const Package &a, const Package &b)
{
    return std::tie(a.effectiveAt, a.endAt, a.purchasedAt, a.id) <
           std::tie(b.effectiveAt, b.endAt, b.purchasedAt, b.id);
}

Status RatingState::reloadPackages(Context &ctx)
{
    auto p = ctx.subscriptions.packages();
    if (!p)
        return p.error();
    packages = std::move(*p);
    std::sort(packages.begin(), packages.end(), deductsBefore);
    bills.forget(); // a renewal stored a record
    return {};
}

Status RatingState::reloadCoupons(Context &ctx)
{
    auto c = ctx.subscriptions.coupons();
    if (!c)
        return c.error();
    coupons = std::move(*c);
    return {};
}

Status RatingState::load(Context &ctx)
{
    if (Status s = reloadPackages(ctx); !s)
        return s;
    if (Status s = reloadCoupons(ctx); !s)
        return s;
    auto events = ctx.subscriptions.serviceEvents();
    if (!events)
        return events.error();
    m_services.clear();
    for (const auto &e : *events)
        addServiceEvent(e.api, e.region, e.at, e.enabled);
    auto frozen = ctx.accounts.frozenHistory();
    if (!frozen)
        return frozen.error();
    setFrozenHistory(std::move(*frozen));
    return {};
}

void RatingState::addServiceEvent(const QString &api, const QString &region, Instant at, bool enabled)
{
    m_services[api + u'|' + region].emplace_back(at, enabled);
}

void RatingState::setFrozenHistory(Timeline frozen)
{
    m_frozen = std::move(frozen);
}

bool RatingState::enabledAt(const QString &api, const QString &region, Instant t) const
{
    const Timeline *timeline = serviceTimeline(api, region);
    return timeline && valueAt(*timeline, t);
}

const Timeline *RatingState::serviceTimeline(const QString &api, const QString &region) const
{
    auto it = m_services.constFind(api + u'|' + region);
    return it == m_services.cend() ? nullptr : &*it;
}

Status RatingState::writeCounters(Context &ctx)
{
    UsageRepository usage(ctx.db);
    for (auto &[k, c] : counters) {
        if (!c.changed)
            continue;
        if (Status s = usage.setTierCounter(std::get<0>(k), std::get<1>(k), std::get<2>(k), c.calls); !s)
            return s;
        c.changed = false;
    }
    return {};
}

bool RatingState::frozenAt(Instant t) const
{
    return valueAt(m_frozen, t);
}

bool monthFinalAt(const Context &ctx, Instant monthStart, Instant t)
{
    return t >= ctx.calendar.addMonths(monthStart, 1) + 2 * kMicrosPerDay;
}

Status settleHour(Context &ctx, RatingState &state, Instant hour)
{
    UsageRepository usage(ctx.db);
    auto pending = ctx.pending.take(hour);
    if (!pending)
        return pending.error();
    auto rated = rateHour(*pending, hour, state, ctx.catalog, ctx.calendar,
                          [&usage](const QString &month, const QString &api, const QString &region) {
                              return usage.tierCounter(month, api, region);
                          });
    if (!rated)
        return rated.error();
    const std::vector<QString> &names = pending->names;
    const Instant settledAt = hour + kMicrosPerHour;

    // Records: package lines carry calls only; pay-per-use lines are paid in (API, region, project)
    // order, an earlier hour first (billing-rules §12.5, §12.15).
    const QString settlingMonth = ctx.calendar.monthKey(hour);
    const Instant settlingMonthStart = ctx.calendar.monthStart(hour);
    const Money balanceBefore = ctx.account.balance;
    for (const auto &[key, line] : rated->lines) {
        Record r;
        r.type = Record::Type::Usage;
        r.at = settledAt;
        r.expenditureAt = key.hour;
        const Instant ownMonth = ctx.calendar.monthStart(key.hour);
        r.billMonth = monthFinalAt(ctx, ownMonth, settledAt) || ownMonth == settlingMonthStart
                          ? settlingMonth
                          : ctx.calendar.monthKey(key.hour);
        r.api = names[key.api];
        r.region = names[key.region];
        r.project = names[key.project];
        r.calls = line.calls;
        r.late = key.late;
        PaymentPlan plan;
        if (key.packageId != 0) {
            r.mode = kModePackage;
            r.packageId = key.packageId;
        } else {
            r.mode = kModePayPerUse;
            auto fee = Money::inRange(line.sumPer1000 / 1000);
            if (!fee)
                return lineOutOfRange(
                    ctx, r,
                    EngineTr::tr("their fee, %1, is outside the range of ±10,000,000,000.00")
                        .arg(Money::unitsToString(line.sumPer1000 / 1000)));
            r.fee = *fee;
            r.feeRemainder = qint64(line.sumPer1000 % 1000);
            r.charged = r.fee.truncatedToCents();
            r.roundedOff = r.fee - r.charged;
            plan = payment::planCharge(state.coupons, r.api, r.charged, ctx.account.balance, settledAt);
            r.paidCoupon = plan.fromCoupons;
            r.paidCash = plan.fromCash;
            r.arrears = plan.arrears;
            const Money balanceAfter = ctx.account.balance - (plan.fromCash + plan.arrears);
            if (!balanceAfter.isInRange())
                return lineOutOfRange(
                    ctx, r,
                    EngineTr::tr(
                        "their charge would take the balance to %1, outside the range of ±10,000,000,000.00")
                        .arg(balanceAfter.toString()));
        }
        if (Status s = state.bills.admit(ctx, r); !s)
            return s.error().code == ErrorCode::Refused ? lineOutOfRange(ctx, r, s.error().message) : s;
        if (Status s = ctx.records.insert(r); !s)
            return s;
        if (!line.tiers.empty())
            if (Status s = ctx.records.insertTiers(r.id, line.tiers); !s)
                return s;
        if (key.packageId == 0)
            if (Status s = payment::apply(ctx, state.coupons, plan, LedgerEntry::Kind::Charge, settledAt,
                                          r.id, std::nullopt);
                !s)
                return s;
    }

    if (Status s = usage.addUsage(rated->usage); !s)
        return s;
    for (const Package &p : state.packages) {
        if (!rated->quotaBefore.contains(p.id))
            continue;
        if (Status s = ctx.subscriptions.updateRemaining(p.id, p.remaining); !s)
            return s;
        const qint64 threshold = p.quota * ctx.account.quotaAlertPercent / 100;
        if (rated->quotaBefore.value(p.id) > threshold && p.remaining <= threshold)
            if (Status s = ctx.notify(settledAt, AlertKind::QuotaLow,
                                      QJsonObject{{QStringLiteral("package"), p.id},
                                                  {QStringLiteral("api"), p.api},
                                                  {QStringLiteral("region"), p.region},
                                                  {QStringLiteral("remaining"), p.remaining},
                                                  {QStringLiteral("quota"), p.quota}});
                !s)
                return s;
    }
    // Arrears (billing-rules §7): a settlement that leaves the balance negative starts grace.
    if (ctx.account.balance.isNegative() && ctx.account.state == AccountState::Normal) {
        const Instant until = settledAt + ctx.account.graceDays * kMicrosPerDay;
        if (Status s = ctx.setState(AccountState::Grace, until, settledAt); !s)
            return s;
        if (Status s = ctx.notify(settledAt, AlertKind::ArrearsStarted,
                                  QJsonObject{{QStringLiteral("arrears"), ctx.account.arrears().toString()},
                                              {QStringLiteral("grace_until"), ctx.calendar.format(until)}});
            !s)
            return s;
    }
    const Money low = ctx.account.lowBalanceThreshold;
    if (!low.isZero() && balanceBefore >= low && ctx.account.balance < low)
        if (Status s = ctx.notify(settledAt, AlertKind::LowBalance,
                                  QJsonObject{{QStringLiteral("balance"), ctx.account.balance.toString()},
                                              {QStringLiteral("threshold"), low.toString()}});
            !s)
            return s;
    return {};
}

} // namespace billing
