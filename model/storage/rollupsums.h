#pragma once

// The cost rollups' pending sums keyed by integers (performance.md P3): the key texts (API, region,
// project, mode) interned to small ids once per distinct text, the sums in an open-addressing hash map of
// packed keys (one allocation, no node per row, no string compared per lookup). Internal to
// storage/costrollup.cpp and storage/rollupwriter.cpp.
#include "money/money.h"
#include "time/instant.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <vector>

namespace billing::rollup {

struct SumKey
{
    Instant bucket = 0;
    qint64 packageId = 0;
    qint32 api = 0; // text ids (Names); 0 is the empty text
    qint32 region = 0;
    qint32 project = 0;
    qint32 mode = 0;
    qint32 grain = -1; // -1: a free slot
    qint32 view = 0;
    bool operator==(const SumKey &) const = default;
};

struct SumRow
{
    SumKey key;
    qint64 calls = 0;
    Int128 cost = 0;
};

// Texts to ids and back; an empty or null text is id 0.
class Names
{
public:
    Names();
    qint32 id(const QString &s);
    const QString &text(qint32 id) const { return m_texts[size_t(id)]; }
    size_t size() const { return m_texts.size(); }
    // Each id's rank when the texts are ordered as SQLite's BINARY collation orders them (their UTF-8 bytes).
    std::vector<qint32> ranks() const;
    std::vector<QByteArray> utf8() const;

private:
    QHash<QString, qint32> m_ids;
    std::vector<QString> m_texts;
};

// The sums: open addressing with linear probing in a power-of-two table.
class Sums
{
public:
    SumRow &operator[](const SumKey &k);
    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    void clear();
    template <typename Fn> void forEach(Fn &&fn) const
    {
        for (const SumRow &r : m_slots)
            if (r.key.grain >= 0)
                fn(r);
    }
    // The rows in the stored table's key order (grain, view, bucket, texts by `ranks`, package): a write
    // walks the table's B-tree from one end to the other.
    std::vector<const SumRow *> sorted(const std::vector<qint32> &ranks) const;

private:
    void grow();
    std::vector<SumRow> m_slots;
    size_t m_size = 0;
};

} // namespace billing::rollup
