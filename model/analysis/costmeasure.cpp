#include "analysis/costmeasure.h"
#include "analysis/tr.h"

namespace billing {

namespace {
struct MeasureId
{
    CostMeasure measure;
    QLatin1String id;
};
constexpr MeasureId kMeasureIds[] = {
    {CostMeasure::Cost, QLatin1String("cost")},
    {CostMeasure::Calls, QLatin1String("calls")},
    {CostMeasure::UnitCost, QLatin1String("unit-cost")},
};
} // namespace

QString measureId(CostMeasure m)
{
    for (const MeasureId &e : kMeasureIds)
        if (e.measure == m)
            return e.id;
    return QString();
}

std::optional<CostMeasure> measureFromId(const QString &id)
{
    for (const MeasureId &e : kMeasureIds)
        if (e.id == id)
            return e.measure;
    return std::nullopt;
}

const QStringList &costMeasures()
{
    static const QStringList ids = [] {
        QStringList out;
        for (const MeasureId &e : kMeasureIds)
            out << e.id;
        return out;
    }();
    return ids;
}

Result<std::optional<Money>> unitCost(Int128 costUnits, qint64 calls)
{
    if (calls <= 0)
        return std::optional<Money>();
    // |cost| ≤ 2^127 / 1000 for every sum of in-range amounts this program makes (at most 2^63 of them).
    const Int128 scaled = costUnits * 1000;
    Int128 q = scaled / calls;
    if (scaled % calls != 0 && scaled < 0)
        --q; // floor, as Money::scaled
    if (q < -Money::LimitUnits || q > Money::LimitUnits)
        return Error::refused(
            AnalysisTr::tr("the cost per 1,000 calls of %1 over %2 calls is %3, outside the range of "
                           "±10,000,000,000.00")
                .arg(Money::unitsToString(costUnits))
                .arg(calls)
                .arg(Money::unitsToString(q)));
    return std::optional<Money>(Money::fromUnits(qint64(q)));
}

Result<std::optional<Money>> unitCost(Money cost, qint64 calls)
{
    return unitCost(Int128(cost.units()), calls);
}

Result<ResultUnitCosts> resultUnitCosts(const CostResult &r)
{
    ResultUnitCosts out;
    out.rows.reserve(r.rows.size());
    for (const CostRow &row : r.rows) {
        auto u = unitCost(row.cost, row.calls);
        if (!u)
            return u.error();
        out.rows.push_back(*u);
    }
    auto t = unitCost(r.total, r.calls);
    if (!t)
        return t.error();
    out.total = *t;
    return out;
}

Result<SeriesUnitCosts> seriesUnitCosts(const CostSeriesSet &set)
{
    SeriesUnitCosts out;
    const size_t n = set.periods.size();
    std::vector<Int128> periodCost(n, 0);
    std::vector<qint64> periodCalls(n, 0);
    for (const CostSeries &s : set.series) {
        std::vector<std::optional<Money>> values;
        values.reserve(n);
        for (size_t i = 0; i < n && i < s.cost.size(); ++i) {
            auto u = unitCost(s.cost[i], s.calls[i]);
            if (!u)
                return u.error();
            values.push_back(*u);
            periodCost[i] += s.cost[i].units();
            periodCalls[i] += s.calls[i];
        }
        out.values.push_back(std::move(values));
        auto t = unitCost(s.totalCost, s.totalCalls);
        if (!t)
            return t.error();
        out.seriesTotals.push_back(*t);
    }
    for (size_t i = 0; i < n; ++i) {
        auto u = unitCost(periodCost[i], periodCalls[i]);
        if (!u)
            return u.error();
        out.periodTotals.push_back(*u);
    }
    auto t = unitCost(set.total, set.calls);
    if (!t)
        return t.error();
    out.total = *t;
    return out;
}

Result<CompositionUnitCosts> compositionUnitCosts(const Composition &c)
{
    CompositionUnitCosts out;
    for (const CostShare &s : c.shares) {
        auto now = unitCost(s.cost, s.calls);
        if (!now)
            return now.error();
        auto before = unitCost(s.previousCost, s.previousCalls);
        if (!before)
            return before.error();
        out.now.push_back(*now);
        out.previous.push_back(*before);
    }
    auto total = unitCost(c.total, c.calls);
    if (!total)
        return total.error();
    auto previous = unitCost(c.previousTotal, c.previousCalls);
    if (!previous)
        return previous.error();
    out.total = *total;
    out.previousTotal = *previous;
    return out;
}

} // namespace billing
