#include "engine/ratehour.h"

#include "catalog/catalog.h"
#include "time/billingcalendar.h"

#include <algorithm>
#include <bit>

namespace billing {

namespace {
enum class Outcome : quint8 { Billable, Failed, Rejected };

QString outcomeId(Outcome o)
{
    switch (o) {
    case Outcome::Billable:
        return QStringLiteral("billable");
    case Outcome::Failed:
        return QStringLiteral("failed");
    case Outcome::Rejected:
        break;
    }
    return QStringLiteral("rejected");
}

struct UsageKey
{
    Instant hour;
    quint32 api;
    quint32 region;
    quint32 project;
    quint16 status;
    Outcome outcome;
    bool late;
    bool operator==(const UsageKey &o) const = default;
    bool operator<(const UsageKey &o) const
    {
        return std::tie(hour, api, region, project, status, outcome, late) <
               std::tie(o.hour, o.api, o.region, o.project, o.status, o.outcome, o.late);
    }
};

// Every call looks its line and usage count up: hashed, as the keys of an hour are few but the calls many.
struct KeyHash
{
    static size_t mix(quint64 h, quint64 v) { return size_t((h ^ v) * 0x9E3779B97F4A7C15ULL); }
    size_t operator()(const LineKey &k) const
    {
        const quint64 names = quint64(k.api) | quint64(k.region) << 32;
        return mix(mix(mix(quint64(k.hour), names), quint64(k.project) << 1 | quint64(k.late)),
                   quint64(k.packageId));
    }
    size_t operator()(quint64 pair) const { return mix(pair, 0); }
    size_t operator()(const UsageKey &k) const
    {
        const quint64 names = quint64(k.api) | quint64(k.region) << 32;
        const quint64 rest =
            quint64(k.project) << 32 | quint64(k.status) << 3 | quint64(k.outcome) << 1 | quint64(k.late);
        return mix(mix(quint64(k.hour), names), rest);
    }
};

// The lines and usage counts of an hour, looked up once per call: open addressing over a power-of-two
// table of indices into the items (kept in insertion order), so a lookup is a multiplication, a shift
// and mostly one comparison, and an hour allocates a few vectors instead of a node per key.
template <class Key, class Value> class FlatMap
{
public:
    Value &operator[](const Key &k)
    {
        if ((m_items.size() + 1) * 2 > m_slots.size())
            grow();
        for (size_t i = slotOf(k);; i = (i + 1) & (m_slots.size() - 1)) {
            const quint32 s = m_slots[i];
            if (s == 0) {
                m_items.emplace_back(k, Value{});
                m_slots[i] = quint32(m_items.size());
                return m_items.back().second;
            }
            if (m_items[s - 1].first == k)
                return m_items[s - 1].second;
        }
    }
    std::vector<std::pair<Key, Value>> take() { return std::move(m_items); }

private:
    size_t slotOf(const Key &k) const { return size_t(KeyHash{}(k) >> m_shift); } // the product's top bits
    void grow()
    {
        const size_t size = std::max<size_t>(64, m_slots.size() * 2);
        m_shift = 64 - std::countr_zero(size);
        m_slots.assign(size, 0);
        for (size_t n = 0; n < m_items.size(); ++n) {
            size_t i = slotOf(m_items[n].first);
            while (m_slots[i] != 0)
                i = (i + 1) & (size - 1);
            m_slots[i] = quint32(n + 1);
        }
    }
    std::vector<quint32> m_slots; // 0: empty, else the item's index + 1
    std::vector<std::pair<Key, Value>> m_items;
    int m_shift = 64;
};

// What rating needs to know about one (API, region) of the hour, looked up once instead of once per call.
struct Combo
{
    QString api;
    QString region;
    const ApiInfo *info = nullptr;
    const Timeline *service = nullptr;
    std::vector<Package *> packages; // this API and region, in deduction order
    // The tier counter of the month the last call fell in, and that month's price tiers.
    Instant monthStart = 0;
    Instant monthEnd = 0;
    qint64 *counter = nullptr;
    const PriceList *priceList = nullptr;
    const std::vector<Tier> *tiers = nullptr;
};
} // namespace

Result<RatedHour> rateHour(const PendingCalls &pending, Instant hour, RatingState &state,
                           const Catalog &catalog, const BillingCalendar &calendar,
                           const StoredCounter &storedCounter)
{
    const std::vector<QString> &names = pending.names;
    FlatMap<LineKey, Line> lines;
    FlatMap<UsageKey, qint64> counts;
    RatedHour rated;

    // The (API, region) pairs of an hour are few while its names may be many (one per project): a map
    // keyed by the pair keeps memory linear in the pairs, and consecutive calls mostly share one.
    std::vector<Combo> combos;
    FlatMap<quint64, size_t> comboOf; // (API, region) → index in combos + 1
    quint64 lastPair = ~quint64(0);
    size_t last = 0;
    auto comboFor = [&](const PendingCall &c) -> Combo & {
        const quint64 pair = quint64(c.api) << 32 | c.region;
        if (pair == lastPair)
            return combos[last];
        size_t &index = comboOf[pair];
        if (index == 0) {
            index = combos.size() + 1;
            Combo k;
            k.api = names[c.api];
            k.region = names[c.region];
            k.info = catalog.api(k.api);
            k.service = state.serviceTimeline(k.api, k.region);
            for (Package &p : state.packages)
                if (p.api == k.api && p.region == k.region)
                    k.packages.push_back(&p);
            combos.push_back(std::move(k));
        }
        lastPair = pair;
        last = index - 1;
        return combos[last];
    };

    Instant keyMonth = -1; // the month whose key keyText is
    QString keyText;
    for (const PendingCall &c : pending.calls) {
        const Instant callHour = c.late ? calendar.hourStart(c.ts) : hour;
        Combo &combo = comboFor(c);
        Outcome outcome = Outcome::Billable;
        if (c.status < 200 || c.status > 299)
            outcome = Outcome::Failed;
        else if (!combo.service || !valueAt(*combo.service, c.ts) || state.frozenAt(c.ts))
            outcome = Outcome::Rejected;
        counts[{callHour, c.api, c.region, c.project, c.status, outcome, c.late}] += c.count;
        if (outcome != Outcome::Billable)
            continue;

        qint64 left = c.count;
        for (Package *p : combo.packages) {
            if (left == 0)
                break;
            if (p->remaining == 0 || !p->inForceAt(c.ts))
                continue;
            if (!rated.quotaBefore.contains(p->id))
                rated.quotaBefore.insert(p->id, p->remaining);
            const qint64 take = std::min(left, p->remaining);
            p->remaining -= take;
            left -= take;
            lines[{callHour, c.api, c.region, c.project, p->id, c.late}].calls += take;
        }
        if (left == 0)
            continue;

        if (!combo.counter || c.ts < combo.monthStart || c.ts >= combo.monthEnd) {
            combo.monthStart = calendar.monthStart(c.ts);
            combo.monthEnd = calendar.addMonths(combo.monthStart, 1);
            if (combo.monthStart != keyMonth) { // the hour's combos mostly share one month
                keyMonth = combo.monthStart;
                keyText = calendar.monthKey(c.ts);
            }
            const auto key = std::make_tuple(keyText, combo.api, combo.region);
            auto counter = state.counters.find(key);
            if (counter == state.counters.end()) {
                auto stored = storedCounter(std::get<0>(key), combo.api, combo.region);
                if (!stored)
                    return stored.error();
                counter = state.counters.emplace(key, RatingState::Counter{*stored, false}).first;
            }
            counter->second.changed = true;
            combo.counter = &counter->second.calls;
        }
        const PriceList &priceList = catalog.priceListAt(c.ts);
        if (combo.priceList != &priceList) {
            combo.priceList = &priceList;
            combo.tiers = &catalog.tiers(priceList, combo.info->category);
        }
        Line &line = lines[{callHour, c.api, c.region, c.project, 0, c.late}];
        qint64 &counter = *combo.counter;
        line.calls += left;
        // Graduated tiers: each slice of positions at its own tier's price.
        Catalog::forEachSlice(*combo.tiers, counter + 1, left, [&line](const TierSlice &s) {
            line.sumPer1000 += Int128(s.calls) * s.pricePer1000.units();
            const qint64 last = s.first + s.calls - 1;
            if (!line.tiers.empty() && line.tiers.back().tier == s.tier) {
                line.tiers.back().calls += s.calls;
                line.tiers.back().lastPosition = last;
            } else {
                line.tiers.push_back({s.tier, s.first, s.calls, s.pricePer1000, last});
            }
        });
        counter += left;
    }

    rated.lines = lines.take();
    // Records are written in the order of the names (api, region, project, hour, then package and
    // lateness), as they always were: compared by each name's rank among the hour's names.
    std::vector<quint32> order(names.size()), rank(names.size());
    for (quint32 i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](quint32 a, quint32 b) { return names[a] < names[b]; });
    for (size_t i = 0; i < order.size(); ++i)
        rank[order[i]] = i > 0 && names[order[i]] == names[order[i - 1]] ? rank[order[i - 1]] : quint32(i);
    std::sort(rated.lines.begin(), rated.lines.end(), [&](const auto &a, const auto &b) {
        const LineKey &x = a.first, &y = b.first;
        return std::tie(rank[x.api], rank[x.region], rank[x.project], x.hour, x.packageId, x.late) <
               std::tie(rank[y.api], rank[y.region], rank[y.project], y.hour, y.packageId, y.late);
    });

    std::vector<std::pair<UsageKey, qint64>> usageRows = counts.take();
    std::sort(usageRows.begin(), usageRows.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    rated.usage.reserve(usageRows.size());
    for (const auto &[k, calls] : usageRows)
        rated.usage.push_back({k.hour, names[k.api], names[k.region], names[k.project], k.status,
                               outcomeId(k.outcome), k.late, calls});
    return rated;
}

} // namespace billing
