#include "analysis/costanalysis.h"

#include "analysis/costrepository.h"
#include "engine/context.h"
#include "engine/settlement.h"
#include "storage/tagrepository.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <set>

namespace billing {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::CostAnalysis)
};

constexpr Instant kThirtyDays = 30 * kMicrosPerDay;

// One piece of cost at one instant, before it is put into a period and a group.
struct Piece
{
    Instant at = 0;
    QString api;
    QString region;
    QString project; // empty: shared (purchases, renewals, refunds, waste)
    QString mode;
    qint64 calls = 0;
    Money cost;
};

Int128 floorDiv128(Int128 a, Int128 b)
{
    Int128 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

Int128 isqrt128(Int128 x)
{
    if (x < 2)
        return x < 0 ? 0 : x;
    int bits = 0;
    for (Int128 v = x; v > 0; v >>= 1)
        ++bits;
    Int128 r = Int128(1) << ((bits + 1) / 2); // r ≥ √x
    while (true) {
        const Int128 next = (r + x / r) / 2;
        if (next >= r)
            return r;
        r = next;
    }
}

// The cash instant of a late usage line (see the header): its own hour, unless its charge went into a
// later bill month; then the hour of the settlement that billed it.
Instant lateCashInstant(const Context &ctx, const Record &r)
{
    if (ctx.calendar.monthKey(r.expenditureAt) == r.billMonth)
        return r.expenditureAt;
    Instant settling = ctx.calendar.hourStart(r.at - 1);
    if (ctx.calendar.monthKey(settling) != r.billMonth)
        if (auto m = ctx.calendar.parseMonth(r.billMonth))
            settling = *m;
    return settling;
}

// The record columns a query groups or filters by (category comes from the API, tags from the project).
CostRepository::Columns columnsFor(const CostQuery &q)
{
    auto uses = [&q](std::initializer_list<const char *> dims,
                     std::initializer_list<const QStringList *> filters) {
        for (const char *d : dims)
            if (q.groupBy.contains(QLatin1String(d)))
                return true;
        return std::any_of(filters.begin(), filters.end(),
                           [](const QStringList *f) { return !f->isEmpty(); });
    };
    CostRepository::Columns c;
    c.api = uses({"api", "category"}, {&q.apis, &q.categories});
    c.region = uses({"region"}, {&q.regions});
    c.project = uses({"project", "tag"}, {&q.projects, &q.tags});
    c.mode = uses({"mode"}, {&q.modes});
    return c;
}

Status gatherSums(Context &ctx, CostRepository::Kind kind, const CostQuery &q, Instant unit,
                  std::vector<Piece> &out)
{
    CostRepository repo(ctx.db);
    const int offset = ctx.calendar.utcOffsetSeconds();
    auto sums = repo.sums(kind, q.from, q.to, offset, unit, columnsFor(q));
    if (!sums)
        return sums.error();
    for (CostRepository::Sum &s : *sums)
        out.push_back({s.bucket * unit - qint64(offset) * kMicrosPerSecond, std::move(s.api),
                       std::move(s.region), std::move(s.project), std::move(s.mode), s.calls, s.charged});
    return {};
}

// The late usage lines whose cash instant lies in [from, to).
Status gatherLate(Context &ctx, Instant from, Instant to, std::vector<Piece> &out)
{
    CostRepository repo(ctx.db);
    auto late = repo.lateUsage(to, from);
    if (!late)
        return late.error();
    for (const Record &r : *late) {
        const Instant t = lateCashInstant(ctx, r);
        if (t >= from && t < to)
            out.push_back({t, r.api, r.region, r.project, r.mode, r.calls, r.charged});
    }
    return {};
}

Status gatherCash(Context &ctx, const CostQuery &q, Instant unit, std::vector<Piece> &out)
{
    if (Status s = gatherSums(ctx, CostRepository::Kind::ChargesOnTime, q, unit, out); !s)
        return s;
    return gatherLate(ctx, q.from, q.to, out);
}

// Cumulative flooring in whole cents (see the header): part i = floor(P·c_i/Q) − floor(P·c_{i−1}/Q);
// the fraction of a cent of the price, if any, goes with the part that uses the quota up.
struct PackageSpread
{
    Money price;
    qint64 quota = 0;
    qint64 used = 0;
    Money allocated;
    Money next(qint64 calls)
    {
        const Int128 priceCents = price.truncatedToCents().units() / Money::CentUnits;
        const qint64 usedBefore = used;
        used += calls;
        const qint64 before = qint64(priceCents * std::min(usedBefore, quota) / quota);
        const qint64 after = qint64(priceCents * std::min(used, quota) / quota);
        Money part = Money::fromCents(after - before);
        if (usedBefore < quota && used >= quota)
            part += price.centRemainder();
        allocated += part;
        return part;
    }
};

Status gatherAmortized(Context &ctx, const CostQuery &q, Instant unit, std::vector<Piece> &out)
{
    const Instant from = q.from;
    const Instant to = q.to;
    if (Status s = gatherSums(ctx, CostRepository::Kind::PayPerUseUsage, q, unit, out); !s)
        return s;
    auto packages = ctx.subscriptions.packages();
    if (!packages)
        return packages.error();
    std::map<qint64, const Package *> byId;
    std::map<qint64, PackageSpread> spread;
    for (const Package &p : *packages) {
        if (p.cancelledAt || p.quota <= 0)
            continue; // refunded packages cost nothing in the amortized view
        byId[p.id] = &p;
        spread[p.id] = PackageSpread{p.price, p.quota, 0, Money()};
    }
    CostRepository repo(ctx.db);
    auto covered = repo.packageUsage();
    if (!covered)
        return covered.error();
    for (const CostRepository::Covered &c : *covered) {
        auto it = spread.find(c.packageId);
        if (it == spread.end())
            continue;
        const Money part = it->second.next(c.calls);
        if (c.expenditureAt >= from && c.expenditureAt < to) {
            const Package &p = *byId[c.packageId];
            out.push_back({c.expenditureAt, p.api, p.region, c.project, kModePackage, c.calls, part});
        }
    }
    // Waste: what a package that has expired (before `to` and before the last settled hour) left unused.
    const Instant settled = ctx.calendar.hourStart(ctx.now);
    for (const auto &[id, p] : byId) {
        const Instant last = p->lastSecond();
        if (p->endAt > std::min(to, settled) || last < from || last >= to)
            continue;
        const Money waste = p->price - spread[id].allocated;
        if (!waste.isZero())
            out.push_back({last, p->api, p->region, QString(), kModeWaste, 0, waste});
    }
    return {};
}

Instant periodStart(const BillingCalendar &cal, CostQuery::Granularity g, Instant t)
{
    switch (g) {
    case CostQuery::Hour:
        return cal.hourStart(t);
    case CostQuery::Day:
        return cal.dayStart(t);
    case CostQuery::Month:
        return cal.monthStart(t);
    }
    return t;
}

bool passes(const QStringList &filter, const QString &value)
{
    return filter.isEmpty() || filter.contains(value);
}
} // namespace

// ---------------------------------------------------------------------------------------------------

const QStringList &costDimensions()
{
    static const QStringList dims{QStringLiteral("api"),     QStringLiteral("category"),
                                  QStringLiteral("region"),  QStringLiteral("mode"),
                                  QStringLiteral("project"), QStringLiteral("tag")};
    return dims;
}

QString granularityId(CostQuery::Granularity g)
{
    switch (g) {
    case CostQuery::Hour:
        return QStringLiteral("hour");
    case CostQuery::Day:
        return QStringLiteral("day");
    case CostQuery::Month:
        return QStringLiteral("month");
    }
    return QString();
}

std::optional<CostQuery::Granularity> granularityFromId(const QString &id)
{
    for (auto g : {CostQuery::Hour, CostQuery::Day, CostQuery::Month})
        if (granularityId(g) == id)
            return g;
    return std::nullopt;
}

QString viewId(CostQuery::View v)
{
    return v == CostQuery::Cash ? QStringLiteral("cash") : QStringLiteral("amortized");
}

std::optional<CostQuery::View> viewFromId(const QString &id)
{
    for (auto v : {CostQuery::Cash, CostQuery::Amortized})
        if (viewId(v) == id)
            return v;
    return std::nullopt;
}

Status validateCostQuery(const CostQuery &q)
{
    if (q.from >= q.to)
        return Error::badUsage(Tr::tr("the start of the range must be before its end"));
    if (q.groupBy.size() > 2)
        return Error::badUsage(Tr::tr("cost can be grouped by at most two dimensions"));
    for (const QString &d : q.groupBy)
        if (!costDimensions().contains(d))
            return Error::badUsage(Tr::tr("unknown dimension \"%1\" (choose from %2)")
                                       .arg(d, costDimensions().join(QStringLiteral(", "))));
    if (q.groupBy.size() == 2 && q.groupBy[0] == q.groupBy[1])
        return Error::badUsage(Tr::tr("the dimension \"%1\" is given twice").arg(q.groupBy[0]));
    return {};
}

Result<CostResult> analyzeCost(Context &ctx, const CostQuery &q)
{
    if (Status s = validateCostQuery(q); !s)
        return s.error();
    const Instant unit = q.granularity == CostQuery::Hour ? kMicrosPerHour : kMicrosPerDay;
    std::vector<Piece> pieces;
    if (Status s = q.view == CostQuery::Cash ? gatherCash(ctx, q, unit, pieces)
                                             : gatherAmortized(ctx, q, unit, pieces);
        !s)
        return s.error();

    TagRepository tagRepo(ctx.db);
    auto tagMap = tagRepo.all();
    if (!tagMap)
        return tagMap.error();
    const QStringList sharedTags{kProjectShared};
    const QStringList untagged{kTagUntagged};
    auto tagsOf = [&](const QString &project) -> const QStringList & {
        if (project == kProjectShared)
            return sharedTags;
        auto it = tagMap->find(project);
        return it == tagMap->end() ? untagged : it->second;
    };

    std::map<std::pair<Instant, std::vector<QString>>, std::pair<qint64, Money>> groups;
    CostResult result;
    const bool byTag = q.groupBy.contains(QStringLiteral("tag"));
    for (const Piece &p : pieces) {
        const QString project = p.project.isEmpty() ? kProjectShared : p.project;
        const ApiInfo *api = ctx.catalog.api(p.api);
        const QString category = api ? api->category : QString();
        if (!passes(q.apis, p.api) || !passes(q.regions, p.region) || !passes(q.projects, project) ||
            !passes(q.modes, p.mode) || !passes(q.categories, category))
            continue;
        const QStringList &allTags = tagsOf(project);
        QStringList tags;
        for (const QString &t : allTags)
            if (passes(q.tags, t))
                tags << t;
        if (tags.isEmpty())
            continue;
        result.total += p.cost;
        result.calls += p.calls;
        const Instant period = periodStart(ctx.calendar, q.granularity, p.at);
        const QStringList tagKeys = byTag ? tags : QStringList{QString()};
        for (const QString &tag : tagKeys) {
            std::vector<QString> key;
            for (const QString &d : q.groupBy) {
                if (d == QLatin1String("api"))
                    key.push_back(p.api);
                else if (d == QLatin1String("category"))
                    key.push_back(category);
                else if (d == QLatin1String("region"))
                    key.push_back(p.region);
                else if (d == QLatin1String("mode"))
                    key.push_back(p.mode);
                else if (d == QLatin1String("project"))
                    key.push_back(project);
                else
                    key.push_back(tag);
            }
            auto &g = groups[{period, std::move(key)}];
            g.first += p.calls;
            g.second += p.cost;
        }
    }
    for (const auto &[k, v] : groups) {
        CostRow row;
        row.period = k.first;
        for (int i = 0; i < q.groupBy.size(); ++i)
            row.keys[q.groupBy[i]] = k.second[size_t(i)];
        row.calls = v.first;
        row.cost = v.second;
        result.rows.push_back(std::move(row));
    }
    return result;
}

Result<Money> cashTotal(Context &ctx, Instant from, Instant to)
{
    if (from >= to)
        return Error::badUsage(Tr::tr("the start of the range must be before its end"));
    // The same pieces as gatherCash, summed without grouping: on time by the database, late ones here.
    auto onTime = CostRepository(ctx.db).total(CostRepository::Kind::ChargesOnTime, from, to);
    if (!onTime)
        return onTime.error();
    std::vector<Piece> late;
    if (Status s = gatherLate(ctx, from, to, late); !s)
        return s.error();
    Money total = *onTime;
    for (const Piece &p : late)
        total += p.cost;
    return total;
}

// ---------------------------------------------------------------------------------------------------

std::vector<Money> splitLargestRemainder(Money total, const std::vector<qint64> &weights)
{
    const size_t n = weights.size();
    std::vector<Money> parts(n);
    if (n == 0)
        return parts;
    const bool negative = total.isNegative();
    const Money abs = negative ? -total : total;
    const qint64 cents = abs.units() / Money::CentUnits;
    const Money subCent = abs.centRemainder();

    std::vector<Int128> w(n);
    Int128 sum = 0;
    for (size_t i = 0; i < n; ++i) {
        w[i] = std::max<qint64>(weights[i], 0);
        sum += w[i];
    }
    if (sum == 0) {
        std::fill(w.begin(), w.end(), Int128(1));
        sum = Int128(n);
    }
    std::vector<Int128> remainder(n);
    qint64 given = 0;
    for (size_t i = 0; i < n; ++i) {
        const Int128 product = Int128(cents) * w[i];
        const qint64 q = qint64(product / sum);
        remainder[i] = product % sum;
        parts[i] = Money::fromCents(q);
        given += q;
    }
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
    for (qint64 left = cents - given, k = 0; left > 0; --left, ++k)
        parts[order[size_t(k)]] += Money::fromCents(1);
    if (!subCent.isZero()) {
        size_t largest = 0;
        for (size_t i = 1; i < n; ++i)
            if (w[i] > w[largest])
                largest = i;
        parts[largest] += subCent;
    }
    if (negative)
        for (Money &m : parts)
            m = -m;
    return parts;
}

QString allocationRuleId(AllocationRule r)
{
    switch (r) {
    case AllocationRule::Proportional:
        return QStringLiteral("proportional");
    case AllocationRule::Even:
        return QStringLiteral("even");
    case AllocationRule::Fixed:
        return QStringLiteral("fixed");
    }
    return QString();
}

std::optional<AllocationRule> allocationRuleFromId(const QString &id)
{
    for (auto r : {AllocationRule::Proportional, AllocationRule::Even, AllocationRule::Fixed})
        if (allocationRuleId(r) == id)
            return r;
    return std::nullopt;
}

Result<std::vector<Money>> allocateShared(Money total, AllocationRule rule,
                                          const std::vector<ProjectShare> &projects)
{
    if (projects.empty()) {
        if (total.isZero())
            return std::vector<Money>();
        return Error::badUsage(Tr::tr("a shared cost needs at least one project to go to"));
    }
    std::vector<qint64> weights;
    switch (rule) {
    case AllocationRule::Proportional:
        for (const ProjectShare &p : projects)
            weights.push_back(std::max<qint64>(p.coveredCalls, 0));
        break; // all zero → even (splitLargestRemainder)
    case AllocationRule::Even:
        weights.assign(projects.size(), 1);
        break;
    case AllocationRule::Fixed: {
        qint64 sum = 0;
        for (const ProjectShare &p : projects) {
            if (p.fixedBasisPoints < 0)
                return Error::badUsage(Tr::tr("the share of %1 is negative").arg(p.project));
            sum += p.fixedBasisPoints;
            weights.push_back(p.fixedBasisPoints);
        }
        if (sum != 10000)
            return Error::badUsage(Tr::tr("fixed shares must add up to 100 % (they add up to %1 %)")
                                       .arg(Money::fromUnits(sum * (Money::Scale / 100)).toString(0)));
        break;
    }
    }
    return splitLargestRemainder(total, weights);
}

Result<std::vector<ProjectCost>> allocateCosts(Context &ctx, Instant from, Instant to, AllocationRule rule,
                                               const QHash<QString, qint64> &fixedBasisPoints)
{
    if (from >= to)
        return Error::badUsage(Tr::tr("the start of the range must be before its end"));
    std::vector<Piece> pieces;
    CostQuery q;
    q.from = from;
    q.to = to;
    q.groupBy = QStringList{QStringLiteral("project")};
    if (Status s = gatherCash(ctx, q, kMicrosPerHour, pieces); !s)
        return s.error();
    std::map<QString, ProjectCost> byProject;
    for (const Piece &p : pieces) {
        if (p.project.isEmpty())
            continue; // shared: split below, package by package
        ProjectCost &pc = byProject[p.project];
        pc.project = p.project;
        pc.calls += p.calls;
        pc.direct += p.cost;
    }
    // Shared costs: purchases, renewals and refunds dated in the range, per package.
    std::map<qint64, Money> sharedByPackage;
    Money unattributed;
    for (Record::Type type : {Record::Type::Purchase, Record::Type::Renewal, Record::Type::Refund}) {
        RecordFilter f;
        f.from = from;
        f.to = to;
        f.type = type;
        auto recs = ctx.records.list(f);
        if (!recs)
            return recs.error();
        for (const Record &r : *recs) {
            if (r.packageId)
                sharedByPackage[*r.packageId] += r.charged;
            else
                unattributed += r.charged;
        }
    }
    std::map<qint64, std::map<QString, qint64>> coveredByPackage;
    if (rule == AllocationRule::Proportional) {
        CostRepository repo(ctx.db);
        auto covered = repo.packageUsage();
        if (!covered)
            return covered.error();
        for (const auto &c : *covered)
            coveredByPackage[c.packageId][c.project] += c.calls;
    }
    std::vector<QString> active;
    for (const auto &[name, pc] : byProject)
        if (pc.calls > 0)
            active.push_back(name);
    auto addShared = [&](const QString &project, Money m) {
        ProjectCost &pc = byProject[project];
        pc.project = project;
        pc.shared += m;
    };
    auto evenShares = [&]() {
        std::vector<ProjectShare> shares;
        for (const QString &p : active)
            shares.push_back({p, 0, 0});
        return shares;
    };
    for (const auto &[packageId, amount] : sharedByPackage) {
        std::vector<ProjectShare> shares;
        AllocationRule use = rule;
        if (rule == AllocationRule::Proportional) {
            for (const auto &[project, calls] : coveredByPackage[packageId])
                if (calls > 0)
                    shares.push_back({project, calls, 0});
            if (shares.empty()) {
                shares = evenShares();
                use = AllocationRule::Even;
            }
        } else if (rule == AllocationRule::Even) {
            shares = evenShares();
        } else {
            std::vector<QString> names(fixedBasisPoints.keyBegin(), fixedBasisPoints.keyEnd());
            std::sort(names.begin(), names.end());
            for (const QString &p : names)
                shares.push_back({p, 0, fixedBasisPoints.value(p)});
        }
        if (shares.empty()) {
            unattributed += amount;
            continue;
        }
        auto parts = allocateShared(amount, use, shares);
        if (!parts)
            return parts.error();
        for (size_t i = 0; i < shares.size(); ++i)
            addShared(shares[i].project, (*parts)[i]);
    }
    if (!unattributed.isZero())
        addShared(kProjectShared, unattributed);
    std::vector<ProjectCost> out;
    for (auto &[name, pc] : byProject)
        out.push_back(pc);
    return out;
}

// ---------------------------------------------------------------------------------------------------

Forecast forecastFromDaily(const std::vector<Money> &dailyCosts, Money partialDay, int daysInMonth)
{
    Forecast f;
    f.daysInMonth = daysInMonth;
    f.completeDays = int(dailyCosts.size());
    f.daily = dailyCosts;
    f.partialDay = partialDay;
    for (Money m : dailyCosts)
        f.actual += m;
    f.actual += partialDay;
    f.projected = f.low = f.high = f.actual;
    const qint64 n = qint64(dailyCosts.size());
    const qint64 remaining = qint64(daysInMonth) - n; // days projected, the day in progress included
    if (n == 0 || remaining <= 0)
        return f;

    // Whole cents, scaled down by powers of ten if needed to keep the exact sums inside 128 bits.
    qint64 scale = 1;
    qint64 maxAbs = std::llabs(partialDay.units() / Money::CentUnits);
    for (Money m : dailyCosts)
        maxAbs = std::max(maxAbs, std::llabs(m.units() / Money::CentUnits));
    while (maxAbs / scale > 1'000'000'000)
        scale *= 10;
    std::vector<Int128> y;
    for (Money m : dailyCosts)
        y.push_back(Int128(m.units() / Money::CentUnits / scale));

    // fit(t) = (aD + bD·t) / D exactly.
    Int128 aD = 0, bD = 0, D = 1;
    if (n == 1) {
        aD = y[0];
    } else {
        Int128 sx = 0, sxx = 0, sy = 0, sxy = 0;
        for (qint64 t = 0; t < n; ++t) {
            sx += t;
            sxx += Int128(t) * t;
            sy += y[size_t(t)];
            sxy += Int128(t) * y[size_t(t)];
        }
        const Int128 db = n * sxx - sx * sx;
        const Int128 nb = n * sxy - sx * sy;
        D = n * db;
        aD = sy * db - nb * sx;
        bD = nb * n;
        f.trendPerDay = Money::fromCents(qint64(nb / db) * scale);
    }
    auto fitD = [&](qint64 t) { return aD + bD * t; };

    Int128 projectedD = 0; // Σ projected days × D, in scaled cents
    const Int128 partialD = Int128(partialDay.units() / Money::CentUnits / scale) * D;
    for (qint64 t = n; t < daysInMonth; ++t) {
        Int128 v = std::max<Int128>(fitD(t), 0);
        if (t == n)
            v = std::max(v, partialD);
        projectedD += v;
    }
    // The day in progress is already in `actual` through partialDay: replace it by the projection.
    const Money complete = f.actual - partialDay;
    f.projected = complete + Money::fromCents(qint64(floorDiv128(projectedD, D)) * scale);
    f.low = f.high = f.projected;
    if (n < 3)
        return f;
    Int128 ssrD2 = 0;
    for (qint64 t = 0; t < n; ++t) {
        const Int128 r = y[size_t(t)] * D - fitD(t);
        ssrD2 += r * r;
    }
    // half-width = 1.96 · √(s² · R) with s² = SSR/(n−2): √(SSR·D²·R/(n−2)) / D, in scaled cents.
    const Int128 root = isqrt128(ssrD2 * remaining / (n - 2));
    const Int128 halfCents = root * 196 / (100 * D);
    const Money half = Money::fromCents(qint64(halfCents) * scale);
    f.intervalKnown = true;
    f.low = Money::max(f.actual, f.projected - half);
    f.high = f.projected + half;
    return f;
}

Result<Forecast> forecastMonth(Context &ctx, const QString &month)
{
    const QString key = month.isEmpty() ? ctx.calendar.monthKey(ctx.now) : month;
    auto start = ctx.calendar.parseMonth(key);
    if (!start)
        return start.error();
    if (ctx.now < *start)
        return Error::refused(Tr::tr("the month %1 has not started yet").arg(key));
    const Instant end = ctx.calendar.addMonths(*start, 1);
    const Instant asOf = std::clamp(ctx.calendar.hourStart(ctx.now), *start, end);
    const int days = int((end - *start) / kMicrosPerDay);
    const qint64 complete = (asOf - *start) / kMicrosPerDay;
    std::vector<Money> daily(static_cast<size_t>(complete));
    Money partial;
    if (asOf > *start) {
        CostQuery q;
        q.from = *start;
        q.to = asOf;
        q.granularity = CostQuery::Day;
        auto r = analyzeCost(ctx, q);
        if (!r)
            return r.error();
        for (const CostRow &row : r->rows) {
            const qint64 i = (row.period - *start) / kMicrosPerDay;
            if (i < complete)
                daily[size_t(i)] += row.cost;
            else
                partial += row.cost;
        }
    }
    Forecast f = forecastFromDaily(daily, partial, days);
    f.month = key;
    f.asOf = asOf;
    return f;
}

// ---------------------------------------------------------------------------------------------------

Money payPerUseMonthly(const std::vector<Tier> &tiers, qint64 calls)
{
    if (calls <= 0)
        return Money();
    return Money::fromUnits(qint64(Catalog::sumPer1000(tiers, 1, calls) / 1000)).truncatedToCents();
}

Money packageMonthly(Money price, qint64 quota, const std::vector<Tier> &tiers, qint64 calls)
{
    const Money perMonth = Money::fromUnits(price.units() / 12).truncatedToCents();
    return perMonth + payPerUseMonthly(tiers, std::max<qint64>(0, calls - quota / 12));
}

std::optional<qint64> breakEvenCalls(Money price, qint64 quota, const std::vector<Tier> &tiers)
{
    auto cheaper = [&](qint64 v) {
        return packageMonthly(price, quota, tiers, v) < payPerUseMonthly(tiers, v);
    };
    qint64 lo = 0, hi = quota / 12;
    if (!cheaper(hi))
        return std::nullopt;
    while (lo < hi) { // smallest v in [lo, hi] that is cheaper; cheaper() is monotone on [0, quota/12]
        const qint64 mid = lo + (hi - lo) / 2;
        if (cheaper(mid))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

namespace {
std::vector<TierLine> tierLines(const std::vector<Tier> &tiers, qint64 calls)
{
    std::vector<TierLine> out;
    if (calls <= 0)
        return out;
    qint64 pos = 1;
    for (const TierSlice &s : Catalog::slices(tiers, 1, calls)) {
        out.push_back({s.tier, pos, s.calls, s.pricePer1000,
                       Money::fromUnits(qint64(Int128(s.calls) * s.pricePer1000.units() / 1000))});
        pos += s.calls;
    }
    return out;
}
} // namespace

Result<std::vector<Quote>> priceCalculator(const Catalog &catalog, const QString &apiId, qint64 monthlyCalls,
                                           Instant at)
{
    const ApiInfo *api = catalog.api(apiId);
    if (!api)
        return Error::badUsage(Tr::tr("unknown API \"%1\"").arg(apiId));
    if (monthlyCalls < 0)
        return Error::badUsage(Tr::tr("the number of calls cannot be negative"));
    const PriceList &list = catalog.priceListAt(at);
    const std::vector<Tier> &tiers = catalog.tiers(list, api->category);
    std::vector<Quote> out;
    Quote ppu;
    ppu.option = kModePayPerUse;
    ppu.overflowCalls = monthlyCalls;
    ppu.tiers = tierLines(tiers, monthlyCalls);
    ppu.monthlyCost = payPerUseMonthly(tiers, monthlyCalls);
    out.push_back(std::move(ppu));
    for (const Sku &sku : list.skus) {
        auto price = catalog.packagePrice(apiId, sku.id, std::max(at, list.effective));
        if (!price)
            return price.error();
        Quote q;
        q.option = sku.id;
        q.packagePrice = *price;
        q.monthlyQuota = sku.calls / 12;
        q.overflowCalls = std::max<qint64>(0, monthlyCalls - q.monthlyQuota);
        q.tiers = tierLines(tiers, q.overflowCalls);
        q.monthlyCost = packageMonthly(*price, sku.calls, tiers, monthlyCalls);
        q.breakEvenCalls = breakEvenCalls(*price, sku.calls, tiers);
        out.push_back(std::move(q));
    }
    return out;
}

Result<std::vector<Recommendation>> recommend(Context &ctx)
{
    const Instant end = ctx.calendar.hourStart(ctx.now);
    const Instant start = end - kThirtyDays;
    CostRepository repo(ctx.db);
    auto volumes = repo.usageVolumes(start, end);
    if (!volumes)
        return volumes.error();
    auto packages = ctx.subscriptions.packages();
    if (!packages)
        return packages.error();
    std::sort(packages->begin(), packages->end(), deductsBefore);
    const Catalog &cat = ctx.catalog;
    std::sort(volumes->begin(), volumes->end(), [&](const auto &a, const auto &b) {
        return std::tuple(cat.apiIndex(a.api), cat.regionIndex(a.region)) <
               std::tuple(cat.apiIndex(b.api), cat.regionIndex(b.region));
    });
    std::vector<Recommendation> out;
    for (const CostRepository::Volume &v : *volumes) {
        if (v.calls <= 0 || !cat.api(v.api))
            continue;
        auto quotes = priceCalculator(cat, v.api, v.calls, ctx.now);
        if (!quotes)
            return quotes.error();
        const std::vector<Tier> &tiers = cat.tiers(cat.priceListAt(ctx.now), cat.api(v.api)->category);
        Recommendation r;
        r.api = v.api;
        r.region = v.region;
        r.monthlyCalls = v.calls;
        r.options = std::move(*quotes);
        r.current = kModePayPerUse;
        const Package *inForce = nullptr;
        for (const Package &p : *packages)
            if (p.api == v.api && p.region == v.region && p.remaining > 0 && p.inForceAt(ctx.now)) {
                inForce = &p;
                break;
            }
        if (inForce)
            r.current = inForce->sku;
        const Quote *now = &r.options.front();
        const Quote *best = now;
        for (const Quote &q : r.options) {
            if (q.option == r.current)
                now = &q;
            if (q.monthlyCost < best->monthlyCost)
                best = &q;
        }
        if (now->monthlyCost == best->monthlyCost)
            best = now; // no change advised when nothing is cheaper
        r.best = best->option;
        r.monthlyCostNow = now->monthlyCost;
        r.monthlyCostBest = best->monthlyCost;
        r.saving = r.monthlyCostNow - r.monthlyCostBest;

        const QString volume = QLocale::c().toString(v.calls);
        if (r.best == r.current) {
            r.reason =
                Tr::tr("%1 calls in the last 30 days: %2 is already the cheapest option at %3 a month.")
                    .arg(volume, r.current, r.monthlyCostNow.toString());
        } else {
            const QString be =
                best->breakEvenCalls ? QLocale::c().toString(*best->breakEvenCalls) : QString();
            r.reason =
                best->breakEvenCalls
                    ? Tr::tr("%1 calls in the last 30 days cost %2 a month with %3; %4 would cost %5 a month "
                             "(cheaper from %6 calls a month), saving %7 a month.")
                          .arg(volume, r.monthlyCostNow.toString(), r.current, r.best,
                               r.monthlyCostBest.toString(), be, r.saving.toString())
                    : Tr::tr("%1 calls in the last 30 days cost %2 a month with %3; %4 would cost %5 a "
                             "month, saving %6 a month.")
                          .arg(volume, r.monthlyCostNow.toString(), r.current, r.best,
                               r.monthlyCostBest.toString(), r.saving.toString());
        }
        if (inForce) {
            r.packageId = inForce->id;
            const Instant left = std::max<Instant>(0, inForce->endAt - end);
            const qint64 expected = qint64(Int128(v.calls) * left / kThirtyDays);
            if (expected < inForce->remaining) {
                r.lapsingCalls = inForce->remaining - expected;
                r.reason +=
                    u' ' + Tr::tr("At this rate package %1 will lapse on %2 with %3 of its %4 calls unused.")
                               .arg(inForce->id)
                               .arg(ctx.calendar.format(inForce->lastSecond()),
                                    QLocale::c().toString(r.lapsingCalls),
                                    QLocale::c().toString(inForce->quota));
            } else {
                const Instant runsOut = end + Instant(Int128(inForce->remaining) * kThirtyDays / v.calls);
                r.runsOutAt = runsOut;
                auto after =
                    Money::scaled(payPerUseMonthly(tiers, v.calls), inForce->endAt - runsOut, kThirtyDays);
                r.costAfterRunOut = after ? after->truncatedToCents() : Money();
                r.reason +=
                    u' ' + Tr::tr("At this rate package %1 runs out on %2; the rest of its term, until %3, "
                                  "then costs about %4 "
                                  "pay-per-use.")
                               .arg(inForce->id)
                               .arg(ctx.calendar.format(runsOut), ctx.calendar.format(inForce->lastSecond()),
                                    r.costAfterRunOut.toString());
            }
        }
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace billing
