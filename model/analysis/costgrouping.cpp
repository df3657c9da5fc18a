#include "analysis/costgrouping.h"
#include "analysis/tr.h"

#include "analysis/costpieces.h"
#include "catalog/catalog.h"
#include "time/billingcalendar.h"

#include <QCoreApplication>

#include <algorithm>
#include <numeric>

namespace billing {

int CostGrouping::Values::id(const QString &value)
{
    auto it = m_ids.constFind(value);
    if (it != m_ids.constEnd())
        return *it;
    const int id = int(m_values.size());
    m_ids.insert(value, id);
    m_values.push_back(value);
    m_passes.push_back(!m_filter || m_filter->isEmpty() || m_filter->contains(value));
    return id;
}

std::vector<int> CostGrouping::Values::ranks() const
{
    std::vector<int> order(m_values.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [this](int a, int b) { return m_values[size_t(a)] < m_values[size_t(b)]; });
    std::vector<int> rank(m_values.size());
    for (size_t i = 0; i < order.size(); ++i)
        rank[size_t(order[i])] = int(i);
    return rank;
}

bool CostGrouping::needsTags(const CostQuery &q)
{
    return !q.tags.isEmpty() || q.groupBy.contains(costDimensionId(CostDimension::Tag));
}

CostGrouping::CostGrouping(const CostQuery &q, const BillingCalendar &calendar, const Catalog &catalog,
                           const std::map<QString, QStringList> &tags)
    : m_q(q), m_calendar(calendar), m_catalog(catalog), m_tags(tags)
{
    for (const QString &d : q.groupBy)
        m_dims.push_back(*costDimensionFromId(d)); // validated by analyzeCost
    const std::pair<CostDimension, const QStringList *> filters[] = {
        {CostDimension::Api, &q.apis},         {CostDimension::Category, &q.categories},
        {CostDimension::Region, &q.regions},   {CostDimension::Mode, &q.modes},
        {CostDimension::Project, &q.projects}, {CostDimension::Tag, &q.tags}};
    for (const auto &[d, filter] : filters) {
        values(d).setFilter(filter);
        m_uses[size_t(d)] = !filter->isEmpty() || std::find(m_dims.begin(), m_dims.end(), d) != m_dims.end();
    }
    // A category is its API's; tags are their project's.
    if (uses(CostDimension::Category))
        m_uses[size_t(CostDimension::Api)] = true;
    if (uses(CostDimension::Tag))
        m_uses[size_t(CostDimension::Project)] = true;
}

int CostGrouping::categoryOf(int api)
{
    if (size_t(api) >= m_categoryOfApi.size())
        m_categoryOfApi.resize(size_t(api) + 1, -1);
    int &category = m_categoryOfApi[size_t(api)];
    if (category < 0) {
        const ApiInfo *info = m_catalog.api(values(CostDimension::Api).value(api));
        category = values(CostDimension::Category).id(info ? info->category : QString());
    }
    return category;
}

const std::vector<int> &CostGrouping::tagsOf(int project)
{
    if (size_t(project) >= m_tagsOfProject.size()) {
        m_tagsOfProject.resize(size_t(project) + 1);
        m_tagsKnown.resize(size_t(project) + 1, 0);
    }
    std::vector<int> &ids = m_tagsOfProject[size_t(project)];
    if (!m_tagsKnown[size_t(project)]) {
        m_tagsKnown[size_t(project)] = 1;
        const QString &name = values(CostDimension::Project).value(project);
        QStringList all{name == kProjectShared ? kProjectShared : kTagUntagged};
        if (name != kProjectShared)
            if (auto it = m_tags.find(name); it != m_tags.end())
                all = it->second;
        Values &tags = values(CostDimension::Tag);
        for (const QString &t : all)
            if (const int id = tags.id(t); tags.passes(id))
                ids.push_back(id);
    }
    return ids;
}

void CostGrouping::add(const CostPiece &p)
{
    std::array<int, kDimensions> ids{};
    auto take = [&](CostDimension d, const QString &value) {
        const int id = values(d).id(value);
        ids[size_t(d)] = id;
        return values(d).passes(id);
    };
    if (uses(CostDimension::Api)) {
        if (!take(CostDimension::Api, p.api))
            return;
        if (uses(CostDimension::Category)) {
            const int category = categoryOf(ids[size_t(CostDimension::Api)]);
            ids[size_t(CostDimension::Category)] = category;
            if (!values(CostDimension::Category).passes(category))
                return;
        }
    }
    if (uses(CostDimension::Region) && !take(CostDimension::Region, p.region))
        return;
    if (uses(CostDimension::Mode) && !take(CostDimension::Mode, p.mode))
        return;
    if (uses(CostDimension::Project) &&
        !take(CostDimension::Project, p.project.isEmpty() ? kProjectShared : p.project))
        return;
    const std::vector<int> *tags = nullptr;
    if (uses(CostDimension::Tag)) {
        tags = &tagsOf(ids[size_t(CostDimension::Project)]);
        if (tags->empty())
            return;
    }
    m_total += p.cost.units();
    m_calls += p.calls;
    Entry e{periodStart(m_calendar, m_q.granularity, p.at), {}, p.calls, p.cost.units()};
    auto keyed = [&] {
        for (size_t i = 0; i < m_dims.size(); ++i)
            e.keys[i] = ids[size_t(m_dims[i])];
        m_entries.push_back(e);
    };
    const bool byTag = std::find(m_dims.begin(), m_dims.end(), CostDimension::Tag) != m_dims.end();
    if (!byTag)
        return keyed();
    for (int tag : *tags) { // a project with several tags counts in each
        ids[size_t(CostDimension::Tag)] = tag;
        keyed();
    }
}

Result<CostResult> CostGrouping::result() const
{
    // Sums over a long range (a year of months near the range each) can pass what 64 bits hold: they are
    // made in 128 bits and refused outside the range (billing-rules §3 Range), as a forecast is.
    std::array<std::vector<int>, 2> ranks;
    for (size_t i = 0; i < m_dims.size(); ++i)
        ranks[i] = values(m_dims[i]).ranks();
    const size_t n = m_dims.size();
    auto rankOf = [&](const Entry &e, size_t i) { return ranks[i][size_t(e.keys[i])]; };
    std::vector<const Entry *> order;
    order.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        order.push_back(&e);
    std::sort(order.begin(), order.end(), [&](const Entry *a, const Entry *b) {
        if (a->period != b->period)
            return a->period < b->period;
        for (size_t i = 0; i < n; ++i)
            if (a->keys[i] != b->keys[i])
                return rankOf(*a, i) < rankOf(*b, i);
        return false;
    });
    struct Group
    {
        const Entry *first;
        qint64 calls = 0;
        Int128 cost = 0;
    };
    std::vector<Group> groups;
    Int128 outside = Money::inRange(m_total) ? 0 : m_total;
    for (const Entry *e : order) {
        if (groups.empty() || groups.back().first->period != e->period ||
            !std::equal(e->keys.begin(), e->keys.begin() + ptrdiff_t(n), groups.back().first->keys.begin()))
            groups.push_back({e});
        groups.back().calls += e->calls;
        groups.back().cost += e->cost;
    }
    for (const Group &g : groups)
        if (!outside && !Money::inRange(g.cost))
            outside = g.cost;
    if (outside)
        return Error::refused(
            AnalysisTr::tr("the costs from %1 to %2 add up to %3, outside the range of ±10,000,000,000.00: "
                           "choose a shorter range or a finer grouping")
                .arg(m_calendar.format(m_q.from), m_calendar.format(m_q.to), Money::unitsToString(outside)));
    CostResult result;
    result.total = Money::fromUnits(qint64(m_total));
    result.calls = m_calls;
    result.rows.reserve(groups.size());
    for (const Group &g : groups) {
        CostRow row;
        row.period = g.first->period;
        for (size_t i = 0; i < n; ++i)
            row.keys.emplace(m_q.groupBy[qsizetype(i)], values(m_dims[i]).value(g.first->keys[i]));
        row.calls = g.calls;
        row.cost = Money::fromUnits(qint64(g.cost));
        result.rows.push_back(std::move(row));
    }
    return result;
}

} // namespace billing
