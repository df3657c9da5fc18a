#include "engine/settlement.h"

#include "engine/context.h"
#include "engine/payment.h"
#include "storage/usagerepository.h"

#include <QJsonObject>

#include <algorithm>
#include <unordered_map>

namespace billing {

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
bool valueAt(const Timeline &timeline, Instant t)
{
    bool v = false;
    for (const auto &[at, value] : timeline) {
        if (at > t)
            break;
        v = value;
    }
    return v;
}

// Keys of one hour's lines and counts, by name index (PendingCalls::names): no string work per call.
struct LineKey
{
    Instant hour;
    quint16 api;
    quint16 region;
    quint16 project;
    qint64 packageId; // 0: pay-per-use
    bool late;
    bool operator==(const LineKey &o) const = default;
};

struct Line
{
    qint64 calls = 0;
    Int128 sumPer1000 = 0; // Σ price per 1000 calls, in 1e-8 units
    std::vector<TierUse> tiers;
};

enum class Outcome : quint8 { Billable, Failed, Rejected };

QString outcomeId(Outcome o)
{
    switch (o) {
    case Outcome::Billable:
        return QStringLiteral("billable");
    case Outcome::Failed:
        return QStringLiteral("failed");
    case Outcome::Rejected:
        break;
    }
    return QStringLiteral("rejected");
}

struct UsageKey
{
    Instant hour;
    quint16 api;
    quint16 region;
    quint16 project;
    quint16 status;
    Outcome outcome;
    bool late;
    bool operator==(const UsageKey &o) const = default;
    bool operator<(const UsageKey &o) const
    {
        return std::tie(hour, api, region, project, status, outcome, late) <
               std::tie(o.hour, o.api, o.region, o.project, o.status, o.outcome, o.late);
    }
};

// Every call looks its line and usage count up: hashed, as the keys of an hour are few but the calls many.
struct KeyHash
{
    static size_t mix(quint64 h, quint64 v) { return size_t((h ^ v) * 0x9E3779B97F4A7C15ULL); }
    size_t operator()(const LineKey &k) const
    {
        const quint64 names =
            quint64(k.api) | quint64(k.region) << 16 | quint64(k.project) << 32 | quint64(k.late) << 48;
        return mix(mix(quint64(k.hour), names), quint64(k.packageId));
    }
    size_t operator()(const UsageKey &k) const
    {
        const quint64 names =
            quint64(k.api) | quint64(k.region) << 16 | quint64(k.project) << 32 | quint64(k.status) << 48;
        return mix(mix(quint64(k.hour), names), quint64(k.outcome) << 1 | quint64(k.late));
    }
};

// What rating needs about one (API, region) of the hour, looked up once instead of once per call.
struct Combo
{
    QString api;
    QString region;
    const ApiInfo *info = nullptr;
    const Timeline *service = nullptr;
    std::vector<Package *> packages; // this API and region, in deduction order
    // The tier counter of the month the last call fell in, and that month's price tiers.
    Instant monthStart = 0;
    Instant monthEnd = 0;
    qint64 *counter = nullptr;
    const PriceList *priceList = nullptr;
    const std::vector<Tier> *tiers = nullptr;
};
} // namespace

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
    const std::vector<QString> &names = pending->names;
    const Instant settledAt = hour + kMicrosPerHour;
    std::unordered_map<LineKey, Line, KeyHash> lines;
    std::unordered_map<UsageKey, qint64, KeyHash> counts;
    QHash<qint64, qint64> quotaBefore;

    std::vector<Combo> combos;
    std::vector<int> comboOf(names.size() * names.size(), -1); // api name × region name → combo
    auto comboFor = [&](const PendingCall &c) -> Combo & {
        int &i = comboOf[size_t(c.api) * names.size() + c.region];
        if (i < 0) {
            Combo k;
            k.api = names[c.api];
            k.region = names[c.region];
            k.info = ctx.catalog.api(k.api);
            k.service = state.serviceTimeline(k.api, k.region);
            for (Package &p : state.packages)
                if (p.api == k.api && p.region == k.region)
                    k.packages.push_back(&p);
            i = int(combos.size());
            combos.push_back(std::move(k));
        }
        return combos[size_t(i)];
    };

    for (const PendingCall &c : pending->calls) {
        const Instant callHour = c.late ? ctx.calendar.hourStart(c.ts) : hour;
        Combo &combo = comboFor(c);
        Outcome outcome = Outcome::Billable;
        if (c.status < 200 || c.status > 299)
            outcome = Outcome::Failed;
        else if (!combo.service || !valueAt(*combo.service, c.ts) || state.frozenAt(c.ts))
            outcome = Outcome::Rejected;
        counts[{callHour, c.api, c.region, c.project, c.status, outcome, c.late}] += c.count;
        if (outcome != Outcome::Billable)
            continue;

        qint64 left = c.count;
        for (Package *p : combo.packages) {
            if (left == 0)
                break;
            if (p->remaining == 0 || !p->inForceAt(c.ts))
                continue;
            if (!quotaBefore.contains(p->id))
                quotaBefore.insert(p->id, p->remaining);
            const qint64 take = std::min(left, p->remaining);
            p->remaining -= take;
            left -= take;
            lines[{callHour, c.api, c.region, c.project, p->id, c.late}].calls += take;
        }
        if (left == 0)
            continue;

        if (!combo.counter || c.ts < combo.monthStart || c.ts >= combo.monthEnd) {
            combo.monthStart = ctx.calendar.monthStart(c.ts);
            combo.monthEnd = ctx.calendar.addMonths(combo.monthStart, 1);
            const auto key = std::make_tuple(ctx.calendar.monthKey(c.ts), combo.api, combo.region);
            auto counter = state.counters.find(key);
            if (counter == state.counters.end()) {
                auto stored = usage.tierCounter(std::get<0>(key), combo.api, combo.region);
                if (!stored)
                    return stored.error();
                counter = state.counters.emplace(key, RatingState::Counter{*stored, false}).first;
            }
            counter->second.changed = true;
            combo.counter = &counter->second.calls;
        }
        const PriceList &priceList = ctx.catalog.priceListAt(c.ts);
        if (combo.priceList != &priceList) {
            combo.priceList = &priceList;
            combo.tiers = &ctx.catalog.tiers(priceList, combo.info->category);
        }
        const std::vector<Tier> &tiers = *combo.tiers;
        Line &line = lines[{callHour, c.api, c.region, c.project, 0, c.late}];
        qint64 &counter = *combo.counter;
        line.calls += left;
        // Graduated tiers: each slice of positions at its own tier's price.
        for (size_t t = 0; t < tiers.size() && left > 0; ++t) {
            const qint64 tierEnd =
                t + 1 < tiers.size() ? tiers[t + 1].fromCall : std::numeric_limits<qint64>::max();
            const qint64 first = counter + 1;
            if (first >= tierEnd)
                continue;
            const qint64 take = std::min(left, tierEnd - first);
            line.sumPer1000 += Int128(take) * tiers[t].pricePer1000.units();
            if (!line.tiers.empty() && line.tiers.back().tier == int(t)) {
                line.tiers.back().calls += take;
                line.tiers.back().lastPosition = first + take - 1;
            } else {
                line.tiers.push_back({int(t), first, take, tiers[t].pricePer1000, first + take - 1});
            }
            counter += take;
            left -= take;
        }
    }

    // Records: package lines carry calls only; pay-per-use lines are paid in (API, region, project)
    // order, an earlier hour first (billing-rules §12.5, §12.15).
    const QString settlingMonth = ctx.calendar.monthKey(hour);
    const Instant settlingMonthStart = ctx.calendar.monthStart(hour);
    std::vector<std::pair<const LineKey *, const Line *>> ordered;
    for (const auto &[k, l] : lines)
        ordered.emplace_back(&k, &l);
    // Records are written in the order of the names (api, region, project, hour, then package and
    // lateness), as they always were.
    std::sort(ordered.begin(), ordered.end(), [&](const auto &a, const auto &b) {
        const LineKey &x = *a.first, &y = *b.first;
        return std::tie(names[x.api], names[x.region], names[x.project], x.hour, x.packageId, x.late) <
               std::tie(names[y.api], names[y.region], names[y.project], y.hour, y.packageId, y.late);
    });
    const Money balanceBefore = ctx.account.balance;
    for (const auto &[key, line] : ordered) {
        Record r;
        r.type = Record::Type::Usage;
        r.at = settledAt;
        r.expenditureAt = key->hour;
        const Instant ownMonth = ctx.calendar.monthStart(key->hour);
        r.billMonth = monthFinalAt(ctx, ownMonth, settledAt) || ownMonth == settlingMonthStart
                          ? settlingMonth
                          : ctx.calendar.monthKey(key->hour);
        r.api = names[key->api];
        r.region = names[key->region];
        r.project = names[key->project];
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
            if (Status s = payment::apply(ctx, state.coupons, plan, LedgerEntry::Kind::Charge, settledAt,
                                          r.id, std::nullopt);
                !s)
                return s;
    }

    std::vector<std::pair<UsageKey, qint64>> usageRows(counts.begin(), counts.end());
    std::sort(usageRows.begin(), usageRows.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<UsageCount> usageCounts;
    usageCounts.reserve(usageRows.size());
    for (const auto &[k, calls] : usageRows)
        usageCounts.push_back({k.hour, names[k.api], names[k.region], names[k.project], k.status,
                               outcomeId(k.outcome), k.late, calls});
    if (Status s = usage.addUsage(usageCounts); !s)
        return s;
    for (const Package &p : state.packages) {
        if (!quotaBefore.contains(p.id))
            continue;
        if (Status s = ctx.subscriptions.updateRemaining(p.id, p.remaining); !s)
            return s;
        const qint64 threshold = p.quota * ctx.account.quotaAlertPercent / 100;
        if (quotaBefore.value(p.id) > threshold && p.remaining <= threshold)
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
