// The scenario planner (issue #16, billing-rules §10): the engine itself, run on scratch copies.
#include "engine/whatif.h"

#include "engine/bills.h"
#include "engine/engine.h"
#include "engine/packages.h"
#include "engine/scratchcopy.h"
#include "engine/services.h"
#include "engine/tr.h"
#include "storage/notificationrepository.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <map>

namespace billing::whatif {

namespace {

using Window = std::vector<std::vector<SynthCount>>;

// Checks the changes against the account (catalog, packages, dates) and fixes their instants.
Status resolve(Context &ctx, Scenario &s, Instant endAt)
{
    const Instant earliest = ctx.calendar.dayStart(ctx.now) + kMicrosPerDay;
    for (Change &c : s.changes) {
        const QString where = EngineTr::tr("%1: changes[%2]: ").arg(s.name).arg(c.index);
        auto knownApi = [&](const QString &api, const char *key) -> Status {
            if (!api.isEmpty() && api != QLatin1String("all") && !ctx.catalog.api(api))
                return Error::badUsage(
                    where + EngineTr::tr("unknown API \"%1\" in \"%2\"").arg(api, QLatin1String(key)));
            return {};
        };
        auto knownRegion = [&](const QString &region) -> Status {
            if (!region.isEmpty() && !ctx.catalog.region(region))
                return Error::badUsage(where + EngineTr::tr("unknown region \"%1\"").arg(region));
            return {};
        };
        if (Status st = knownApi(c.api, c.type == Change::Type::Move ? "from_api" : "api"); !st)
            return st;
        if (Status st = knownApi(c.toApi, "to_api"); !st)
            return st;
        if (Status st = knownApi(c.guard.api, "api"); !st)
            return st;
        if (Status st = knownRegion(c.region); !st)
            return st;
        if (Status st = knownRegion(c.guard.region); !st)
            return st;
        if (!c.sku.isEmpty() && !ctx.catalog.sku(ctx.catalog.priceListAt(ctx.now), c.sku))
            return Error::badUsage(where + EngineTr::tr("unknown SKU \"%1\"").arg(c.sku));
        if (c.type == Change::Type::Renew || c.type == Change::Type::Unsubscribe) {
            if (!ctx.subscriptions.package(c.packageId))
                return Error::badUsage(where + EngineTr::tr("no package %1").arg(c.packageId));
        }
        if (c.type == Change::Type::Guard) {
            if (auto g = guards::fromSpec(ctx, c.guard); !g)
                return Error{g.error().code, where + g.error().message};
        }
        if (c.date.isEmpty())
            continue;
        const QDate d = QDate::fromString(c.date, Qt::ISODate);
        if (!d.isValid())
            return Error::badUsage(where + EngineTr::tr("\"date\" %1 is not a date").arg(c.date));
        c.at = ctx.calendar.startOfDate(CivilDate{d.year(), d.month(), d.day()});
        if (c.at < earliest)
            return Error::refused(where + EngineTr::tr("the date %1 is not after today (%2)")
                                              .arg(c.date, ctx.calendar.format(ctx.now).left(10)));
        if (c.at >= endAt)
            return Error::badUsage(where +
                                   EngineTr::tr("the date %1 is after the simulated months").arg(c.date));
    }
    return {};
}

// The call-record file of the hours [from, to): one record per hour and key, at the hour's half.
QByteArray callFile(const Window &window, Instant windowStart, Instant from, Instant to, const Scenario &s,
                    const BillingCalendar &cal)
{
    QByteArray out("timestamp,api,region,status,enterprise_project,count\n");
    for (Instant h = from; h < to; h += kMicrosPerHour)
        for (const SynthCount &n : synthesizeHour(window, windowStart, h, s)) {
            if (n.calls <= 0)
                continue;
            out += cal.format(h + 30 * 60 * kMicrosPerSecond).toUtf8() + ',' + n.api.toUtf8() + ',' +
                   n.region.toUtf8() + ",200," + n.project.toUtf8() + ',' + QByteArray::number(n.calls) +
                   '\n';
        }
    return out;
}

Status applyChange(Context &ctx, const Change &c)
{
    switch (c.type) {
    case Change::Type::Buy: {
        packages::BuyRequest req;
        req.api = c.api;
        req.region = c.region;
        req.sku = c.sku;
        auto r = packages::buy(ctx, req);
        return r ? Status() : Status(r.error());
    }
    case Change::Type::Renew: {
        auto r =
            packages::renew(ctx, c.packageId, c.sku.isEmpty() ? std::nullopt : std::optional<QString>(c.sku));
        return r ? Status() : Status(r.error());
    }
    case Change::Type::Unsubscribe: {
        auto r = packages::unsubscribe(ctx, c.packageId);
        return r ? Status() : Status(r.error());
    }
    case Change::Type::Enable:
    case Change::Type::Disable: {
        const bool enable = c.type == Change::Type::Enable;
        auto r = services::setEnabled(ctx, c.api, c.region, enable);
        if (!r)
            return r.error();
        // The command succeeds and changes nothing (§12.1); in a scenario that is a mistake worth naming.
        if (!*r)
            return Error::refused(enable
                                      ? EngineTr::tr("%1 in %2 is already enabled: the change does nothing")
                                            .arg(c.api, c.region)
                                      : EngineTr::tr("%1 in %2 is already disabled: the change does nothing")
                                            .arg(c.api, c.region));
        return {};
    }
    case Change::Type::Guard: {
        auto g = guards::fromSpec(ctx, c.guard);
        if (!g)
            return g.error();
        auto r = guards::set(ctx, *g);
        return r ? Status() : Status(r.error());
    }
    case Change::Type::Volume:
    case Change::Type::Move:
        break;
    }
    return {};
}

struct Frame
{
    Instant now = 0, firstHour = 0, reportFrom = 0, endAt = 0;
    Window window;
    Instant windowStart = 0;
};

Result<std::vector<MonthResult>> collect(Context &ctx, const Frame &f)
{
    std::vector<MonthResult> months;
    std::map<QString, size_t> byMonth;
    for (Instant m = f.reportFrom; m < f.endAt; m = ctx.calendar.addMonths(m, 1)) {
        MonthResult r;
        r.month = ctx.calendar.monthKey(m);
        auto bill = monthlyBill(ctx, r.month);
        if (!bill)
            return bill.error();
        r.charged = bill->totals.charged;
        r.fee = bill->totals.fee;
        r.roundedOff = bill->totals.roundedOff;
        byMonth[r.month] = months.size();
        months.push_back(std::move(r));
    }
    auto monthOf = [&](Instant at) -> MonthResult * {
        if (at <= f.now)
            return nullptr;
        const auto it = byMonth.find(ctx.calendar.monthKey(at - 1));
        return it == byMonth.end() ? nullptr : &months[it->second];
    };
    auto packages = ctx.subscriptions.packages();
    if (!packages)
        return packages.error();
    std::map<qint64, Package> byId;
    for (const Package &p : *packages)
        byId[p.id] = p;
    // Quota exhaustion: the settlement whose package line took the last call of the quota.
    for (const Package &p : *packages) {
        if (p.quota <= 0 || p.remaining > 0 || p.cancelledAt)
            continue;
        RecordFilter rf;
        rf.packageId = p.id;
        rf.type = Record::Type::Usage;
        auto lines = ctx.records.list(rf);
        if (!lines)
            return lines.error();
        qint64 used = 0;
        for (const Record &l : *lines) {
            used += l.calls;
            if (used >= p.quota) {
                if (MonthResult *m = monthOf(l.at))
                    m->quotaExhausted.push_back({p.id, l.at});
                break;
            }
        }
    }
    auto notes = NotificationRepository(ctx.db).all();
    if (!notes)
        return notes.error();
    std::vector<Notification> sorted = *notes;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Notification &a, const Notification &b) { return a.at < b.at; });
    for (const Notification &n : sorted) {
        MonthResult *m = monthOf(n.at);
        if (!m)
            continue;
        const auto kind = alertKindFromId(n.kind);
        if (kind == AlertKind::PackageExpired) {
            const qint64 id = n.args.value(QStringLiteral("package")).toInteger();
            const qint64 lapsed = n.args.value(QStringLiteral("lapsed")).toInteger();
            const auto it = byId.find(id);
            if (lapsed <= 0 || it == byId.end() || it->second.quota <= 0)
                continue;
            auto worth = Money::scaled(it->second.price, lapsed, it->second.quota);
            m->lapsedQuota.push_back({id, lapsed, worth ? *worth : Money()});
        } else if (kind == AlertKind::BudgetActual || kind == AlertKind::BudgetForecast) {
            m->budgetCrossings.push_back(
                {n.args.value(QStringLiteral("budget")).toString(),
                 n.args.value(QStringLiteral("threshold")).toInt(),
                 kind == AlertKind::BudgetActual ? QStringLiteral("actual") : QStringLiteral("forecast"),
                 n.at});
        } else if (kind == AlertKind::GuardFired) {
            m->guardFirings.push_back({n.args.value(QStringLiteral("guard")).toString(), n.at});
        }
    }
    return months;
}

class Run
{
public:
    Run(const Frame &f, const Scenario &s, const QString &actor, std::function<bool()> step)
        : m_f(f), m_s(s), m_actor(actor), m_step(std::move(step))
    {
    }

    Result<RunResult> go(const QString &location)
    {
        FixedClock clock(m_f.now);
        auto engine = Engine::open(location, clock);
        if (!engine)
            return engine.error();
        Engine &e = **engine;
        e.setActor(m_actor);
        if (Status st = actAsOwner(e); !st)
            return st.error();
        RunResult out;
        out.name = m_s.name;
        BillingCalendar cal;
        {
            auto ctx = e.inspect();
            if (!ctx)
                return ctx.error();
            cal = (*ctx)->calendar;
        }
        Instant a = m_f.firstHour;
        while (a < m_f.endAt) {
            const Instant b = std::min(cal.dayStart(a) + kMicrosPerDay, m_f.endAt);
            if (!m_step())
                return Error::refused(EngineTr::tr("the simulation was cancelled"));
            // The changes of this date, at its 00:00:00, in file order.
            for (const Change &c : m_s.changes) {
                if (c.date.isEmpty() || c.at != a)
                    continue;
                clock.set(a);
                const Status st = e.run([&](Context &ctx) { return applyChange(ctx, c); });
                if (!st)
                    out.refused.push_back({c.index, a, st.error().message});
            }
            const QByteArray file = callFile(m_f.window, m_f.windowStart, a, b, m_s, cal);
            clock.set(b);
            const Status st = importInto(e, file, QStringLiteral("whatif ") + cal.format(a));
            if (!st)
                return st.error();
            a = b;
        }
        auto months = e.run([&](Context &ctx) { return collect(ctx, m_f); });
        if (!months)
            return months.error();
        out.months = std::move(*months);
        return out;
    }

private:
    const Frame &m_f;
    const Scenario &m_s;
    QString m_actor;
    std::function<bool()> m_step;
};
} // namespace

Result<Report> plan(Engine &account, Instant now, const QString &actor,
                    const std::vector<Scenario> &scenarios, int months, const Progress &progress)
{
    if (scenarios.size() > size_t(kMaxScenarios))
        return Error::badUsage(EngineTr::tr("at most %1 scenarios at a time").arg(kMaxScenarios));
    if (months < 1 || months > kMaxMonths)
        return Error::badUsage(
            EngineTr::tr("months must be from 1 to %1, not %2").arg(kMaxMonths).arg(months));
    Frame f;
    f.now = now;
    std::vector<Scenario> resolved = scenarios;
    {
        auto ctx = account.inspect();
        if (!ctx)
            return ctx.error();
        Context &c = **ctx;
        c.now = now;
        f.firstHour = c.calendar.hourStart(now) == now ? now : c.calendar.hourStart(now) + kMicrosPerHour;
        f.reportFrom = c.calendar.nextMonthStart(now);
        f.endAt = c.calendar.addMonths(f.reportFrom, months);
        for (Scenario &s : resolved)
            if (Status st = resolve(c, s, f.endAt); !st)
                return st.error();
    }
    auto window = synthesisWindow(account, now, f.windowStart);
    if (!window)
        return window.error();
    f.window = std::move(*window);

    QTemporaryDir dir;
    if (!dir.isValid())
        return Error::internal(EngineTr::tr("cannot create a scratch folder for the simulation"));
    const int days = int((f.endAt - f.firstHour + kMicrosPerDay - 1) / kMicrosPerDay) + 1;
    const int total = days * int(resolved.size() + 1);
    int done = 0;
    auto step = [&] {
        ++done;
        return !progress || progress(done, total);
    };
    // The account as it is now, once: every run starts from a copy of this file.
    const QString master = dir.filePath(QStringLiteral("account.sqlite"));
    if (Status st = scratchCopy(account.database(), master, actor); !st)
        return st.error();
    auto runOne = [&](const Scenario &s, int i) -> Result<RunResult> {
        const QString copy = dir.filePath(QStringLiteral("scratch%1.sqlite").arg(i));
        if (!QFile::copy(master, copy))
            return Error::internal(EngineTr::tr("cannot copy the scratch account"));
        return Run(f, s, actor, step).go(copy);
    };
    Report report;
    report.months = months;
    report.from = f.firstHour;
    Scenario base;
    base.name = EngineTr::tr("baseline");
    auto b = runOne(base, 0);
    if (!b)
        return b.error();
    report.baseline = std::move(*b);
    for (size_t i = 0; i < resolved.size(); ++i) {
        auto r = runOne(resolved[i], int(i) + 1);
        if (!r)
            return r.error();
        report.scenarios.push_back(std::move(*r));
    }
    if (progress)
        progress(total, total);
    return report;
}

} // namespace billing::whatif
