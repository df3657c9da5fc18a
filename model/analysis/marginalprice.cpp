#include "analysis/marginalprice.h"
#include "analysis/tr.h"

#include "engine/context.h"
#include "engine/settlement.h"
#include "storage/usagerepository.h"

#include <algorithm>

namespace billing {

Result<MarginalPrice> marginalPrice(const Catalog &catalog, const QString &api, const QString &region,
                                    qint64 monthCalls, const std::vector<Package> &packages, Instant at)
{
    const ApiInfo *info = catalog.api(api);
    if (!info)
        return Error::badData(AnalysisTr::tr("unknown API \"%1\"").arg(api));
    if (!catalog.region(region))
        return Error::badData(AnalysisTr::tr("unknown region \"%1\"").arg(region));
    MarginalPrice out;
    out.api = api;
    out.region = region;
    out.monthCalls = std::max<qint64>(0, monthCalls);

    std::vector<const Package *> drawn;
    for (const Package &p : packages)
        if (p.api == api && p.region == region && p.remaining > 0 && p.inForceAt(at))
            drawn.push_back(&p);
    std::sort(drawn.begin(), drawn.end(),
              [](const Package *a, const Package *b) { return deductsBefore(*a, *b); });
    qint64 left = kMarginalCalls;
    for (const Package *p : drawn) {
        if (left == 0)
            break;
        const qint64 take = std::min(left, p->remaining);
        out.parts.push_back({take, p->id, p->sku, 0, Money()});
        left -= take;
    }
    if (left == 0)
        return out;

    // The rest is priced as a settlement prices it: the exact Σ over the tier slices, divided once.
    const std::vector<Tier> &tiers = catalog.tiers(catalog.priceListAt(at), info->category);
    Catalog::forEachSlice(tiers, out.monthCalls + 1, left, [&](const TierSlice &s) {
        out.parts.push_back({s.calls, 0, QString(), s.tier, s.pricePer1000});
    });
    out.per1000 = Money::fromUnits(qint64(Catalog::sumPer1000(tiers, out.monthCalls + 1, left) / 1000));
    return out;
}

Result<std::vector<MarginalPrice>> marginalPrices(Context &ctx,
                                                  const std::vector<std::pair<QString, QString>> &services)
{
    auto packages = ctx.subscriptions.packages();
    if (!packages)
        return packages.error();
    UsageRepository usage(ctx.db);
    const QString month = ctx.calendar.monthKey(ctx.now);
    std::vector<MarginalPrice> out;
    out.reserve(services.size());
    for (const auto &[api, region] : services) {
        auto counter = usage.tierCounter(month, api, region);
        if (!counter)
            return counter.error();
        auto price = marginalPrice(ctx.catalog, api, region, *counter, *packages, ctx.now);
        if (!price)
            return price.error();
        out.push_back(std::move(*price));
    }
    return out;
}

} // namespace billing
