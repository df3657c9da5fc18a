#include "analysis/recommendations.h"
#include "analysis/tr.h"

#include "analysis/costrepository.h"
#include "domain/types.h"
#include "engine/context.h"
#include "engine/settlement.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <tuple>

namespace billing {

namespace {

constexpr Instant kThirtyDays = 30 * kMicrosPerDay;
} // namespace

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
            r.reason = AnalysisTr::tr(
                           "%1 calls in the last 30 days: %2 is already the cheapest option at %3 a month.")
                           .arg(volume, r.current, r.monthlyCostNow.toString());
        } else {
            // The package of the advice (the one advised, or the one to leave): where it is cheaper.
            const Quote *package = best->option != kModePayPerUse ? best : now;
            r.reason =
                package->option != kModePayPerUse
                    ? AnalysisTr::tr(
                          "%1 calls in the last 30 days cost %2 a month with %3; %4 would cost %5 a month, "
                          "saving %6 a month; package %7 is %8.")
                          .arg(volume, r.monthlyCostNow.toString(), r.current, r.best,
                               r.monthlyCostBest.toString(), r.saving.toString(), package->option,
                               cheaperRangeText(package->cheaper, QLocale::c()))
                    : AnalysisTr::tr(
                          "%1 calls in the last 30 days cost %2 a month with %3; %4 would cost %5 a "
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
                    u' ' +
                    AnalysisTr::tr("At this rate package %1 will lapse on %2 with %3 of its %4 calls unused.")
                        .arg(inForce->id)
                        .arg(ctx.calendar.format(inForce->lastSecond()),
                             QLocale::c().toString(r.lapsingCalls), QLocale::c().toString(inForce->quota));
            } else {
                const Instant runsOut = end + Instant(Int128(inForce->remaining) * kThirtyDays / v.calls);
                r.runsOutAt = runsOut;
                auto after =
                    Money::scaled(payPerUseMonthly(tiers, v.calls), inForce->endAt - runsOut, kThirtyDays);
                r.costAfterRunOut = after ? after->truncatedToCents() : Money();
                r.reason +=
                    u' ' +
                    AnalysisTr::tr("At this rate package %1 runs out on %2; the rest of its term, until %3, "
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
