#include "analysis/costpieces.h"

#include "analysis/costrepository.h"
#include "engine/context.h"
#include "storage/costrollup.h"

#include <algorithm>

namespace billing {

namespace {
// The cash instant of a late usage line (see costanalysis.h): its own hour, unless its charge went into a
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
    auto uses = [&q](std::initializer_list<CostDimension> dims,
                     std::initializer_list<const QStringList *> filters) {
        for (CostDimension d : dims)
            if (q.groupBy.contains(costDimensionId(d)))
                return true;
        return std::any_of(filters.begin(), filters.end(),
                           [](const QStringList *f) { return !f->isEmpty(); });
    };
    CostRepository::Columns c;
    c.api = uses({CostDimension::Api, CostDimension::Category}, {&q.apis, &q.categories});
    c.region = uses({CostDimension::Region}, {&q.regions});
    c.project = uses({CostDimension::Project, CostDimension::Tag}, {&q.projects, &q.tags});
    c.mode = uses({CostDimension::Mode}, {&q.modes});
    return c;
}

Status gatherSums(Context &ctx, CostRepository::Kind kind, const CostQuery &q, Instant unit,
                  std::vector<CostPiece> &out)
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

Status gatherCash(Context &ctx, const CostQuery &q, Instant unit, std::vector<CostPiece> &out)
{
    if (Status s = gatherSums(ctx, CostRepository::Kind::ChargesOnTime, q, unit, out); !s)
        return s;
    return gatherLate(ctx, q.from, q.to, out);
}

Status gatherAmortized(Context &ctx, const CostQuery &q, Instant unit, std::vector<CostPiece> &out)
{
    const Instant from = q.from;
    const Instant to = q.to;
    if (Status s = gatherSums(ctx, CostRepository::Kind::PayPerUseUsage, q, unit, out); !s)
        return s;
    auto spread = spreadPackages(ctx);
    if (!spread)
        return spread.error();
    for (const PackagePart &c : spread->parts) {
        if (c.line.expenditureAt >= from && c.line.expenditureAt < to) {
            const Package &p = spread->packages.at(c.line.packageId).package;
            out.push_back(
                {c.line.expenditureAt, p.api, p.region, c.line.project, kModePackage, c.line.calls, c.part});
        }
    }
    for (const auto &[id, spent] : spread->packages) {
        const Package &p = spent.package;
        const Instant last = p.lastSecond();
        if (last < from || last >= to)
            continue;
        if (auto waste = packageWaste(ctx, spent, to); waste && !waste->isZero())
            out.push_back({last, p.api, p.region, QString(), kModeWaste, 0, *waste});
    }
    return {};
}

// The finest period the rollups are kept at that the range starts and ends on, no finer than the query's
// granularity (a day rollup cannot give hours); none when the range cuts an hour, or when asked to scan.
std::optional<CostQuery::Granularity> rollupGrain(const Context &ctx, const CostQuery &q)
{
    if (q.scanRecords)
        return std::nullopt;
    for (int g = q.granularity; g >= CostQuery::Hour; --g) {
        const auto grain = CostQuery::Granularity(g);
        if (periodStart(ctx.calendar, grain, q.from) != q.from ||
            periodStart(ctx.calendar, grain, q.to) != q.to)
            continue;
        // Hours are kept per API alone: an hour query by region or project reads the records, and so does
        // one by mode in the cash view (in the amortized view a piece's mode is known by its package: the
        // Analysis page's amortized chart filters by mode to show waste apart).
        const CostRepository::Columns columns = columnsFor(q);
        if (grain == CostQuery::Hour &&
            (columns.region || columns.project || (columns.mode && q.view == CostQuery::Cash)))
            return std::nullopt;
        return grain;
    }
    return std::nullopt;
}

Status gatherRollups(Context &ctx, const CostQuery &q, CostQuery::Granularity grain,
                     std::vector<CostPiece> &out)
{
    CostRepository repo(ctx.db);
    const bool amortized = q.view == CostQuery::Amortized;
    const CostRepository::Columns columns = columnsFor(q);
    // Hours: the hour-by-API rollup (rollupGrain sends the other hour queries to the records).
    const int rollup = grain == CostQuery::Hour ? int(CostRollup::HourByApi) : int(grain);
    if (Status st = repo.rollupSums(
            rollup, amortized, q.from, q.to, columns,
            [&out](CostRepository::Sum &s) {
                out.push_back({s.bucket, s.api, s.region, s.project, s.mode, s.calls, s.charged});
            });
        !st)
        return st;
    if (!amortized)
        return {};
    auto packages = ctx.subscriptions.packages();
    if (!packages)
        return packages.error();
    auto uses = repo.packageUses();
    if (!uses)
        return uses.error();
    for (const Package &p : *packages) {
        const Instant last = p.lastSecond();
        if (p.cancelledAt || p.quota <= 0 || last < q.from || last >= q.to)
            continue;
        const CostRepository::PackageUse use =
            uses->count(p.id) ? uses->at(p.id) : CostRepository::PackageUse();
        if (auto waste = packageWaste(ctx, SpentPackage{p, use.used, use.allocated}, q.to);
            waste && !waste->isZero())
            out.push_back({last, p.api, p.region, QString(), kModeWaste, 0, *waste});
    }
    return {};
}
} // namespace

Status gatherPieces(Context &ctx, const CostQuery &q, Instant unit, std::vector<CostPiece> &out)
{
    if (auto grain = rollupGrain(ctx, q))
        return gatherRollups(ctx, q, *grain, out);
    return q.view == CostQuery::Cash ? gatherCash(ctx, q, unit, out) : gatherAmortized(ctx, q, unit, out);
}

namespace {
// Cumulative flooring in whole cents (see costanalysis.h): part i = floor(P·c_i/Q) − floor(P·c_{i−1}/Q);
// the fraction of a cent of the price, if any, goes with the part that uses the quota up.
Money nextPart(SpentPackage &p, qint64 calls)
{
    const Money part = packagePart(p.package.price, p.package.quota, p.used, calls);
    p.used += calls;
    p.allocated += part;
    return part;
}
} // namespace

Result<PackageSpread> spreadPackages(Context &ctx)
{
    auto packages = ctx.subscriptions.packages();
    if (!packages)
        return packages.error();
    PackageSpread spread;
    for (const Package &p : *packages) {
        if (p.cancelledAt || p.quota <= 0)
            continue; // refunded packages cost nothing in the amortized view
        spread.packages[p.id] = SpentPackage{p, 0, Money()};
    }
    CostRepository repo(ctx.db);
    auto covered = repo.packageUsage();
    if (!covered)
        return covered.error();
    spread.parts.reserve(covered->size());
    for (const CostRepository::Covered &c : *covered) {
        auto it = spread.packages.find(c.packageId);
        if (it != spread.packages.end())
            spread.parts.push_back({c, nextPart(it->second, c.calls)});
    }
    return spread;
}

std::optional<Money> packageWaste(const Context &ctx, const SpentPackage &p, Instant to)
{
    const Instant settled = ctx.calendar.hourStart(ctx.now);
    if (p.package.endAt > std::min(to, settled))
        return std::nullopt;
    return p.package.price - p.allocated;
}

Status gatherLate(Context &ctx, Instant from, Instant to, std::vector<CostPiece> &out)
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

} // namespace billing
