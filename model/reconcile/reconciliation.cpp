#include "reconcile/reconciliation.h"
#include "reconcile/tr.h"

#include "auth/identity.h"
#include "engine/context.h"
#include "mapping/profiles.h"
#include "storage/reconcilerepository.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>

#include <map>
#include <set>

namespace billing {

namespace {

using Lines = std::map<BillLineKey, LineFigures>;

const Money kCent = Money::fromCents(1);

Error cancelled()
{
    return Error::refused(ReconcileTr::tr("The reconciliation was cancelled."));
}

// The key at a coarser grain: without the hour, without the project.
BillLineKey coarse(BillLineKey k, bool byHour, bool byProject)
{
    if (!byHour)
        k.hour = kNoHour;
    if (!byProject)
        k.project.reset();
    return k;
}

Lines atGrain(const Lines &lines, const QString &month, bool byHour, bool byProject)
{
    Lines out;
    for (const auto &[k, f] : lines)
        if (k.month == month)
            out[coarse(k, byHour, byProject)] += f;
    return out;
}

void dropZero(Lines &lines)
{
    for (auto it = lines.begin(); it != lines.end();)
        it = it->second.isZero() ? lines.erase(it) : std::next(it);
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
    MonthMatcher(MonthReconciliation &out, const Lines &provider, const Lines &ours) : m_out(out)
    {
        for (const auto &[k, f] : provider)
            m_out.providerCharged += f.charged;
        for (const auto &[k, f] : ours)
            m_out.oursCharged += f.charged;
        std::set<BillLineKey> keys;
        for (const auto &[k, f] : provider)
            keys.insert(k);
        for (const auto &[k, f] : ours)
            keys.insert(k);
        for (const BillLineKey &k : keys) {
            auto p = provider.find(k);
            auto o = ours.find(k);
            if (p != provider.end() && o != ours.end() && sameCharge(p->second, o->second))
                ++m_out.matched;
            else
                m_open.push_back({k, p == provider.end() ? std::nullopt : std::optional(p->second),
                                  o == ours.end() ? std::nullopt : std::optional(o->second), std::nullopt});
        }
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
    void monthTiming(const std::vector<std::pair<const Lines *, const Lines *>> &neighbours)
    {
        for (Open &x : m_open) {
            if (x.cause || (x.provider && x.ours))
                continue;
            const LineFigures &f = x.provider ? *x.provider : *x.ours;
            for (const auto &[otherSide, sameSide] : neighbours) {
                const Lines &other = x.provider ? *otherSide : *sameSide;
                const Lines &mine = x.provider ? *sameSide : *otherSide;
                bool found = false;
                for (const auto &[k, g] : other) {
                    BillLineKey a = k;
                    a.month = x.key.month;
                    if (a == x.key && sameCharge(f, g)) {
                        auto same = mine.find(k);
                        found = same == mine.end() || !sameCharge(same->second, g);
                        break;
                    }
                }
                if (found) {
                    x.cause = Cause::Timing;
                    break;
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
    Lines provider;
    for (int i = 0; i < request.files.size(); ++i) {
        const QString &path = request.files[i];
        auto summary = readBillFile(
            path, options,
            [&](const BillLineKey &k, const LineFigures &f) -> Status {
                provider[k] += f;
                return {};
            },
            request.limits,
            [&](qint64 done, qint64 total) {
                return !isCancelled() &&
                       (!hooks.progress || hooks.progress(i, int(request.files.size()), done, total));
            });
        if (!summary)
            return summary.error();
        result.files.push_back(std::move(*summary));
    }

    std::set<QString> months;
    for (const auto &[k, f] : provider)
        if (request.month.isEmpty() || k.month == request.month)
            months.insert(k.month);
    if (!request.month.isEmpty())
        months.insert(request.month);

    ReconcileRepository repo(ctx.db);
    for (const QString &month : months) {
        if (isCancelled())
            return cancelled();
        bool byHour = true, byProject = true, any = false;
        for (const auto &[k, f] : provider)
            if (k.month == month) {
                any = true;
                byHour = byHour && k.hour != kNoHour;
                byProject = byProject && k.project.has_value();
            }
        if (!any)
            byHour = byProject = false;
        auto ourMonth = [&](const QString &m) -> Result<Lines> {
            Lines lines;
            Status s = repo.ourLines(m, byHour, byProject,
                                     [&](const BillLineKey &k, const LineFigures &f) -> Status {
                                         lines[k] += f;
                                         return {};
                                     });
            if (!s)
                return s.error();
            dropZero(lines);
            return lines;
        };
        Lines p = atGrain(provider, month, byHour, byProject);
        dropZero(p);
        auto o = ourMonth(month);
        if (!o)
            return o.error();
        MonthReconciliation out;
        out.month = month;
        auto reconciled = repo.isReconciled(month);
        if (!reconciled)
            return reconciled.error();
        out.reconciled = *reconciled;
        MonthMatcher matcher(out, p, *o);
        matcher.packageCoverage();
        if (byHour)
            matcher.hourTiming();
        std::vector<Lines> keep; // the neighbours' lines, both sides
        keep.reserve(4);
        std::vector<std::pair<const Lines *, const Lines *>> neighbours;
        for (int by : {-1, 1}) {
            const QString other = neighbour(ctx.calendar, month, by);
            auto theirs = ourMonth(other);
            if (!theirs)
                return theirs.error();
            keep.push_back(std::move(*theirs));
            keep.push_back(atGrain(provider, other, byHour, byProject));
            dropZero(keep.back());
        }
        // ours of the neighbour (the other side for a provider line), the provider's of the neighbour
        neighbours.emplace_back(&keep[0], &keep[1]);
        neighbours.emplace_back(&keep[2], &keep[3]);
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
