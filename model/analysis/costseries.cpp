#include "analysis/costseries.h"

#include "engine/context.h"
#include "time/billingcalendar.h"

#include <algorithm>
#include <map>

namespace billing {

namespace {
Instant nextPeriod(const BillingCalendar &cal, CostQuery::Granularity g, Instant start)
{
    switch (g) {
    case CostQuery::Hour:
        return start + kMicrosPerHour;
    case CostQuery::Day:
        return cal.dayStart(start + kMicrosPerDay + kMicrosPerHour); // robust to any fixed offset
    case CostQuery::Month:
        return cal.addMonths(start, 1);
    }
    return start + 1;
}

QStringList rowKeys(const CostRow &row, const QStringList &groupBy)
{
    QStringList keys;
    for (const QString &d : groupBy) {
        auto it = row.keys.find(d);
        keys << (it == row.keys.end() ? QString() : it->second);
    }
    return keys;
}
} // namespace

Result<Composition> costComposition(Context &ctx, CostQuery q, const QString &dimension, Instant previousFrom,
                                    Instant previousTo)
{
    q.groupBy = QStringList{dimension};
    q.granularity = CostQuery::Month;
    auto now = analyzeCost(ctx, q);
    if (!now)
        return now.error();
    std::map<QString, CostShare> byKey;
    for (const CostRow &row : now->rows) {
        const QString key = rowKeys(row, q.groupBy).value(0);
        CostShare &s = byKey[key];
        s.key = key;
        s.calls += row.calls;
        s.cost += row.cost;
    }
    Composition c;
    c.dimension = dimension;
    c.total = now->total;
    c.calls = now->calls;
    if (previousFrom < previousTo) {
        CostQuery p = q;
        p.from = previousFrom;
        p.to = previousTo;
        auto before = analyzeCost(ctx, p);
        if (!before)
            return before.error();
        for (const CostRow &row : before->rows) {
            const QString key = rowKeys(row, q.groupBy).value(0);
            CostShare &s = byKey[key];
            s.key = key;
            s.previousCalls += row.calls;
            s.previousCost += row.cost;
        }
        c.previousTotal = before->total;
        c.previousCalls = before->calls;
    }
    for (auto &[key, share] : byKey)
        c.shares.push_back(share);
    std::stable_sort(c.shares.begin(), c.shares.end(),
                     [](const CostShare &a, const CostShare &b) { return a.cost > b.cost; });
    return c;
}

CostQuery rangeQuery(Instant from, Instant to, CostQuery::Granularity granularity)
{
    CostQuery q;
    q.from = from;
    q.to = to;
    q.granularity = granularity;
    return q;
}

std::vector<Instant> periodStarts(const BillingCalendar &cal, CostQuery::Granularity g, Instant from,
                                  Instant to)
{
    std::vector<Instant> out;
    for (Instant t = periodStart(cal, g, from); t < to; t = nextPeriod(cal, g, t))
        out.push_back(t);
    return out;
}

CostSeriesSet buildSeries(const CostResult &result, const CostQuery &q, const BillingCalendar &cal, int topN)
{
    CostSeriesSet set;
    set.periods = periodStarts(cal, q.granularity, q.from, q.to);
    set.total = result.total;
    set.calls = result.calls;
    const size_t n = set.periods.size();
    std::map<QStringList, CostSeries> byKeys;
    for (const CostRow &row : result.rows) {
        const auto pos = std::lower_bound(set.periods.begin(), set.periods.end(), row.period);
        if (pos == set.periods.end() || *pos != row.period)
            continue;
        const QStringList keys = rowKeys(row, q.groupBy);
        CostSeries &s = byKeys[keys];
        if (s.cost.empty()) {
            s.keys = keys;
            s.cost.resize(n);
            s.calls.resize(n);
        }
        const size_t i = size_t(pos - set.periods.begin());
        s.cost[i] += row.cost;
        s.calls[i] += row.calls;
        s.totalCost += row.cost;
        s.totalCalls += row.calls;
    }
    std::vector<CostSeries> all;
    all.reserve(byKeys.size());
    for (auto &[k, s] : byKeys)
        all.push_back(std::move(s));
    std::stable_sort(all.begin(), all.end(),
                     [](const CostSeries &a, const CostSeries &b) { return a.totalCost > b.totalCost; });
    if (topN > 0 && all.size() > size_t(topN)) {
        CostSeries others;
        others.keys = QStringList{kSeriesOthers};
        others.others = true;
        others.cost.resize(n);
        others.calls.resize(n);
        for (size_t j = size_t(topN); j < all.size(); ++j) {
            for (size_t i = 0; i < n; ++i) {
                others.cost[i] += all[j].cost[i];
                others.calls[i] += all[j].calls[i];
            }
            others.totalCost += all[j].totalCost;
            others.totalCalls += all[j].totalCalls;
        }
        all.resize(size_t(topN));
        all.push_back(std::move(others));
    }
    set.series = std::move(all);
    return set;
}

CostSeriesSet cumulative(CostSeriesSet set)
{
    for (CostSeries &s : set.series)
        for (size_t i = 1; i < s.cost.size(); ++i) {
            s.cost[i] += s.cost[i - 1];
            s.calls[i] += s.calls[i - 1];
        }
    return set;
}

} // namespace billing
