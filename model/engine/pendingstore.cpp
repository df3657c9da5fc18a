#include "engine/pendingstore.h"

#include <algorithm>

namespace billing {

PendingStore::PendingStore(Database &db, size_t budgetBytes) : m_db(db), m_budget(budgetBytes) {}

PendingCalls &PendingStore::hour(Instant settleHour)
{
    return m_hours[settleHour];
}

Status PendingStore::keepWithinBudget()
{
    size_t bytes = 0;
    for (const auto &[h, calls] : m_hours)
        bytes += calls.bytes();
    // The newest hour is the one being filled; older ones are complete for sorted files.
    while (bytes > m_budget && m_hours.size() > 1) {
        auto oldest = m_hours.begin();
        bytes -= oldest->second.bytes();
        if (Status s = spill(oldest); !s)
            return s;
    }
    return {};
}

Status PendingStore::spill(std::map<Instant, PendingCalls>::iterator it)
{
    if (!it->second.calls.empty()) {
        if (Status s = UsageRepository(m_db).addPendingBatch(it->first, it->second); !s)
            return s;
        m_stored.insert(it->first);
        m_spilled.insert(it->first);
    }
    m_hours.erase(it);
    return {};
}

Result<std::vector<Instant>> PendingStore::hoursUpTo(Instant lastHourStart)
{
    auto stored = UsageRepository(m_db).pendingHoursUpTo(lastHourStart);
    if (!stored)
        return stored.error();
    std::vector<Instant> hours = std::move(*stored);
    m_stored.insert(hours.begin(), hours.end());
    for (Instant h : hours)
        if (!m_spilled.count(h))
            m_earlier.insert(h);
    for (const auto &[h, calls] : m_hours)
        if (h <= lastHourStart && !calls.calls.empty())
            hours.push_back(h);
    std::sort(hours.begin(), hours.end());
    hours.erase(std::unique(hours.begin(), hours.end()), hours.end());
    return hours;
}

Result<PendingCalls> PendingStore::take(Instant settleHour)
{
    PendingCalls out;
    if (m_stored.erase(settleHour)) {
        UsageRepository usage(m_db);
        if (Status s = usage.pendingFor(settleHour, out); !s)
            return s.error();
        if (Status s = usage.deletePending(settleHour); !s)
            return s.error();
    }
    if (auto it = m_hours.find(settleHour); it != m_hours.end()) {
        if (out.calls.empty())
            out = std::move(it->second);
        else
            out.append(it->second);
        m_hours.erase(it);
    }
    // Files are usually sorted already; stable order of equal instants is the import order (seq).
    const auto before = [](const PendingCall &a, const PendingCall &b) {
        return std::tie(a.ts, a.seq) < std::tie(b.ts, b.seq);
    };
    if (!std::is_sorted(out.calls.begin(), out.calls.end(), before))
        std::sort(out.calls.begin(), out.calls.end(), before);
    return out;
}

Status PendingStore::peek(Instant settleHour, const std::function<void(const PendingCalls &)> &fn)
{
    if (m_stored.count(settleHour)) {
        PendingCalls stored;
        if (Status s = UsageRepository(m_db).pendingFor(settleHour, stored); !s)
            return s;
        fn(stored);
    }
    if (auto it = m_hours.find(settleHour); it != m_hours.end())
        fn(it->second);
    return {};
}

Status PendingStore::flush()
{
    while (!m_hours.empty())
        if (Status s = spill(m_hours.begin()); !s)
            return s;
    return {};
}

} // namespace billing
