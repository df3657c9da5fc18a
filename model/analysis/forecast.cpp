#include "analysis/forecast.h"
#include "analysis/tr.h"

#include "analysis/costanalysis.h"
#include "engine/context.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdlib>

namespace billing {

namespace {

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

} // namespace

Forecast forecastFromDaily(const std::vector<Money> &dailyCosts, Money partialDay, int daysInMonth)
{
    Forecast f;
    f.daysInMonth = daysInMonth;
    f.completeDays = int(dailyCosts.size());
    f.daily = dailyCosts;
    f.partialDay = partialDay;
    Int128 actual = partialDay.units();
    for (Money m : dailyCosts)
        actual += m.units();
    auto inRange = [&f](Int128 units) {
        if (!Money::inRange(units))
            f.outOfRange = units;
        return !f.outOfRange;
    };
    if (!inRange(actual))
        return f;
    f.actual = Money::fromUnits(qint64(actual));
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
    const Int128 projected = complete.units() + floorDiv128(projectedD, D) * scale * Money::CentUnits;
    if (!inRange(projected))
        return f;
    f.projected = Money::fromUnits(qint64(projected));
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
    const Int128 half = halfCents * scale * Money::CentUnits;
    if (!inRange(f.projected.units() + half))
        return f;
    f.intervalKnown = true;
    f.low = Money::max(f.actual, Money::fromUnits(qint64(f.projected.units() - half)));
    f.high = Money::fromUnits(qint64(f.projected.units() + half));
    return f;
}

Instant forecastAsOf(Context &ctx, Instant monthStart, Instant asOf)
{
    return std::clamp(asOf, monthStart, ctx.calendar.addMonths(monthStart, 1));
}

Result<Forecast> forecastOfCosts(Context &ctx, Instant monthStart, Instant asOf,
                                 const std::vector<DatedCost> &costs)
{
    const Instant end = ctx.calendar.addMonths(monthStart, 1);
    asOf = forecastAsOf(ctx, monthStart, asOf);
    const int days = int((end - monthStart) / kMicrosPerDay);
    const qint64 complete = (asOf - monthStart) / kMicrosPerDay;
    std::vector<Money> daily(static_cast<size_t>(complete));
    Money partial;
    for (const DatedCost &c : costs) {
        if (c.at < monthStart || c.at >= asOf)
            continue;
        const qint64 i = (c.at - monthStart) / kMicrosPerDay;
        if (i < complete)
            daily[size_t(i)] += c.cost;
        else
            partial += c.cost;
    }
    Forecast f = forecastFromDaily(daily, partial, days);
    if (f.outOfRange)
        return Error::refused(
            AnalysisTr::tr("the forecast of %1 would reach %2, outside the range of ±10,000,000,000.00")
                .arg(ctx.calendar.monthKey(monthStart), Money::unitsToString(*f.outOfRange)));
    f.month = ctx.calendar.monthKey(monthStart);
    f.asOf = asOf;
    return f;
}

Result<Forecast> forecastMonthAt(Context &ctx, Instant monthStart, Instant asOf)
{
    asOf = forecastAsOf(ctx, monthStart, asOf);
    std::vector<DatedCost> costs;
    if (asOf > monthStart) {
        CostQuery q;
        q.from = monthStart;
        q.to = asOf;
        q.granularity = CostQuery::Day;
        auto r = analyzeCost(ctx, q);
        if (!r)
            return r.error();
        for (const CostRow &row : r->rows)
            costs.push_back({row.period, row.cost});
    }
    return forecastOfCosts(ctx, monthStart, asOf, costs);
}

Result<Forecast> forecastMonth(Context &ctx, const QString &month)
{
    const QString key = month.isEmpty() ? ctx.calendar.monthKey(ctx.now) : month;
    auto start = ctx.calendar.parseMonth(key);
    if (!start)
        return start.error();
    if (ctx.now < *start)
        return Error::refused(AnalysisTr::tr("the month %1 has not started yet").arg(key));
    return forecastMonthAt(ctx, *start, ctx.calendar.hourStart(ctx.now));
}

} // namespace billing
