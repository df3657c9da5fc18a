// The scenario planner's usage (billing-rules §10): the last 28 complete days, hour of week by hour of
// week, scaled by the scenario's volume and move changes.
#include "engine/whatif.h"

#include "engine/engine.h"

#include <algorithm>

namespace billing::whatif {

namespace {

constexpr int kWindowHours = kSynthesisDays * 24;

using Window = std::vector<std::vector<SynthCount>>;

bool matches(const QString &want, const QString &have)
{
    return want.isEmpty() || want == QLatin1String("all") || want == have;
}

// (100 + p) % of n, to the nearest whole call (halves up).
qint64 scaledCalls(qint64 n, qint64 percent)
{
    return (n * (100 + percent) + 50) / 100;
}

} // namespace

Result<Window> synthesisWindow(Engine &account, Instant now, Instant &windowStart)
{
    auto ctx = account.inspect();
    if (!ctx)
        return ctx.error();
    Context &c = **ctx;
    const Instant windowEnd = c.calendar.dayStart(now);
    windowStart = windowEnd - kSynthesisDays * kMicrosPerDay;
    RecordFilter rf;
    rf.type = Record::Type::Usage;
    rf.from = windowStart;
    rf.to = windowEnd + kMicrosPerDay; // a line carries its settlement instant, after its hour
    auto lines = c.records.list(rf);
    if (!lines)
        return lines.error();
    Window w(kWindowHours);
    for (const Record &l : *lines) {
        if (l.expenditureAt < windowStart || l.expenditureAt >= windowEnd || l.calls <= 0)
            continue;
        auto &slot = w[size_t((l.expenditureAt - windowStart) / kMicrosPerHour)];
        auto it = std::find_if(slot.begin(), slot.end(), [&](const SynthCount &n) {
            return n.api == l.api && n.region == l.region && n.project == l.project;
        });
        if (it == slot.end())
            slot.push_back({l.api, l.region, l.project, l.calls});
        else
            it->calls += l.calls;
    }
    return w;
}

std::vector<SynthCount> synthesizeHour(const Window &window, Instant windowStart, Instant hour,
                                       const Scenario &scenario)
{
    // The future repeats the 28 days week by week: hour of week by hour of week.
    const qint64 offset = ((hour - windowStart) / kMicrosPerHour) % kWindowHours;
    std::vector<SynthCount> out = window[size_t(offset < 0 ? offset + kWindowHours : offset)];
    for (const Change &c : scenario.changes) {
        if (c.type == Change::Type::Volume) {
            for (SynthCount &n : out)
                if (matches(c.api, n.api) && matches(c.project, n.project))
                    n.calls = scaledCalls(n.calls, c.percent);
        } else if (c.type == Change::Type::Move) {
            std::vector<SynthCount> moved;
            for (SynthCount &n : out) {
                if (n.api != c.api)
                    continue;
                const qint64 m = scaledCalls(n.calls, c.percent - 100);
                n.calls -= m;
                moved.push_back({c.toApi, n.region, n.project, m});
            }
            for (const SynthCount &m : moved) {
                auto it = std::find_if(out.begin(), out.end(), [&](const SynthCount &n) {
                    return n.api == m.api && n.region == m.region && n.project == m.project;
                });
                if (it == out.end())
                    out.push_back(m);
                else
                    it->calls += m.calls;
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const SynthCount &a, const SynthCount &b) {
        return std::tie(a.api, a.region, a.project) < std::tie(b.api, b.region, b.project);
    });
    return out;
}

} // namespace billing::whatif
