#pragma once

#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>
#include <QStringList>

#include <vector>

class QByteArray;

namespace billing {

struct ApiInfo
{
    QString id;
    QString category; // GENERAL, CARD, RECEIPT
    QString name;
};

struct RegionInfo
{
    QString id;
    QString name;
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

// What each SKU slice of a pay-per-use price costs: the exact sum of per-1000 prices of n calls
// from position `first` (1-based) on; divided by 1000 once per line (billing-rules §3).
struct TierSlice
{
    int tier = 0;
    qint64 calls = 0;
    Money pricePer1000;
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
    // Exact Σ price_per_1000 over those positions (still to be divided by 1000).
    static Int128 sumPer1000(const std::vector<Tier> &tiers, qint64 first, qint64 n);

private:
    QByteArray m_source;
    QString m_currency;
    std::vector<ApiInfo> m_apis;
    std::vector<RegionInfo> m_regions;
    std::vector<PriceList> m_priceLists;
};

} // namespace billing
