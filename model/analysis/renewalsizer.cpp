#include "analysis/renewalsizer.h"
#include "analysis/tr.h"

#include "analysis/costrepository.h"
#include "domain/types.h"
#include "engine/context.h"
#include "engine/packages.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace billing {

namespace {

using VolumeKey = std::pair<QString, QString>; // (API, region)

Result<std::map<VolumeKey, qint64>> volumes(Context &ctx, Instant end, int days)
{
    auto v = CostRepository(ctx.db).usageVolumes(end - days * kMicrosPerDay, end);
    if (!v)
        return v.error();
    std::map<VolumeKey, qint64> out;
    for (const CostRepository::Volume &x : *v)
        out[{x.api, x.region}] = x.calls;
    return out;
}

Result<Money> yearOf(Money monthly)
{
    return Money::times(monthly, 12);
}

// The figures of one last term, given the billable calls of its API and region in both windows.
Result<RightSizing> sizeTerm(Context &ctx, const Package &p, qint64 rateCalls, qint64 usageCalls)
{
    RightSizing r;
    r.packageId = p.id;
    r.api = p.api;
    r.region = p.region;
    r.sku = p.sku;
    if (p.autoRenew)
        r.renewSku = p.autoRenewSku();
    r.termEnd = p.lastSecond();
    r.quota = p.quota;
    r.used = std::clamp<qint64>(p.quota - p.remaining, 0, p.quota);
    // Projection: the daily rate of the last 30 days (ending at the last settled hour, the hour the
    // package's `remaining` is as of) over what is left of the term from then, or from its start.
    const Instant settled = ctx.calendar.hourStart(ctx.now);
    const Instant left = std::max<Instant>(0, p.endAt - std::max(p.effectiveAt, settled));
    constexpr Instant kRateWindow = kRightSizeRateDays * kMicrosPerDay;
    const Int128 expected = Int128(rateCalls) * left / kRateWindow;
    const qint64 remaining = p.quota - r.used;
    r.projectedUse = r.used + qint64(std::min<Int128>(expected, remaining));
    r.lapsingCalls = p.quota - r.projectedUse;
    if (p.quota > 0) {
        auto worth = Money::scaled(p.price, r.lapsingCalls, p.quota);
        if (!worth)
            return worth.error();
        r.lapsingWorth = *worth;
    }
    // The next term: the last 90 days as three 30-day months, priced month by month by the calculator.
    r.rateCalls = rateCalls;
    r.usageCalls = usageCalls;
    r.monthlyCalls = usageCalls / (kRightSizeUsageDays / 30);
    r.nextTermCalls = 12 * r.monthlyCalls;
    auto quotes = priceCalculator(ctx.catalog, p.api, r.monthlyCalls, ctx.now);
    if (!quotes)
        return quotes.error();
    r.options = std::move(*quotes);
    const Quote *current = nullptr;
    const Quote *best = nullptr;
    for (const Quote &q : r.options) {
        if (q.option == p.sku)
            current = &q;
        if (!best || q.monthlyCost < best->monthlyCost)
            best = &q;
    }
    if (!current || !best)
        return Error::refused(
            AnalysisTr::tr("package %1: the size %2 is no longer in the price list").arg(p.id).arg(p.sku));
    if (current->monthlyCost == best->monthlyCost)
        best = current; // no change advised when nothing is cheaper
    r.best = best->option;
    auto bestYear = yearOf(best->monthlyCost);
    if (!bestYear)
        return bestYear.error();
    auto currentYear = yearOf(current->monthlyCost);
    if (!currentYear)
        return currentYear.error();
    r.bestCost = *bestYear;
    r.currentCost = *currentYear;
    r.yearlyDifference = r.currentCost - r.bestCost;
    return r;
}
} // namespace

Status validateRightSizeWithin(qint64 days)
{
    if (days < 1 || days > kRightSizeMaxWithin)
        return Error::badUsage(AnalysisTr::tr("the number of days must be from 1 to %1, not %2")
                                   .arg(kRightSizeMaxWithin)
                                   .arg(days));
    return {};
}

Result<std::vector<RightSizing>> rightSize(Context &ctx, int withinDays, std::optional<qint64> packageId)
{
    if (Status s = validateRightSizeWithin(withinDays); !s)
        return s.error();
    auto all = ctx.subscriptions.packages();
    if (!all)
        return all.error();
    std::vector<const Package *> terms;
    if (packageId) {
        auto it =
            std::find_if(all->begin(), all->end(), [&](const Package &p) { return p.id == *packageId; });
        if (it == all->end())
            return Error::refused(AnalysisTr::tr("there is no package %1").arg(*packageId));
        if (it->cancelledAt)
            return Error::refused(
                AnalysisTr::tr("package %1 was cancelled: there is no term to renew").arg(*packageId));
        const Package *last = packages::lastTerm(*all, *it);
        if (ctx.now >= last->endAt)
            return Error::refused(
                AnalysisTr::tr("package %1 has expired; buy a new package instead").arg(*packageId));
        terms.push_back(last);
    } else {
        for (const Package &p : *all)
            if (packages::isLastTerm(*all, p) && ctx.now < p.endAt &&
                p.endAt - ctx.now <= Instant(withinDays) * kMicrosPerDay)
                terms.push_back(&p);
    }
    const Instant settled = ctx.calendar.hourStart(ctx.now);
    auto rate = volumes(ctx, settled, kRightSizeRateDays);
    if (!rate)
        return rate.error();
    auto usage = volumes(ctx, settled, kRightSizeUsageDays);
    if (!usage)
        return usage.error();
    std::vector<RightSizing> out;
    for (const Package *p : terms) {
        const VolumeKey key{p->api, p->region};
        auto r =
            sizeTerm(ctx, *p, rate->count(key) ? rate->at(key) : 0, usage->count(key) ? usage->at(key) : 0);
        if (!r)
            return r.error();
        r->endsWithin = p->endAt - ctx.now <= Instant(withinDays) * kMicrosPerDay;
        out.push_back(std::move(*r));
    }
    std::sort(out.begin(), out.end(), [](const RightSizing &a, const RightSizing &b) {
        return std::tie(a.termEnd, a.packageId) < std::tie(b.termEnd, b.packageId);
    });
    return out;
}

} // namespace billing
