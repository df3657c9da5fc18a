#include "engine/settlement.h"

#include "engine/context.h"
#include "engine/payment.h"
#include "storage/usagerepository.h"

#include <QJsonObject>

#include <algorithm>

namespace billing {

bool deductsBefore(const Package &a, const Package &b)
{
    return std::tie(a.effectiveAt, a.endAt, a.purchasedAt, a.id) < std::tie(b.effectiveAt, b.endAt, b.purchasedAt, b.id);
}

Status RatingState::reloadPackages(Context &ctx)
{
    auto p = ctx.subscriptions.packages();
    if (!p)
        return p.error();
    packages = std::move(*p);
    std::sort(packages.begin(), packages.end(), deductsBefore);
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
        m_services[e.api + u'|' + e.region].emplace_back(e.at, e.enabled);
    auto frozen = ctx.accounts.frozenHistory();
    if (!frozen)
        return frozen.error();
    m_frozen = std::move(*frozen);
    return {};
}

namespace {
// The last change at or before t wins (billing-rules §12.2: a change at T applies to calls at T).
bool valueAt(const std::vector<std::pair<Instant, bool>> &timeline, Instant t)
{
    bool v = false;
    for (const auto &[at, value] : timeline) {
        if (at > t)
            break;
        v = value;
    }
    return v;
}

struct LineKey
{
    Instant hour;
    QString api;
    QString region;
    QString project;
    qint64 packageId; // 0: pay-per-use
    bool late;
    bool operator<(const LineKey &o) const
    {
        return std::tie(hour, api, region, project, packageId, late) < std::tie(o.hour, o.api, o.region, o.project, o.packageId, o.late);
    }
};

struct Line
{
    qint64 calls = 0;
    Int128 sumPer1000 = 0; // Σ price per 1000 calls, in 1e-8 units
    std::vector<TierUse> tiers;
};

struct UsageKey
{
    Instant hour;
    QString api;
    QString region;
    QString project;
    int status;
    QString outcome;
    bool late;
    bool operator<(const UsageKey &o) const
    {
        return std::tie(hour, api, region, project, status, outcome, late) < std::tie(o.hour, o.api, o.region, o.project, o.status, o.outcome, o.late);
    }
};
} // namespace

bool RatingState::enabledAt(const QString &api, const QString &region, Instant t) const
{
    auto it = m_services.constFind(api + u'|' + region);
    return it != m_services.cend() && valueAt(*it, t);
}

bool RatingState::frozenAt(Instant t) const { return valueAt(m_frozen, t); }

bool monthFinalAt(const Context &ctx, Instant monthStart, Instant t)
{
    return t >= ctx.calendar.addMonths(monthStart, 1) + 2 * kMicrosPerDay;
}

Status settleHour(Context &ctx, RatingState &state, Instant hour)
{
    UsageRepository usage(ctx.db);
    auto pending = usage.pendingFor(hour);
    if (!pending)
        return pending.error();
    const Instant settledAt = hour + kMicrosPerHour;
    std::map<LineKey, Line> lines;
    std::map<UsageKey, qint64> counts;
    std::map<std::tuple<QString, QString, QString>, qint64> counters; // (month, api, region) → calls so far
    QHash<qint64, qint64> quotaBefore;

    for (const PendingCall &c : *pending) {
        const Instant callHour = ctx.calendar.hourStart(c.ts);
        QString outcome = QStringLiteral("billable");
        if (c.status < 200 || c.status > 299)
            outcome = QStringLiteral("failed");
        else if (!state.enabledAt(c.api, c.region, c.ts) || state.frozenAt(c.ts))
            outcome = QStringLiteral("rejected");
        counts[{callHour, c.api, c.region, c.project, c.status, outcome, c.late}] += c.count;
        if (outcome != QLatin1String("billable"))
            continue;

        qint64 left = c.count;
        for (Package &p : state.packages) {
            if (left == 0)
                break;
            if (p.remaining == 0 || p.api != c.api || p.region != c.region || !p.inForceAt(c.ts))
                continue;
            if (!quotaBefore.contains(p.id))
                quotaBefore.insert(p.id, p.remaining);
            const qint64 take = std::min(left, p.remaining);
            p.remaining -= take;
            left -= take;
            lines[{callHour, c.api, c.region, c.project, p.id, c.late}].calls += take;
        }
        if (left == 0)
            continue;

        const auto key = std::make_tuple(ctx.calendar.monthKey(c.ts), c.api, c.region);
        auto counter = counters.find(key);
        if (counter == counters.end()) {
            auto stored = usage.tierCounter(std::get<0>(key), c.api, c.region);
            if (!stored)
                return stored.error();
            counter = counters.emplace(key, *stored).first;
        }
        const ApiInfo *api = ctx.catalog.api(c.api);
        const auto &tiers = ctx.catalog.tiers(ctx.catalog.priceListAt(c.ts), api->category);
        Line &line = lines[{callHour, c.api, c.region, c.project, 0, c.late}];
        for (const TierSlice &s : Catalog::slices(tiers, counter->second + 1, left)) {
            line.sumPer1000 += Int128(s.calls) * s.pricePer1000.units();
            if (!line.tiers.empty() && line.tiers.back().tier == s.tier
                && line.tiers.back().firstPosition + line.tiers.back().calls == counter->second + 1)
                line.tiers.back().calls += s.calls;
            else
                line.tiers.push_back({s.tier, counter->second + 1, s.calls, s.pricePer1000});
            counter->second += s.calls;
        }
        line.calls += left;
    }

    // Records: package lines carry calls only; pay-per-use lines are paid in (API, region, project)
    // order, an earlier hour first (billing-rules §12.5, §12.15) — which is the map's order.
    const QString settlingMonth = ctx.calendar.monthKey(hour);
    std::vector<std::pair<const LineKey *, const Line *>> ordered;
    for (const auto &[k, l] : lines)
        ordered.emplace_back(&k, &l);
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto &a, const auto &b) {
        return std::tie(a.first->api, a.first->region, a.first->project, a.first->hour)
            < std::tie(b.first->api, b.first->region, b.first->project, b.first->hour);
    });
    const Money balanceBefore = ctx.account.balance;
    for (const auto &[key, line] : ordered) {
        Record r;
        r.type = Record::Type::Usage;
        r.at = settledAt;
        r.expenditureAt = key->hour;
        const Instant ownMonth = ctx.calendar.monthStart(key->hour);
        r.billMonth = monthFinalAt(ctx, ownMonth, settledAt) ? settlingMonth : ctx.calendar.monthKey(key->hour);
        r.api = key->api;
        r.region = key->region;
        r.project = key->project;
        r.calls = line->calls;
        r.late = key->late;
        PaymentPlan plan;
        if (key->packageId != 0) {
            r.mode = kModePackage;
            r.packageId = key->packageId;
        } else {
            r.mode = kModePayPerUse;
            r.fee = Money::fromUnits(qint64(line->sumPer1000 / 1000));
            r.feeRemainder = qint64(line->sumPer1000 % 1000);
            r.charged = r.fee.truncatedToCents();
            r.roundedOff = r.fee - r.charged;
            plan = payment::planCharge(state.coupons, r.api, r.charged, ctx.account.balance, settledAt);
            r.paidCoupon = plan.fromCoupons;
            r.paidCash = plan.fromCash;
            r.arrears = plan.arrears;
        }
        if (Status s = ctx.records.insert(r); !s)
            return s;
        if (!line->tiers.empty())
            if (Status s = ctx.records.insertTiers(r.id, line->tiers); !s)
                return s;
        if (key->packageId == 0)
            if (Status s = payment::apply(ctx, state.coupons, plan, LedgerEntry::Kind::Charge, settledAt, r.id, std::nullopt); !s)
                return s;
    }

    for (const auto &[k, calls] : counts)
        if (Status s = usage.addUsage({k.hour, k.api, k.region, k.project, k.status, k.outcome, k.late, calls}); !s)
            return s;
    for (const auto &[k, calls] : counters)
        if (Status s = usage.setTierCounter(std::get<0>(k), std::get<1>(k), std::get<2>(k), calls); !s)
            return s;
    for (const Package &p : state.packages) {
        if (!quotaBefore.contains(p.id))
            continue;
        if (Status s = ctx.subscriptions.updatePackage(p); !s)
            return s;
        const qint64 threshold = p.quota * ctx.account.quotaAlertPercent / 100;
        if (quotaBefore.value(p.id) > threshold && p.remaining <= threshold)
            if (Status s = ctx.notify(settledAt, QStringLiteral("quota-low"),
                                      QJsonObject{{QStringLiteral("package"), p.id},
                                                  {QStringLiteral("api"), p.api},
                                                  {QStringLiteral("region"), p.region},
                                                  {QStringLiteral("remaining"), p.remaining},
                                                  {QStringLiteral("quota"), p.quota}});
                !s)
                return s;
    }
    if (Status s = usage.deletePending(hour); !s)
        return s;

    // Arrears (billing-rules §7): a settlement that leaves the balance negative starts grace.
    if (ctx.account.balance.isNegative() && ctx.account.state == AccountState::Normal) {
        const Instant until = settledAt + ctx.account.graceDays * kMicrosPerDay;
        if (Status s = ctx.setState(AccountState::Grace, until, settledAt); !s)
            return s;
        if (Status s = ctx.notify(settledAt, QStringLiteral("arrears-started"),
                                  QJsonObject{{QStringLiteral("arrears"), ctx.account.arrears().toString()},
                                              {QStringLiteral("grace_until"), ctx.calendar.format(until)}});
            !s)
            return s;
    }
    const Money low = ctx.account.lowBalanceThreshold;
    if (!low.isZero() && balanceBefore >= low && ctx.account.balance < low)
        if (Status s = ctx.notify(settledAt, QStringLiteral("low-balance"),
                                  QJsonObject{{QStringLiteral("balance"), ctx.account.balance.toString()},
                                              {QStringLiteral("threshold"), low.toString()}});
            !s)
            return s;
    return {};
}

} // namespace billing
