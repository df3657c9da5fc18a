#pragma once

// The lines of a reconciliation keyed by integers (performance.md P7): API, region, mode and project
// interned to ids once per distinct string, a month's lines in a hash map of packed keys. Only the open
// lines (the differences) go back to string keys, in BillLineKey order. Internal to model/reconcile/.
#include "reconcile/billfile.h"

#include <QHash>
#include <QStringList>

#include <array>
#include <functional>

#include <map>
#include <vector>

namespace billing::linetable {

// A line's key within its month; project -1: the file has no project column.
struct LineId
{
    Instant hour = kNoHour;
    qint32 api = 0;
    qint32 region = 0;
    qint32 mode = 0;
    qint32 project = -1;

    bool operator==(const LineId &) const = default;
};

struct LineIdHash
{
    size_t operator()(const LineId &k) const noexcept
    {
        quint64 h = quint64(k.hour) * 0x9E3779B97F4A7C15ull;
        h ^= (quint64(quint32(k.api)) << 40) ^ (quint64(quint32(k.region)) << 20) ^ quint64(quint32(k.mode));
        h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull;
        h ^= quint64(quint32(k.project)) * 0x94D049BB133111EBull;
        return size_t(h ^ (h >> 32));
    }
};

// A month's lines: open addressing with linear probing in a power-of-two table (one allocation, no
// node per line); the order of forEach is the table's, not the keys'.
class LineMap
{
public:
    LineFigures &operator[](const LineId &k);
    const LineFigures *find(const LineId &k) const;
    bool contains(const LineId &k) const { return find(k) != nullptr; }
    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    void reserve(size_t lines);
    template <typename Fn> void forEach(Fn &&fn) const
    {
        for (const Slot &s : m_slots)
            if (s.used())
                fn(s.key, s.figures);
    }
    void dropZero(); // the lines whose figures are all zero

private:
    // One cache line: a free slot has no API (ids are never negative).
    struct alignas(64) Slot
    {
        LineId key{kNoHour, -1, 0, 0, -1};
        LineFigures figures;
        bool used() const { return key.api >= 0; }
    };
    static_assert(sizeof(Slot) == 64);
    void grow(size_t atLeast = 0);
    std::vector<Slot> m_slots;
    size_t m_size = 0;
};

// Strings to ids and back.
class Names
{
public:
    qint32 id(const QString &s);
    const QString &name(qint32 id) const { return m_names[size_t(id)]; }
    size_t size() const { return m_names.size(); }
    LineId idOf(const BillLineKey &k);
    BillLineKey keyOf(const QString &month, const LineId &id) const;

private:
    QHash<QString, qint32> m_ids;
    std::vector<QString> m_names;
    // The strings asked for lately, by where their text is: a string handed on from row to row shares its
    // text, and is found without hashing it (the string is held, so its text cannot be another's).
    struct Recent
    {
        QString text;
        qint32 id = -1;
    };
    std::array<Recent, 64> m_recent;
};

// One month of one side's lines, and whether every line has an hour and a project.
struct MonthLines
{
    LineMap lines;
    bool allHours = true;
    bool allProjects = true;
};

// The provider's lines as the files are read: by month.
class ProviderLines
{
public:
    explicit ProviderLines(Names &names) : m_names(names) {}
    void add(const BillLineKey &k, const LineFigures &f);
    // Adds another reader's lines (its own names).
    void merge(const ProviderLines &other);
    const std::map<QString, MonthLines> &months() const { return m_months; }
    // A month's lines at a grain (without the hour, without the project), zero lines dropped.
    LineMap atGrain(const QString &month, bool byHour, bool byProject) const;

private:
    Names &m_names;
    std::map<QString, MonthLines> m_months;
    QString m_lastMonth;
    MonthLines *m_last = nullptr;
};

// Reads the files into `out`, two at a time when there are several: one on this thread, which alone
// calls progress (the file's index, its bytes read and size; false cancels), one on a helper thread. The
// summaries in the files' order; an error: the first in the files' order, as if read one by one.
Result<std::vector<BillFileSummary>>
readProviderFiles(const QStringList &files, const BillFileOptions &options, const ReadLimits &limits,
                  ProviderLines &out, const std::function<bool(int, qint64, qint64)> &progress,
                  const std::function<bool()> &cancelled);

} // namespace billing::linetable
