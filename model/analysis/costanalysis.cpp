#include "analysis/costanalysis.h"
#include "analysis/tr.h"
#include "core/shown.h"

#include "analysis/costgrouping.h"
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
    std::map<QString, QStringList> tags;
    if (CostGrouping::needsTags(q)) {
        auto all = TagRepository(ctx.db).all();
        if (!all)
            return all.error();
        tags = std::move(*all);
    }
    CostGrouping grouping(q, ctx.calendar, ctx.catalog, tags);
    for (const CostPiece &p : pieces)
        grouping.add(p);
    return grouping.result();
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
