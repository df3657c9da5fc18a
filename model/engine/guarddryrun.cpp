// The dry run of a spend guard (billing-rules §13): the last N days replayed on a scratch copy with it.
#include "engine/guards.h"
#include "engine/tr.h"

#include "engine/context.h"
#include "engine/engine.h"
#include "engine/funds.h"
#include "engine/packages.h"
#include "engine/scratchcopy.h"
#include "engine/services.h"
#include "storage/guardrepository.h"
#include "storage/notificationrepository.h"
#include "storage/rewindrepository.h"

#include <QCoreApplication>
#include <QTemporaryDir>

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

using Rewind = RewindRepository;

// The calls of the hours [a, b) as one call-record file, each hour's at its start.
QByteArray callFile(const std::vector<Rewind::HourCalls> &calls, size_t &next, Instant b,
                    const BillingCalendar &cal)
{
    QByteArray out("timestamp,api,region,status,enterprise_project,count\n");
    for (; next < calls.size() && calls[next].hour < b; ++next) {
        const Rewind::HourCalls &c = calls[next];
        out += cal.format(c.hour).toUtf8() + ',' + c.api.toUtf8() + ',' + c.region.toUtf8() + ',' +
               QByteArray::number(c.status) + ',' + c.project.toUtf8() + ',' + QByteArray::number(c.calls) +
               '\n';
    }
    return out;
}

Status replayCommand(Context &ctx, const Rewind::Command &c)
{
    if (c.kind == Rewind::Command::Kind::TopUp) {
        auto r = funds::topUp(ctx, c.amount);
        return r ? Status() : Status(r.error());
    }
    if (c.kind == Rewind::Command::Kind::Buy) {
        packages::BuyRequest req;
        req.api = c.api;
        req.region = c.region;
        req.sku = c.sku;
        req.effective = c.effective;
        req.autoRenew = c.autoRenew;
        req.renewDays = c.renewDays;
        req.quantity = c.quantity;
        auto r = packages::buy(ctx, req);
        return r ? Status() : Status(r.error());
    }
    auto r = services::setEnabled(ctx, c.api, c.region, c.kind == Rewind::Command::Kind::Enable);
    return r ? Status() : Status(r.error());
}

// The guard in the copy as if set at `from`, replacing a stored guard of its name; it is checked after the
// others, as a guard set now would be (§12.19: id order).
Status placeGuard(Database &copy, Guard g, Instant from)
{
    GuardRepository repo(copy);
    auto stored = repo.byName(g.name);
    if (!stored)
        return stored.error();
    if (*stored)
        if (Status s = repo.remove((*stored)->id); !s)
            return s;
    g.id = 0;
    g.fired = false;
    g.firedAt.reset();
    g.createdAt = from;
    auto id = repo.insert(g);
    return id ? Status() : Status(id.error());
}

class Replay
{
public:
    Replay(Engine &copy, FixedClock &clock, const std::function<bool(int, int)> &progress)
        : m_e(copy), m_clock(clock), m_progress(progress)
    {
    }

    // Replays (t, lastEnd]: the commands at their instants, each hour's calls before its end.
    Status run(Instant t, Instant lastEnd, const std::vector<Rewind::HourCalls> &calls,
               const std::vector<Rewind::Command> &commands, const BillingCalendar &cal)
    {
        size_t nextCall = 0, nextCommand = 0;
        const int total = int((lastEnd - t) / kMicrosPerHour);
        for (Instant a = t; a < lastEnd;) {
            if (m_progress && !m_progress(int((a - t) / kMicrosPerHour), total))
                return Error::refused(EngineTr::tr("the dry run was cancelled"));
            for (; nextCommand < commands.size() && commands[nextCommand].at < a + kMicrosPerHour;
                 ++nextCommand) {
                const Rewind::Command &c = commands[nextCommand];
                m_clock.set(c.at);
                // A command the account made but the replay cannot (a top-up above the range after
                // charges it did not have) is left out, as a person would have found it refused.
                [[maybe_unused]] const Status st =
                    m_e.run([&](Context &ctx) { return replayCommand(ctx, c); });
            }
            // Up to the next day or the hour of the next command, whichever is first.
            Instant b = std::min(cal.dayStart(a) + kMicrosPerDay, lastEnd);
            if (nextCommand < commands.size())
                b = std::min(b, std::max(cal.hourStart(commands[nextCommand].at), a + kMicrosPerHour));
            const QByteArray file = callFile(calls, nextCall, b, cal);
            m_clock.set(b);
            const Status st = importInto(m_e, file, QStringLiteral("dry run ") + cal.format(a));
            if (!st)
                return st;
            a = b;
        }
        return {};
    }

private:
    Engine &m_e;
    FixedClock &m_clock;
    const std::function<bool(int, int)> &m_progress;
};

// The first time the guard fired in the replay after t.
Result<std::optional<Instant>> firstFiredAfter(Database &copy, const QString &name, Instant t)
{
    auto notes = NotificationRepository(copy).all();
    if (!notes)
        return notes.error();
    std::optional<Instant> first;
    for (const Notification &n : *notes)
        if (n.at > t && alertKindFromId(n.kind) == AlertKind::GuardFired &&
            n.args.value(QStringLiteral("guard")).toString() == name && (!first || n.at < *first))
            first = n.at;
    return first;
}
} // namespace

Result<DryRun> dryRun(Engine &account, Instant now, const QString &actor, const Guard &guard, int days,
                      const std::function<bool(int, int)> &progress)
{
    if (days < 1 || days > kMaxDryRunDays)
        return Error::refused(
            EngineTr::tr("a dry run covers 1 to %1 days, not %2").arg(kMaxDryRunDays).arg(days));
    BillingCalendar cal;
    Instant from = 0;
    {
        auto ctx = account.inspect();
        if (!ctx)
            return ctx.error();
        cal = (*ctx)->calendar;
        from = std::max(now - days * kMicrosPerDay, (*ctx)->account.createdAt);
    }
    // As if set at `from`: first checked at the first hour end after it (§12.19); the hours settled
    // since, up to now.
    const Instant firstEnd = cal.hourStart(from) + kMicrosPerHour;
    const Instant lastEnd = cal.hourStart(now);
    DryRun r;
    if (firstEnd > lastEnd)
        return r;
    QTemporaryDir dir;
    if (!dir.isValid())
        return Error::internal(EngineTr::tr("cannot create a scratch folder for the dry run"));
    const QString path = dir.filePath(QStringLiteral("dryrun.sqlite"));
    if (Status st = scratchCopy(account.database(), path, actor); !st)
        return st.error();
    FixedClock clock(now);
    auto opened = Engine::open(path, clock);
    if (!opened)
        return opened.error();
    Engine &copy = **opened;
    if (Status st = actAsOwner(copy); !st)
        return st.error();
    // The copy caught up to now (the account is only read, so it may lag behind).
    if (Status st = copy.run([](Context &) { return Status(); }); !st)
        return st.error();

    // Until it first fires, the guard changes nothing: the copy's history up to then is the replay's.
    // The first tenth of the progress is this search, the rest the replay.
    std::optional<Instant> fires;
    {
        auto ctx = copy.inspect();
        if (!ctx)
            return ctx.error();
        (*ctx)->now = now;
        auto found = FirstFiring(**ctx, guard, from).find(firstEnd, lastEnd, [&](int done, int total) {
            return !progress || progress(done, total * 10);
        });
        if (!found)
            return found.error();
        fires = *found;
    }
    if (!fires)
        return r;
    const Instant t = *fires - kMicrosPerHour;
    Rewind rewind(copy.database());
    auto refused = rewind.unreplayable(t, lastEnd);
    if (!refused)
        return refused.error();
    if (*refused)
        return Error::refused(EngineTr::tr("the dry run cannot replay the account from %1: it would have "
                                           "to make again \"%2\" of %3; try fewer days")
                                  .arg(cal.format(t), (*refused)->what, cal.format((*refused)->at)));
    auto before = rewind.figures(t, lastEnd);
    if (!before)
        return before.error();
    auto calls = rewind.calls(t, lastEnd);
    if (!calls)
        return calls.error();
    auto commands = rewind.commands(t, lastEnd);
    if (!commands)
        return commands.error();
    if (Status st = rewind.rewind(t, [&cal](Instant at) { return cal.monthKey(at); }); !st)
        return st.error();
    if (Status st = placeGuard(copy.database(), guard, from); !st)
        return st.error();

    const int hours = int((lastEnd - t) / kMicrosPerHour);
    const Status replayed = Replay(copy, clock, [&](int done, int) {
                                return !progress || progress(hours + 9 * done, 10 * hours);
                            }).run(t, lastEnd, *calls, *commands, cal);
    if (!replayed)
        return replayed.error();
    auto after = Rewind(copy.database()).figures(t, lastEnd);
    if (!after)
        return after.error();
    auto fired = firstFiredAfter(copy.database(), guard.name, t);
    if (!fired)
        return fired.error();
    r.wouldFireAt = *fired;
    r.callsRejected = before->calls - after->calls;
    r.chargesAvoided = before->charged - after->charged;
    r.arrearsAvoided = before->arrears - after->arrears;
    if (progress)
        progress(1, 1);
    return r;
}

} // namespace billing::guards
