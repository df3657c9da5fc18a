#include "analysis/pricecalculator.h"
#include "analysis/tr.h"

#include "domain/types.h"

#include <QCoreApplication>

#include <algorithm>

namespace billing {

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

Result<std::vector<Quote>> priceCalculator(const Catalog &catalog, const QString &apiId, qint64 monthlyCalls,
                                           Instant at)
{
    const ApiInfo *api = catalog.api(apiId);
    if (!api)
        return Error::badUsage(AnalysisTr::tr("unknown API \"%1\"").arg(apiId));
    if (monthlyCalls < 0)
        return Error::badUsage(AnalysisTr::tr("the number of calls cannot be negative"));
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

} // namespace billing
