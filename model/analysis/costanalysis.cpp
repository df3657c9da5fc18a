#include "analysis/costanalysis.h"
#include "analysis/tr.h"
#include "core/shown.h"

#include "analysis/costpieces.h"
#include "analysis/costrepository.h"
#include "engine/context.h"
#include "storage/tagrepository.h"

#include <QCoreApplication>

#include <algorithm>

namespace billing {

namespace {

// The one mapping between dimensions and their ids; its order is costDimensions()'s.
struct DimensionId
{
    CostDimension dimension;
    QLatin1String id;
};
constexpr DimensionId kDimensionIds[] = {
    {CostDimension::Api, QLatin1String("api")},         {CostDimension::Category, QLatin1String("category")},
    {CostDimension::Region, QLatin1String("region")},   {CostDimension::Mode, QLatin1String("mode")},
    {CostDimension::Project, QLatin1String("project")}, {CostDimension::Tag, QLatin1String("tag")},
};

bool passes(const QStringList &filter, const QString &value)
{
    return filter.isEmpty() || filter.contains(value);
}
} // namespace

QString costDimensionId(CostDimension d)
{
    for (const DimensionId &e : kDimensionIds)
        if (e.dimension == d)
            return e.id;
    return QString();
}

std::optional<CostDimension> costDimensionFromId(const QString &id)
{
    for (const DimensionId &e : kDimensionIds)
        if (e.id == id)
            return e.dimension;
    return std::nullopt;
}

const QStringList &costDimensions()
{
    static const QStringList ids = [] {
        QStringList out;
        for (const DimensionId &e : kDimensionIds)
            out << e.id;
        return out;
    }();
    return ids;
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
        return Error::badUsage(AnalysisTr::tr("the start of the range must be before its end"));
    if (q.groupBy.size() > 2)
        return Error::badUsage(AnalysisTr::tr("cost can be grouped by at most two dimensions"));
    for (const QString &d : q.groupBy)
        if (!costDimensionFromId(d))
            return Error::badUsage(AnalysisTr::tr("unknown dimension \"%1\" (choose from %2)")
                                       .arg(shownValue(d), costDimensions().join(QStringLiteral(", "))));
    if (q.groupBy.size() == 2 && q.groupBy[0] == q.groupBy[1])
        return Error::badUsage(
            AnalysisTr::tr("the dimension \"%1\" is given twice").arg(shownValue(q.groupBy[0])));
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

Result<CostResult> analyzeCost(Context &ctx, const CostQuery &q)
{
    if (Status s = validateCostQuery(q); !s)
        return s.error();
    const Instant unit = q.granularity == CostQuery::Hour ? kMicrosPerHour : kMicrosPerDay;
    std::vector<CostPiece> pieces;
    if (Status s = gatherPieces(ctx, q, unit, pieces); !s)
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

    std::vector<CostDimension> dims; // validated above
    for (const QString &d : q.groupBy)
        dims.push_back(*costDimensionFromId(d));
    const bool byTag = std::find(dims.begin(), dims.end(), CostDimension::Tag) != dims.end();
    // Sums over a long range (a year of months near the range each) can pass what 64 bits hold: they are
    // made in 128 bits and refused outside the range (billing-rules §3 Range), as a forecast is.
    std::map<std::pair<Instant, std::vector<QString>>, std::pair<qint64, Int128>> groups;
    CostResult result;
    Int128 total = 0;
    for (const CostPiece &p : pieces) {
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
        total += p.cost.units();
        result.calls += p.calls;
        const Instant period = periodStart(ctx.calendar, q.granularity, p.at);
        const QStringList tagKeys = byTag ? tags : QStringList{QString()};
        auto valueOf = [&](CostDimension d, const QString &tag) -> const QString & {
            switch (d) {
            case CostDimension::Api:
                return p.api;
            case CostDimension::Category:
                return category;
            case CostDimension::Region:
                return p.region;
            case CostDimension::Mode:
                return p.mode;
            case CostDimension::Project:
                return project;
            case CostDimension::Tag:
                break;
            }
            return tag;
        };
        for (const QString &tag : tagKeys) {
            std::vector<QString> key;
            for (CostDimension d : dims)
                key.push_back(valueOf(d, tag));
            auto &g = groups[{period, std::move(key)}];
            g.first += p.calls;
            g.second += p.cost.units();
        }
    }
    Int128 outside = Money::inRange(total) ? 0 : total;
    for (const auto &[k, v] : groups)
        if (!outside && !Money::inRange(v.second))
            outside = v.second;
    if (outside)
        return Error::refused(
            AnalysisTr::tr("the costs from %1 to %2 add up to %3, outside the range of ±10,000,000,000.00: "
                           "choose a shorter range or a finer grouping")
                .arg(ctx.calendar.format(q.from), ctx.calendar.format(q.to), Money::unitsToString(outside)));
    result.total = Money::fromUnits(qint64(total));
    for (const auto &[k, v] : groups) {
        CostRow row;
        row.period = k.first;
        for (int i = 0; i < q.groupBy.size(); ++i)
            row.keys[q.groupBy[i]] = k.second[size_t(i)];
        row.calls = v.first;
        row.cost = Money::fromUnits(qint64(v.second));
        result.rows.push_back(std::move(row));
    }
    return result;
}

namespace {

// The cash view's total over [from, to) from the records: on time by the database, late ones here.
Result<Money> cashTotalOfRecords(Context &ctx, Instant from, Instant to)
{
    auto onTime = CostRepository(ctx.db).total(CostRepository::Kind::ChargesOnTime, from, to);
    if (!onTime)
        return onTime.error();
    std::vector<CostPiece> late;
    if (Status s = gatherLate(ctx, from, to, late); !s)
        return s.error();
    Int128 total = onTime->units();
    for (const CostPiece &p : late)
        total += p.cost.units();
    return Money::inRange(total);
}

// The first instant of a whole period at or after t.
Instant periodCeil(const BillingCalendar &cal, CostQuery::Granularity g, Instant t, Instant length)
{
    const Instant start = periodStart(cal, g, t);
    return start == t ? t : periodStart(cal, g, start + length);
}

} // namespace

Result<Money> cashTotal(Context &ctx, Instant from, Instant to)
{
    if (from >= to)
        return Error::badUsage(AnalysisTr::tr("the start of the range must be before its end"));
    // The overview's spending figures (performance.md P4b): the whole days from the day rollups, the whole
    // hours around them from the hour rollups, and only the cut hours at either end from the records.
    const BillingCalendar &cal = ctx.calendar;
    const Instant h0 = periodCeil(cal, CostQuery::Hour, from, kMicrosPerHour);
    const Instant h1 = periodStart(cal, CostQuery::Hour, to);
    if (h0 >= h1)
        return cashTotalOfRecords(ctx, from, to);
    const Instant d0 = std::min(periodCeil(cal, CostQuery::Day, h0, kMicrosPerDay), h1);
    const Instant d1 = std::max(periodStart(cal, CostQuery::Day, h1), d0);
    Int128 total = 0;
    const std::pair<Instant, Instant> cut[] = {{from, h0}, {h1, to}};
    for (const auto &[a, b] : cut) {
        if (a >= b)
            continue;
        auto part = cashTotalOfRecords(ctx, a, b);
        if (!part)
            return part.error();
        total += part->units();
    }
    const std::tuple<Instant, Instant, CostQuery::Granularity> whole[] = {
        {h0, d0, CostQuery::Hour}, {d0, d1, CostQuery::Day}, {d1, h1, CostQuery::Hour}};
    for (const auto &[a, b, g] : whole) {
        if (a >= b)
            continue;
        CostQuery q;
        q.from = a;
        q.to = b;
        q.granularity = g;
        auto part = analyzeCost(ctx, q);
        if (!part)
            return part.error();
        total += part->total.units();
    }
    return Money::inRange(total);
}

} // namespace billing
