#include "reconcile/reconciliation.h"
#include "reconcile/linetable.h"
#include "reconcile/tr.h"

#include "auth/identity.h"
#include "engine/context.h"
#include "mapping/profiles.h"
#include "storage/reconcilerepository.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace billing {

namespace {

using linetable::LineId;
using linetable::LineMap;

const Money kCent = Money::fromCents(1);

Error cancelled()
{
    return Error::refused(ReconcileTr::tr("The reconciliation was cancelled."));
}

bool sameCharge(const LineFigures &a, const LineFigures &b)
{
    // A file without usage says nothing about calls: only its amounts are compared.
    return (!a.callsKnown || !b.callsKnown || a.calls == b.calls) && a.fee == b.fee && a.charged == b.charged;
}

QString neighbour(const BillingCalendar &cal, const QString &month, int by)
{
    auto start = cal.parseMonth(month);
    return start ? cal.monthKey(cal.addMonths(*start, by)) : QString();
}

// One month's comparison (provider-bills.md §2 "Matching").
class MonthMatcher
{
public:
    MonthMatcher(MonthReconciliation &out, const LineMap &provider, const LineMap &ours,
                 const linetable::Names &names)
        : m_out(out)
    {
        provider.forEach([&](const LineId &k, const LineFigures &f) {
            m_out.providerCharged += f.charged;
            const LineFigures *o = ours.find(k);
            if (o && sameCharge(f, *o))
                ++m_out.matched;
            else
                m_open.push_back({k, {}, f, o ? std::optional(*o) : std::nullopt, {}});
        });
        ours.forEach([&](const LineId &k, const LineFigures &f) {
            m_out.oursCharged += f.charged;
            if (!provider.contains(k))
                m_open.push_back({k, {}, std::nullopt, f, {}});
        });
        // The differences in key order, as people read them (and as the timing passes take them).
        for (Open &o : m_open)
            o.key = names.keyOf(m_out.month, o.id);
        std::sort(m_open.begin(), m_open.end(), [](const Open &a, const Open &b) { return a.key < b.key; });
    }

    // A package-covered line on one side and pay-per-use on the other: the same calls in all of a key's
    // modes, split otherwise.
    void packageCoverage()
    {
        std::map<BillLineKey, std::pair<qint64, qint64>> calls; // mode-less key → (provider, ours)
        std::map<BillLineKey, std::set<QString>> modes;
        for (const Open &o : m_open) {
            BillLineKey k = o.key;
            k.mode.clear();
            calls[k].first += o.provider ? o.provider->calls : 0;
            calls[k].second += o.ours ? o.ours->calls : 0;
            modes[k].insert(o.key.mode);
        }
        for (Open &o : m_open) {
            BillLineKey k = o.key;
            k.mode.clear();
            const auto &[p, ours] = calls[k];
            if (!o.cause && modes[k].size() > 1 && p == ours && (!o.provider || o.provider->callsKnown) &&
                (o.provider ? o.provider->calls : 0) != (o.ours ? o.ours->calls : 0))
                o.cause = Cause::PackageCoverage;
        }
    }

    // The same charge one hour apart within the month.
    void hourTiming()
    {
        for (Open &p : m_open) {
            if (p.cause || !p.provider || p.ours || p.key.hour == kNoHour)
                continue;
            for (Open &o : m_open) {
                if (o.cause || o.provider || !o.ours || o.key.hour == kNoHour)
                    continue;
                BillLineKey a = p.key, b = o.key;
                const Instant apart = a.hour - b.hour;
                a.hour = b.hour = 0;
                if (a == b && (apart == kMicrosPerHour || apart == -kMicrosPerHour) &&
                    sameCharge(*p.provider, *o.ours)) {
                    p.cause = o.cause = Cause::Timing;
                    break;
                }
            }
        }
    }

    // The same charge in the neighbouring month on the other side (and not matched there).
    void monthTiming(const std::vector<std::pair<const LineMap *, const LineMap *>> &neighbours)
    {
        for (Open &x : m_open) {
            if (x.cause || (x.provider && x.ours))
                continue;
            const LineFigures &f = x.provider ? *x.provider : *x.ours;
            for (const auto &[otherSide, sameSide] : neighbours) {
                const LineMap &other = x.provider ? *otherSide : *sameSide;
                const LineMap &mine = x.provider ? *sameSide : *otherSide;
                const LineFigures *g = other.find(x.id);
                if (g && sameCharge(f, *g)) {
                    const LineFigures *same = mine.find(x.id);
                    if (!same || !sameCharge(*same, *g)) {
                        x.cause = Cause::Timing;
                        break;
                    }
                }
            }
        }
    }

    void finish()
    {
        for (Open &o : m_open) {
            Difference d{o.key, o.provider, o.ours, Money(), Cause::OnlyProvider};
            d.difference =
                (o.provider ? o.provider->charged : Money()) - (o.ours ? o.ours->charged : Money());
            if (o.cause) {
                d.cause = *o.cause;
            } else if (!o.ours) {
                d.cause = Cause::OnlyProvider;
            } else if (!o.provider) {
                d.cause = Cause::OnlyOurs;
            } else if (o.provider->callsKnown && o.provider->calls != o.ours->calls) {
                d.cause = o.provider->calls > o.ours->calls ? Cause::UsageMissing : Cause::UsageExtra;
            } else if (o.provider->fee == o.ours->fee && Money::max(d.difference, -d.difference) <= kCent) {
                d.cause = Cause::Rounding;
            } else {
                d.cause = Cause::Price;
            }
            m_out.differences.push_back(std::move(d));
        }
    }

private:
    struct Open
    {
        LineId id;
        BillLineKey key;
        std::optional<LineFigures> provider;
        std::optional<LineFigures> ours;
        std::optional<Cause> cause;
    };
    MonthReconciliation &m_out;
    std::vector<Open> m_open;
};

} // namespace

bool Reconciliation::matches() const
{
    for (const MonthReconciliation &m : months)
        if (!m.differences.empty())
            return false;
    return true;
}

Result<Reconciliation> reconcile(Context &ctx, const ReconcileRequest &request, const ReconcileHooks &hooks)
{
    if (request.files.isEmpty())
        return Error::badUsage(ReconcileTr::tr("reconcile needs at least one file"));
    if (!request.month.isEmpty())
        if (auto m = ctx.calendar.parseMonth(request.month); !m)
            return m.error();
    BillFileOptions options;
    options.catalog = &ctx.catalog;
    options.accountName = ctx.account.name;
    options.currency = ctx.account.currency;
    options.calendar = ctx.calendar;
    options.month = request.month;
    if (!request.profile.isEmpty()) {
        auto p = columnProfile(ctx, ProfileKind::ProviderBill, request.profile);
        if (!p)
            return p.error();
        options.profile = *p;
    }
    const auto isCancelled = [&] { return hooks.cancel && hooks.cancel->load(); };

    Reconciliation result;
    linetable::Names names;
    linetable::ProviderLines provider(names);
    auto summaries = linetable::readProviderFiles(
        request.files, options, request.limits, provider,
        [&](int file, qint64 done, qint64 total) {
            return !hooks.progress || hooks.progress(file, int(request.files.size()), done, total);
        },
        isCancelled);
    if (!summaries)
        return summaries.error();
    result.files = std::move(*summaries);

    std::set<QString> months;
    for (const auto &[month, lines] : provider.months())
        if (request.month.isEmpty() || month == request.month)
            months.insert(month);
    if (!request.month.isEmpty())
        months.insert(request.month);

    ReconcileRepository repo(ctx.db);
    // A month's lines of both sides at a grain, read once: each month is also the neighbour of the two
    // beside it. Only the months around the current one are kept.
    struct Sides
    {
        LineMap provider;
        LineMap ours;
    };
    std::map<std::tuple<QString, bool, bool>, Sides> window;
    auto sides = [&](const QString &m, bool byHour, bool byProject) -> Result<const Sides *> {
        auto it = window.find({m, byHour, byProject});
        if (it != window.end())
            return &it->second;
        Sides s;
        s.provider = provider.atGrain(m, byHour, byProject);
        s.ours.reserve(s.provider.size()); // about as many: sized once
        Status st =
            repo.ourLines(m, byHour, byProject, [&](const BillLineKey &k, const LineFigures &f) -> Status {
                s.ours[names.idOf(k)] += f;
                return {};
            });
        if (!st)
            return st.error();
        s.ours.dropZero();
        return &window.emplace(std::tuple(m, byHour, byProject), std::move(s)).first->second;
    };
    for (const QString &month : months) {
        if (isCancelled())
            return cancelled();
        const QString before = neighbour(ctx.calendar, month, -1), after = neighbour(ctx.calendar, month, 1);
        std::erase_if(window, [&](const auto &w) {
            const QString &m = std::get<0>(w.first);
            return m != before && m != month && m != after;
        });
        bool byHour = false, byProject = false;
        if (auto it = provider.months().find(month);
            it != provider.months().end() && !it->second.lines.empty()) {
            byHour = it->second.allHours;
            byProject = it->second.allProjects;
        }
        auto here = sides(month, byHour, byProject);
        if (!here)
            return here.error();
        MonthReconciliation out;
        out.month = month;
        auto reconciled = repo.isReconciled(month);
        if (!reconciled)
            return reconciled.error();
        out.reconciled = *reconciled;
        MonthMatcher matcher(out, (*here)->provider, (*here)->ours, names);
        matcher.packageCoverage();
        if (byHour)
            matcher.hourTiming();
        // ours of the neighbour (the other side for a provider line), the provider's of the neighbour
        std::vector<std::pair<const LineMap *, const LineMap *>> neighbours;
        for (const QString &other : {before, after}) {
            auto theirs = sides(other, byHour, byProject);
            if (!theirs)
                return theirs.error();
            neighbours.emplace_back(&(*theirs)->ours, &(*theirs)->provider);
        }
        matcher.monthTiming(neighbours);
        matcher.finish();
        result.months.push_back(std::move(out));
    }
    return result;
}

Result<bool> monthReconciled(Context &ctx, const QString &month)
{
    return ReconcileRepository(ctx.db).isReconciled(month);
}

Status acceptReconciliation(Context &ctx, const QString &month, const QString &note,
                            const Reconciliation *evidence)
{
    if (Status s = authorize(ctx, Permission::CloseMonth); !s)
        return s;
    if (auto m = ctx.calendar.parseMonth(month); !m)
        return m.error();
    QJsonObject after{{QStringLiteral("month"), month}, {QStringLiteral("note"), note}};
    if (evidence) {
        const MonthReconciliation *found = nullptr;
        for (const MonthReconciliation &m : evidence->months)
            if (m.month == month)
                found = &m;
        if (!found)
            return Error::refused(ReconcileTr::tr("the files hold no line of %1").arg(month));
        QJsonArray files, differences;
        for (const BillFileSummary &f : evidence->files)
            files.append(QJsonObject{{QStringLiteral("file"), QFileInfo(f.path).fileName()},
                                     {QStringLiteral("format"), f.format},
                                     {QStringLiteral("sha256"), QString::fromLatin1(f.sha256)}});
        for (const Difference &d : found->differences)
            differences.append(differenceJson(d, ctx.calendar));
        after.insert(QStringLiteral("files"), files);
        after.insert(QStringLiteral("provider_charged"), found->providerCharged.toString());
        after.insert(QStringLiteral("ours_charged"), found->oursCharged.toString());
        after.insert(QStringLiteral("difference"), found->difference().toString());
        after.insert(QStringLiteral("differences"), differences);
    }
    return ctx.audit(ReconcileRepository::acceptAction(), ReconcileRepository::acceptSubject(month), {},
                     after);
}

} // namespace billing
