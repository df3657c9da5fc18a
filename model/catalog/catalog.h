#pragma once

#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>
#include <QStringList>

#include <algorithm>
#include <limits>
#include <vector>

class QByteArray;

namespace billing {

struct ApiInfo
{
    QString id;
    QString category; // GENERAL, CARD, RECEIPT
    QString name;
    // How the provider's bill files name the API (provider-bills.md §1): product names and resource type
    // codes, kept in the catalog as data ("provider_names", "provider_codes").
    QStringList providerNames;
};

struct RegionInfo
{
    QString id;
    QString name;
    QStringList providerNames; // e.g. the Chinese console's "华北-北京四"
};

struct Tier
{
    qint64 fromCall = 1; // first position (1-based) on the month's counter priced at this tier
    Money pricePer1000;
};

struct Sku
{
    QString id;
    qint64 calls = 0;
    Money discount; // e.g. 0.85 as an exact fraction at 8 decimals
};

struct PriceList
{
    Instant effective = 0;
    std::vector<std::pair<QString, std::vector<Tier>>> tiers; // per category, ascending fromCall
    std::vector<Sku> skus;
};

// The calls of a run of counter positions that fall in one tier: a pay-per-use price is the exact sum of
// per-1000 prices over the slices, divided by 1000 once per line (billing-rules §3).
struct TierSlice
{
    int tier = 0;
    qint64 calls = 0;
    Money pricePer1000;
    qint64 first = 0; // the slice's first counter position (1-based)
};

// The price catalog (billing-rules §2): data loaded from a JSON file and validated on load.
class Catalog
{
public:
    static Result<Catalog> fromJson(const QByteArray &json);
    static Result<Catalog> builtIn(); // the copy shipped in the resources

    const QString &currency() const { return m_currency; }
    const std::vector<ApiInfo> &apis() const { return m_apis; }
    const std::vector<RegionInfo> &regions() const { return m_regions; }
    const QByteArray &source() const { return m_source; }
    // The provider's service type codes and names of OCR ("provider_service"): rows of a bill file with
    // another service are not OCR.
    const QStringList &providerServices() const { return m_providerServices; }

    int apiIndex(QStringView id) const;    // -1 when unknown
    int regionIndex(QStringView id) const; // -1 when unknown
    const ApiInfo *api(QStringView id) const;
    const RegionInfo *region(QStringView id) const;

    // The price list in force at t (the latest whose effective time is ≤ t; the first one before).
    const PriceList &priceListAt(Instant t) const;
    const std::vector<Tier> &tiers(const PriceList &list, const QString &category) const;
    const Sku *sku(const PriceList &list, QStringView id) const;
    QStringList skuIds() const;

    // Price of a package: calls / 1000 × the category's first-tier price × discount, exact.
    Result<Money> packagePrice(const QString &api, const QString &skuId, Instant at) const;

    // Splits the counter positions first..first+n−1 into tier slices.
    static std::vector<TierSlice> slices(const std::vector<Tier> &tiers, qint64 first, qint64 n);
    // The same, handing each slice to fn(const TierSlice &) in position order: the settlement's form,
    // which allocates nothing.
    template <typename Fn>
    static void forEachSlice(const std::vector<Tier> &tiers, qint64 first, qint64 n, Fn &&fn);
    // Exact Σ price_per_1000 over those positions (still to be divided by 1000).
    static Int128 sumPer1000(const std::vector<Tier> &tiers, qint64 first, qint64 n);

private:
    QByteArray m_source;
    QString m_currency;
    std::vector<ApiInfo> m_apis;
    std::vector<RegionInfo> m_regions;
    QStringList m_providerServices;
    std::vector<PriceList> m_priceLists;
};

template <typename Fn>
void Catalog::forEachSlice(const std::vector<Tier> &tiers, qint64 first, qint64 n, Fn &&fn)
{
    qint64 pos = first;
    qint64 left = n;
    for (size_t i = 0; i < tiers.size() && left > 0; ++i) {
        const qint64 tierEnd =
            i + 1 < tiers.size() ? tiers[i + 1].fromCall : std::numeric_limits<qint64>::max();
        if (pos >= tierEnd)
            continue;
        const qint64 take = std::min(left, tierEnd - pos);
        fn(TierSlice{int(i), take, tiers[i].pricePer1000, pos});
        pos += take;
        left -= take;
    }
}

} // namespace billing
