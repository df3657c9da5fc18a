#include "analysis/pricecalculator.h"
#include "analysis/tr.h"
#include "core/shown.h"

#include "domain/types.h"

#include <QCoreApplication>
#include <QLocale>

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

CheaperRange cheaperRange(Money price, qint64 quota, const std::vector<Tier> &tiers, qint64 calls)
{
    auto cheaper = [&](qint64 v) {
        return packageMonthly(price, quota, tiers, v) < payPerUseMonthly(tiers, v);
    };
    CheaperRange r;
    r.atVolume = cheaper(calls);
    // Up to the monthly quota the package costs its share alone and pay-per-use only grows: one step.
    const qint64 share = quota / 12;
    qint64 lo = 0, hi = share;
    if (!cheaper(hi))
        return r;
    while (lo < hi) {
        const qint64 mid = lo + (hi - lo) / 2;
        if (cheaper(mid))
            hi = mid;
        else
            lo = mid + 1;
    }
    r.from = lo;
    // Above it the package saves the pay-per-use price of the last `share` calls, which falls as they
    // move into cheaper tiers and is constant once all of them lie in the last tier (from `flat` on).
    // `sure`: that saving alone, before cents are truncated, is above the share by a whole cent.
    const Int128 perMonthCents = packageMonthly(price, quota, tiers, 0).units() / Money::CentUnits;
    const Int128 cent = Int128(1000) * Money::CentUnits; // Σ per 1000 units in one cent
    auto sure = [&](qint64 v) {
        return Catalog::sumPer1000(tiers, v - share + 1, share) >= (perMonthCents + 1) * cent;
    };
    const qint64 lastTier = tiers.back().fromCall;
    const qint64 flat = lastTier > std::numeric_limits<qint64>::max() - share ? lastTier : lastTier + share;
    qint64 end = share; // the last volume known to be cheaper
    if (share > 0 && sure(share)) {
        if (sure(flat))
            return r;               // no upper end
        qint64 a = share, b = flat; // sure(a), !sure(b)
        while (b - a > 1) {
            const qint64 mid = a + (b - a) / 2;
            (sure(mid) ? a : b) = mid;
        }
        end = a;
    }
    // Then cents decide, volume by volume, until the first that is not cheaper (a band of a few calls).
    constexpr qint64 kBand = 1'000'000;
    for (qint64 v = end + 1; v <= end + kBand && cheaper(v); ++v)
        end = v;
    r.upTo = end;
    return r;
}

QString cheaperRangeText(const CheaperRange &r, const QLocale &locale)
{
    if (!r.from)
        return AnalysisTr::tr("never cheaper than pay-per-use");
    const QString from = locale.toString(*r.from);
    if (!r.upTo)
        return r.atVolume ? AnalysisTr::tr("cheaper than pay-per-use at this volume (from %1 calls a month)")
                                .arg(from)
                          : AnalysisTr::tr(
                                "not cheaper than pay-per-use at this volume (only from %1 calls a month)")
                                .arg(from);
    const QString upTo = locale.toString(*r.upTo);
    return r.atVolume
               ? AnalysisTr::tr("cheaper than pay-per-use at this volume (from %1 to %2 calls a month)")
                     .arg(from, upTo)
               : AnalysisTr::tr(
                     "not cheaper than pay-per-use at this volume (only from %1 to %2 calls a month)")
                     .arg(from, upTo);
}

Result<std::vector<Quote>> priceCalculator(const Catalog &catalog, const QString &apiId, qint64 monthlyCalls,
                                           Instant at)
{
    const ApiInfo *api = catalog.api(apiId);
    if (!api)
        return Error::badUsage(AnalysisTr::tr("unknown API \"%1\"").arg(shownValue(apiId)));
    if (monthlyCalls < 0)
        return Error::badUsage(AnalysisTr::tr("the number of calls cannot be negative"));
    const PriceList &list = catalog.priceListAt(at);
    const std::vector<Tier> &tiers = catalog.tiers(list, api->category);
    // Pay-per-use is the dearest figure of all (a package's overflow is fewer calls at the same tiers,
    // plus a share of a price the catalog keeps in range): when it is in range, every figure is.
    if (auto most = Money::inRange(Catalog::sumPer1000(tiers, 1, monthlyCalls) / 1000); !most)
        return Error::refused(
            AnalysisTr::tr("%1 calls a month would cost %2 pay-per-use, outside the range of "
                           "±10,000,000,000.00")
                .arg(monthlyCalls)
                .arg(Money::unitsToString(Catalog::sumPer1000(tiers, 1, monthlyCalls) / 1000)));
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
        q.cheaper = cheaperRange(*price, sku.calls, tiers, monthlyCalls);
        out.push_back(std::move(q));
    }
    return out;
}

} // namespace billing
