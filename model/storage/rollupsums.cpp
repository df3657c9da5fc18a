#include "storage/rollupsums.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace billing::rollup {

namespace {
size_t hashOf(const SumKey &k)
{
    quint64 h = quint64(k.bucket) * 0x9E3779B97F4A7C15ull;
    h ^= (quint64(quint32(k.api)) << 42) ^ (quint64(quint32(k.region)) << 28) ^
         (quint64(quint32(k.project)) << 14) ^ quint64(quint32(k.mode));
    h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull;
    h ^= (quint64(k.packageId) * 0x94D049BB133111EBull) ^ (quint64(k.grain) << 3) ^ quint64(k.view);
    h = (h ^ (h >> 31)) * 0x9E3779B97F4A7C15ull;
    return size_t(h ^ (h >> 32));
}
} // namespace

Names::Names()
{
    m_texts.emplace_back(QStringLiteral(""));
    m_ids.insert(QString(), 0);
}

qint32 Names::id(const QString &s)
{
    if (s.isEmpty())
        return 0;
    auto it = m_ids.constFind(s);
    if (it != m_ids.constEnd())
        return *it;
    const qint32 id = qint32(m_texts.size());
    m_texts.push_back(s);
    m_ids.insert(s, id);
    return id;
}

std::vector<QByteArray> Names::utf8() const
{
    std::vector<QByteArray> out;
    out.reserve(m_texts.size());
    for (const QString &t : m_texts)
        out.push_back(t.toUtf8());
    return out;
}

std::vector<qint32> Names::ranks() const
{
    const std::vector<QByteArray> bytes = utf8();
    std::vector<qint32> order(bytes.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](qint32 a, qint32 b) { return bytes[size_t(a)] < bytes[size_t(b)]; });
    std::vector<qint32> rank(bytes.size());
    for (size_t i = 0; i < order.size(); ++i)
        rank[size_t(order[i])] = qint32(i);
    return rank;
}

SumRow &Sums::operator[](const SumKey &k)
{
    if ((m_size + 1) * 4 > m_slots.size() * 3)
        grow();
    const size_t mask = m_slots.size() - 1;
    for (size_t i = hashOf(k) & mask;; i = (i + 1) & mask) {
        SumRow &r = m_slots[i];
        if (r.key.grain < 0) {
            r.key = k;
            ++m_size;
            return r;
        }
        if (r.key == k)
            return r;
    }
}

void Sums::grow()
{
    std::vector<SumRow> old = std::move(m_slots);
    m_slots.assign(std::max<size_t>(1024, old.size() * 2), SumRow{});
    m_size = 0;
    for (const SumRow &r : old)
        if (r.key.grain >= 0)
            (*this)[r.key] = r;
}

void Sums::clear()
{
    m_slots = {};
    m_size = 0;
}

std::vector<const SumRow *> Sums::sorted(const std::vector<qint32> &ranks) const
{
    std::vector<const SumRow *> rows;
    rows.reserve(m_size);
    forEach([&](const SumRow &r) { rows.push_back(&r); });
    auto tie = [&](const SumKey &k) {
        return std::make_tuple(k.grain, k.view, k.bucket, ranks[size_t(k.api)], ranks[size_t(k.region)],
                               ranks[size_t(k.project)], ranks[size_t(k.mode)], k.packageId);
    };
    std::sort(rows.begin(), rows.end(),
              [&](const SumRow *a, const SumRow *b) { return tie(a->key) < tie(b->key); });
    return rows;
}

} // namespace billing::rollup
