#include "catalog/catalog.h"
#include "core/shown.h"

#include "time/billingcalendar.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace billing {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::Catalog)
};

Error bad(const QString &where, const QString &what)
{
    return Error::badData(Tr::tr("price catalog: %1: %2").arg(where, what));
}

// price = calls/1000 × the first tier's price × discount (at 8 decimals, at most 1), floored; in two
// steps so that no 128-bit intermediate overflows whatever a stored catalog says.
Int128 packagePriceUnits(Money firstTier, const Sku &s)
{
    const Int128 base = Int128(firstTier.units()) * (s.calls / 1000);
    const Int128 d = s.discount.units();
    return base / Money::Scale * d + base % Money::Scale * d / Money::Scale;
}

Result<QString> text(const QJsonObject &o, const char *key, const QString &where)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().trimmed().isEmpty())
        return bad(where, Tr::tr("\"%1\" must be a non-empty string").arg(QLatin1String(key)));
    return v.toString();
}

// An optional list of non-empty strings.
Result<QStringList> texts(const QJsonObject &o, const char *key, const QString &where)
{
    QStringList out;
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return out;
    if (!v.isArray())
        return bad(where, Tr::tr("\"%1\" must be a list of strings").arg(QLatin1String(key)));
    for (const QJsonValue &e : v.toArray()) {
        if (!e.isString() || e.toString().trimmed().isEmpty())
            return bad(where, Tr::tr("\"%1\" must be a list of non-empty strings").arg(QLatin1String(key)));
        out << e.toString();
    }
    return out;
}

Result<qint64> positive(const QJsonObject &o, const char *key, const QString &where)
{
    const QJsonValue v = o.value(QLatin1String(key));
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 1 || d > 1e15 || d != double(qint64(d)))
        return bad(where, Tr::tr("\"%1\" must be a whole number of at least 1").arg(QLatin1String(key)));
    return qint64(d);
}

Result<Money> amount(const QJsonObject &o, const char *key, const QString &where)
{
    auto s = text(o, key, where);
    if (!s)
        return s.error();
    auto m = Money::parse(*s);
    if (!m)
        return bad(where, m.error().message);
    if (m->units() <= 0)
        return bad(where, Tr::tr("\"%1\" must be greater than zero").arg(QLatin1String(key)));
    return *m;
}
} // namespace

Result<Catalog> Catalog::builtIn()
{
    QFile f(QStringLiteral(":/billing/catalog.json"));
    if (!f.open(QIODevice::ReadOnly))
        return Error::internal(Tr::tr("the built-in price catalog is missing"));
    return fromJson(f.readAll());
}

Result<Catalog> Catalog::fromJson(const QByteArray &json)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return bad(Tr::tr("offset %1").arg(pe.offset), pe.errorString());
    if (!doc.isObject())
        return bad(Tr::tr("top level"), Tr::tr("must be a JSON object"));
    const QJsonObject root = doc.object();
    Catalog c;
    c.m_source = json;
    if (root.value(QLatin1String("format")).toInt(0) != 1)
        return bad(Tr::tr("format"), Tr::tr("unsupported catalog format (expected 1)"));
    auto cur = text(root, "currency", Tr::tr("top level"));
    if (!cur)
        return cur.error();
    c.m_currency = *cur;

    const QJsonObject service = root.value(QLatin1String("provider_service")).toObject();
    for (const char *key : {"codes", "names"}) {
        auto list = texts(service, key, Tr::tr("provider_service"));
        if (!list)
            return list.error();
        c.m_providerServices += *list;
    }

    QSet<QString> categories;
    const QJsonArray apis = root.value(QLatin1String("apis")).toArray();
    if (apis.isEmpty())
        return bad(Tr::tr("apis"), Tr::tr("the list of APIs is missing or empty"));
    for (int i = 0; i < apis.size(); ++i) {
        const QString where = Tr::tr("apis[%1]").arg(i);
        if (!apis[i].isObject())
            return bad(where, Tr::tr("must be an object"));
        const QJsonObject o = apis[i].toObject();
        auto id = text(o, "id", where);
        auto category = text(o, "category", where);
        if (!id)
            return id.error();
        if (!category)
            return category.error();
        if (c.apiIndex(*id) >= 0)
            return bad(where, Tr::tr("API \"%1\" appears twice").arg(*id));
        auto names = texts(o, "provider_names", where);
        if (!names)
            return names.error();
        auto codes = texts(o, "provider_codes", where);
        if (!codes)
            return codes.error();
        c.m_apis.push_back({*id, *category, o.value(QLatin1String("name")).toString(*id), *names + *codes});
        categories.insert(*category);
    }
    const QJsonArray regions = root.value(QLatin1String("regions")).toArray();
    if (regions.isEmpty())
        return bad(Tr::tr("regions"), Tr::tr("the list of regions is missing or empty"));
    for (int i = 0; i < regions.size(); ++i) {
        const QString where = Tr::tr("regions[%1]").arg(i);
        const QJsonObject o = regions[i].toObject();
        auto id = text(o, "id", where);
        if (!id)
            return id.error();
        if (c.regionIndex(*id) >= 0)
            return bad(where, Tr::tr("region \"%1\" appears twice").arg(*id));
        auto names = texts(o, "provider_names", where);
        if (!names)
            return names.error();
        c.m_regions.push_back({*id, o.value(QLatin1String("name")).toString(*id), *names});
    }

    const QJsonArray lists = root.value(QLatin1String("price_lists")).toArray();
    if (lists.isEmpty())
        return bad(Tr::tr("price_lists"), Tr::tr("no price list"));
    for (int i = 0; i < lists.size(); ++i) {
        const QString where = Tr::tr("price_lists[%1]").arg(i);
        const QJsonObject o = lists[i].toObject();
        PriceList pl;
        auto eff = text(o, "effective", where);
        if (!eff)
            return eff.error();
        auto t = BillingCalendar::parseTimestamp(*eff);
        if (!t)
            return bad(where, t.error().message);
        pl.effective = *t;
        if (!c.m_priceLists.empty() && c.m_priceLists.back().effective >= pl.effective)
            return bad(where, Tr::tr("price lists must be in ascending order of effective time"));
        const QJsonObject tiers = o.value(QLatin1String("tiers")).toObject();
        for (const QString &cat : std::as_const(categories)) {
            const QString tw = Tr::tr("%1.tiers.%2").arg(where, cat);
            const QJsonArray arr = tiers.value(cat).toArray();
            if (arr.isEmpty())
                return bad(tw, Tr::tr("no tiers for category %1").arg(cat));
            std::vector<Tier> ts;
            for (int k = 0; k < arr.size(); ++k) {
                const QString kw = Tr::tr("%1[%2]").arg(tw).arg(k);
                const QJsonObject to = arr[k].toObject();
                auto from = positive(to, "from_call", kw);
                auto price = amount(to, "price_per_1000", kw);
                if (!from)
                    return from.error();
                if (!price)
                    return price.error();
                if (k == 0 && *from != 1)
                    return bad(kw, Tr::tr("the first tier must start at call 1"));
                if (k > 0 && *from <= ts.back().fromCall)
                    return bad(kw, Tr::tr("tiers must start at ascending calls"));
                ts.push_back({*from, *price});
            }
            pl.tiers.emplace_back(cat, std::move(ts));
        }
        for (auto it = tiers.begin(); it != tiers.end(); ++it)
            if (!categories.contains(it.key()))
                return bad(Tr::tr("%1.tiers").arg(where),
                           Tr::tr("category %1 is used by no API").arg(it.key()));
        const QJsonArray skus = o.value(QLatin1String("skus")).toArray();
        if (skus.isEmpty())
            return bad(Tr::tr("%1.skus").arg(where), Tr::tr("no package SKU"));
        for (int k = 0; k < skus.size(); ++k) {
            const QString kw = Tr::tr("%1.skus[%2]").arg(where).arg(k);
            const QJsonObject so = skus[k].toObject();
            auto id = text(so, "id", kw);
            auto calls = positive(so, "calls", kw);
            auto discount = amount(so, "discount", kw);
            if (!id)
                return id.error();
            if (!calls)
                return calls.error();
            if (!discount)
                return discount.error();
            if (discount->units() > Money::Scale)
                return bad(kw, Tr::tr("a discount must be at most 1"));
            if (*calls % 1000 != 0)
                return bad(kw, Tr::tr("a package size must be a multiple of 1000 calls"));
            for (const Sku &s : pl.skus)
                if (s.id == *id)
                    return bad(kw, Tr::tr("SKU \"%1\" appears twice").arg(*id));
            pl.skus.push_back({*id, *calls, *discount});
            // billing-rules §3 Range: no package of the list may cost more than an amount can hold.
            for (const auto &[category, ts] : pl.tiers)
                if (const Int128 price = packagePriceUnits(ts.front().pricePer1000, pl.skus.back());
                    !Money::inRange(price))
                    return bad(kw, Tr::tr("a package of %1 calls of category %2 would cost %3, outside the "
                                          "range of ±10,000,000,000.00")
                                       .arg(*calls)
                                       .arg(category, Money::unitsToString(price)));
        }
        c.m_priceLists.push_back(std::move(pl));
    }
    return c;
}

int Catalog::apiIndex(QStringView id) const
{
    for (size_t i = 0; i < m_apis.size(); ++i)
        if (m_apis[i].id == id)
            return int(i);
    return -1;
}

int Catalog::regionIndex(QStringView id) const
{
    for (size_t i = 0; i < m_regions.size(); ++i)
        if (m_regions[i].id == id)
            return int(i);
    return -1;
}

const ApiInfo *Catalog::api(QStringView id) const
{
    const int i = apiIndex(id);
    return i < 0 ? nullptr : &m_apis[size_t(i)];
}

const RegionInfo *Catalog::region(QStringView id) const
{
    const int i = regionIndex(id);
    return i < 0 ? nullptr : &m_regions[size_t(i)];
}

const PriceList &Catalog::priceListAt(Instant t) const
{
    const PriceList *found = &m_priceLists.front();
    for (const PriceList &pl : m_priceLists)
        if (pl.effective <= t)
            found = &pl;
    return *found;
}

const std::vector<Tier> &Catalog::tiers(const PriceList &list, const QString &category) const
{
    for (const auto &[cat, ts] : list.tiers)
        if (cat == category)
            return ts;
    return list.tiers.front().second; // unreachable: validated on load
}

const Sku *Catalog::sku(const PriceList &list, QStringView id) const
{
    for (const Sku &s : list.skus)
        if (s.id == id)
            return &s;
    return nullptr;
}

QStringList Catalog::skuIds() const
{
    QStringList ids;
    for (const Sku &s : m_priceLists.back().skus)
        ids << s.id;
    return ids;
}

Result<Money> Catalog::packagePrice(const QString &apiId, const QString &skuId, Instant at) const
{
    const ApiInfo *a = api(apiId);
    if (!a)
        return Error::badUsage(Tr::tr("unknown API \"%1\"").arg(shownValue(apiId)));
    const PriceList &pl = priceListAt(at);
    const Sku *s = sku(pl, skuId);
    if (!s)
        return Error::badUsage(Tr::tr("unknown package size \"%1\" (choose one of %2)")
                                   .arg(shownValue(skuId), skuIds().join(u", ")));
    return Money::inRange(packagePriceUnits(tiers(pl, a->category).front().pricePer1000, *s));
}

std::vector<TierSlice> Catalog::slices(const std::vector<Tier> &tiers, qint64 first, qint64 n)
{
    std::vector<TierSlice> out;
    forEachSlice(tiers, first, n, [&out](const TierSlice &s) { out.push_back(s); });
    return out;
}

Int128 Catalog::sumPer1000(const std::vector<Tier> &tiers, qint64 first, qint64 n)
{
    Int128 sum = 0;
    forEachSlice(tiers, first, n,
                 [&sum](const TierSlice &s) { sum += Int128(s.calls) * s.pricePer1000.units(); });
    return sum;
}

} // namespace billing
