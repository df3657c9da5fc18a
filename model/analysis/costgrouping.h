#pragma once

// Puts cost pieces (costpieces.h) into a query's periods and groups, filters them, and totals them
// (the readings are costanalysis.h's). Internal to analysis/.
//
// Each value a dimension takes is known by a small number, and what a value's filter, category and tags
// say is worked out once per value: a month of hours by API is thousands of pieces, and comparing,
// copying and looking up their texts one by one was most of the query's time (performance.md P2y).
#include "analysis/costanalysis.h"

#include <QHash>

#include <array>
#include <map>
#include <vector>

namespace billing {

class Catalog;
struct CostPiece;

class CostGrouping
{
public:
    // Whether the query needs the projects' tags (grouped or filtered by tag).
    static bool needsTags(const CostQuery &q);
    // `tags`: every project's tags (TagRepository::all), when needsTags(q); else unused.
    CostGrouping(const CostQuery &q, const BillingCalendar &calendar, const Catalog &catalog,
                 const std::map<QString, QStringList> &tags);

    void add(const CostPiece &p);
    // The rows, by period then by key values, and the totals; refused when a sum is outside Money's range.
    Result<CostResult> result() const;

private:
    // The values one dimension took, each with its number and whether it passes the query's filter.
    class Values
    {
    public:
        void setFilter(const QStringList *filter) { m_filter = filter; }
        int id(const QString &value);
        bool passes(int id) const { return m_passes[size_t(id)]; }
        const QString &value(int id) const { return m_values[size_t(id)]; }
        // Each number's place in the values' order (QString's <).
        std::vector<int> ranks() const;

    private:
        const QStringList *m_filter = nullptr;
        QHash<QString, int> m_ids;
        std::vector<QString> m_values;
        std::vector<char> m_passes;
    };
    struct Entry
    {
        Instant period = 0;
        std::array<int, 2> keys{}; // numbers of the grouped dimensions' values
        qint64 calls = 0;
        qint64 cost = 0;
    };
    static constexpr int kDimensions = 6; // CostDimension's values

    Values &values(CostDimension d) { return m_values[size_t(d)]; }
    const Values &values(CostDimension d) const { return m_values[size_t(d)]; }
    bool uses(CostDimension d) const { return m_uses[size_t(d)]; }
    int categoryOf(int api);
    const std::vector<int> &tagsOf(int project);

    const CostQuery &m_q;
    const BillingCalendar &m_calendar;
    const Catalog &m_catalog;
    const std::map<QString, QStringList> &m_tags;
    std::vector<CostDimension> m_dims;      // grouped by
    std::array<bool, kDimensions> m_uses{}; // grouped or filtered by (or needed for those)
    std::array<Values, kDimensions> m_values;
    std::vector<int> m_categoryOfApi;              // by API number; -1: not known yet
    std::vector<std::vector<int>> m_tagsOfProject; // by project number: its tags that pass the filter
    std::vector<char> m_tagsKnown;
    std::vector<Entry> m_entries;
    Int128 m_total = 0;
    qint64 m_calls = 0;
};

} // namespace billing
