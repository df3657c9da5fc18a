// The dry run of a spend guard (billing-rules §13): what it would have done over the last N days.
#include "engine/guards.h"
#include "engine/tr.h"

#include "engine/context.h"
#include "engine/settlement.h"
#include "storage/guardrepository.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>

namespace billing::guards {

namespace {

// The first hour end in (from, to] at which the guard's trigger held on the account's own history.
class FirstFiring
{
public:
    FirstFiring(Context &ctx, const Guard &g, Instant from) : m_ctx(ctx), m_guard(g), m_from(from) {}

    Result<std::optional<Instant>> find(Instant firstEnd, Instant lastEnd,
                                        const std::function<bool(int, int)> &progress)
    {
        if (Status s = load(firstEnd); !s)
            return s.error();
        const int total = int((lastEnd - firstEnd) / kMicrosPerHour) + 1;
        int done = 0;
        for (Instant x = firstEnd; x <= lastEnd; x += kMicrosPerHour, ++done) {
            if (progress && done % 24 == 0 && !progress(done, total))
                return Error::refused(EngineTr::tr("the dry run was cancelled"));
            if (holdsAt(x))
                return std::optional<Instant>(x);
        }
        return std::optional<Instant>();
    }

private:
    Status load(Instant firstEnd)
    {
        GuardRepository repo(m_ctx.db);
        if (m_guard.trigger == Guard::Trigger::MonthCost) {
            auto lines = repo.costLines(m_guard.api, m_guard.region, m_ctx.calendar.monthStart(firstEnd - 1));
            if (!lines)
                return lines.error();
            m_lines = std::move(*lines);
            return {};
        }
        auto before = repo.balanceBefore(m_from);
        if (!before)
            return before.error();
        m_balance = *before;
        auto steps = repo.balanceSteps(m_from);
        if (!steps)
            return steps.error();
        m_steps = std::move(*steps);
        return {};
    }

    bool holdsAt(Instant x)
    {
        if (m_guard.trigger == Guard::Trigger::MonthCost) {
            // Lines settled by x, summed by the month of their expenditure time (always before x).
            for (; m_line < m_lines.size() && m_lines[m_line].at <= x; ++m_line) {
                const auto &l = m_lines[m_line];
                Money &sum = m_monthCost[m_ctx.calendar.monthStart(l.expenditureAt)];
                sum = sum + l.charged;
            }
            const auto it = m_monthCost.find(m_ctx.calendar.monthStart(x - 1));
            return it != m_monthCost.end() && it->second >= m_guard.amount;
        }
        // The balance the guard sees at x: after every change before x and the settlement's at x.
        while (m_step < m_steps.size() &&
               (m_steps[m_step].at < x || (m_steps[m_step].at == x && m_steps[m_step].bySettlement)))
            m_balance = m_steps[m_step++].balanceAfter;
        const bool holds = m_balance <= m_guard.amount;
        // Commands at x (a top-up) come after the guards: the next hour end sees them.
        while (m_step < m_steps.size() && m_steps[m_step].at == x)
            m_balance = m_steps[m_step++].balanceAfter;
        return holds;
    }

    Context &m_ctx;
    const Guard &m_guard;
    Instant m_from;
    std::vector<GuardRepository::CostLine> m_lines;
    size_t m_line = 0;
    std::map<Instant, Money> m_monthCost; // month start → charged so far
    std::vector<GuardRepository::BalanceStep> m_steps;
    size_t m_step = 0;
    Money m_balance;
};
} // namespace

Result<DryRun> dryRun(Context &ctx, const Guard &guard, int days,
                      const std::function<bool(int, int)> &progress)
{
    if (days < 1 || days > kMaxDryRunDays)
        return Error::refused(
            EngineTr::tr("a dry run covers 1 to %1 days, not %2").arg(kMaxDryRunDays).arg(days));
    const Instant from = std::max(ctx.now - days * kMicrosPerDay, ctx.account.createdAt);
    // As if set at `from`: first checked at the first hour end after it (§12.19); the hours settled
    // since, up to now.
    const Instant firstEnd = ctx.calendar.hourStart(from) + kMicrosPerHour;
    const Instant lastEnd = ctx.calendar.hourStart(ctx.now);
    DryRun r;
    if (firstEnd > lastEnd)
        return r;
    auto firing = FirstFiring(ctx, guard, from).find(firstEnd, lastEnd, progress);
    if (!firing)
        return firing.error();
    if (!*firing)
        return r;
    const Instant x = **firing;
    r.wouldFireAt = x;
    // The scope's services enabled at x stay disabled until a person enabled them again: a disable
    // in the meantime changes nothing, an enable (at x too: commands come after the guards) ends it.
    auto events = ctx.subscriptions.serviceEvents();
    if (!events)
        return events.error();
    auto services = ctx.subscriptions.services();
    if (!services)
        return services.error();
    GuardRepository repo(ctx.db);
    for (const ServiceState &sv : *services) {
        if (!guard.inScope(sv.api, sv.region))
            continue;
        bool enabled = false;
        Instant until = lastEnd;
        for (const auto &e : *events) {
            if (e.api != sv.api || e.region != sv.region)
                continue;
            if (e.at < x)
                enabled = e.enabled;
            else if (e.enabled) {
                until = std::min(until, ctx.calendar.hourStart(e.at));
                break;
            }
        }
        if (!enabled || until <= x)
            continue;
        auto usage = repo.serviceUsage(sv.api, sv.region, x, until);
        if (!usage)
            return usage.error();
        r.callsRejected += usage->calls;
        r.chargesAvoided = r.chargesAvoided + usage->charged;
    }
    if (progress)
        progress(1, 1);
    return r;
}

} // namespace billing::guards
