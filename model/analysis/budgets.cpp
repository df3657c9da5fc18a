#include "analysis/budgets.h"
#include "analysis/tr.h"
#include "core/shown.h"

#include "analysis/allocation.h"
#include "analysis/costpieces.h"
#include "analysis/costrepository.h"
#include "engine/context.h"
#include "storage/tagrepository.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <map>
#include <set>

namespace billing {

namespace {
bool crossed(Money spend, Money amount, int threshold)
{
    return Int128(spend.units()) * 100 >= Int128(amount.units()) * threshold;
}

int percentOf(Money spend, Money amount)
{
    if (amount.units() <= 0)
        return 0;
    return int(Int128(spend.units()) * 100 / amount.units());
}
bool passes(const QStringList &filter, const QString &value)
{
    return filter.isEmpty() || filter.contains(value);
}

// Whether a project's own charges count in the scope (its API and region checked apart).
struct ProjectMatch
{
    const BudgetScope &scope;
    std::map<QString, QStringList> tags; // read only when the scope has tags

    bool operator()(const QString &project) const
    {
        if (!passes(scope.projects, project))
            return false;
        if (scope.tags.isEmpty())
            return true;
        auto it = tags.find(project);
        if (it == tags.end())
            return false;
        for (const QString &t : it->second)
            if (scope.tags.contains(t))
                return true;
        return false;
    }
};

// The shares of the scope's projects in the package purchases, renewals and refunds of [from, to) that
// match the scope's API and region (see budgets.h).
Status addSharedParts(Context &ctx, const BudgetScope &scope, const ProjectMatch &matches, Instant from,
                      Instant to, const std::set<QString> &activeProjects, std::vector<DatedCost> &out)
{
    RecordFilter f; // package records are few: all of them, then by their cash instant (expenditure time)
    f.types = {Record::Type::Purchase, Record::Type::Renewal, Record::Type::Refund};
    auto recs = ctx.records.list(f);
    if (!recs)
        return recs.error();
    std::vector<const Record *> shared;
    for (const Record &r : *recs)
        if (r.packageId && passes(scope.apis, r.api) && passes(scope.regions, r.region) &&
            r.expenditureAt >= from && r.expenditureAt < to && !r.charged.isZero())
            shared.push_back(&r);
    if (shared.empty())
        return {};
    std::map<qint64, std::map<QString, qint64>> covered;
    auto usage = CostRepository(ctx.db).packageUsage();
    if (!usage)
        return usage.error();
    for (const CostRepository::Covered &c : *usage)
        if (c.expenditureAt < to && c.calls > 0)
            covered[c.packageId][c.project] += c.calls;
    for (const Record *r : shared) {
        std::vector<ProjectShare> shares;
        AllocationRule rule = AllocationRule::Proportional;
        for (const auto &[project, calls] : covered[*r->packageId])
            shares.push_back({project, calls, 0});
        if (shares.empty()) {
            rule = AllocationRule::Even;
            for (const QString &p : activeProjects)
                shares.push_back({p, 0, 0});
        }
        if (shares.empty())
            continue; // no project to go to: outside every project scope
        auto parts = allocateShared(r->charged, rule, shares);
        if (!parts)
            return parts.error();
        Money mine;
        for (size_t i = 0; i < shares.size(); ++i)
            if (matches(shares[i].project))
                mine += (*parts)[i];
        if (!mine.isZero())
            out.push_back({r->expenditureAt, mine});
    }
    return {};
}
} // namespace

Result<std::vector<DatedCost>> scopedCosts(Context &ctx, const BudgetScope &scope, Instant from, Instant to)
{
    std::vector<DatedCost> out;
    if (from >= to)
        return out;
    CostQuery q;
    q.from = from;
    q.to = to;
    q.granularity = CostQuery::Day;
    // gatherPieces reads the columns grouped by (the limit of two is analyzeCost's, for its rows).
    q.groupBy = QStringList{costDimensionId(CostDimension::Api), costDimensionId(CostDimension::Region),
                            costDimensionId(CostDimension::Project)};
    std::vector<CostPiece> pieces;
    if (Status s = gatherPieces(ctx, q, kMicrosPerDay, pieces); !s)
        return s.error();
    ProjectMatch matches{scope, {}};
    if (!scope.tags.isEmpty()) {
        auto tags = TagRepository(ctx.db).all();
        if (!tags)
            return tags.error();
        matches.tags = std::move(*tags);
    }
    std::set<QString> active;
    for (const CostPiece &p : pieces) {
        if (!p.project.isEmpty() && p.calls > 0)
            active.insert(p.project);
        if (!passes(scope.apis, p.api) || !passes(scope.regions, p.region))
            continue;
        if (p.project.isEmpty() ? !scope.byProject() : matches(p.project))
            out.push_back({p.at, p.cost});
    }
    if (scope.byProject())
        if (Status s = addSharedParts(ctx, scope, matches, from, to, active, out); !s)
            return s.error();
    return out;
}

Result<Forecast> scopedForecastAt(Context &ctx, const BudgetScope &scope, Instant monthStart, Instant asOf)
{
    if (scope.isEmpty())
        return forecastMonthAt(ctx, monthStart, asOf);
    asOf = forecastAsOf(ctx, monthStart, asOf);
    auto costs = scopedCosts(ctx, scope, monthStart, asOf);
    if (!costs)
        return costs.error();
    return forecastOfCosts(ctx, monthStart, asOf, *costs);
}

std::optional<BudgetScope> scopeOfQuery(const CostQuery &q)
{
    if (!q.categories.isEmpty() || !q.modes.isEmpty())
        return std::nullopt;
    return BudgetScope{q.apis, q.regions, q.projects, q.tags}.normalized();
}

Status checkScopeAgainstCatalog(const Context &ctx, const BudgetScope &scope)
{
    for (const QString &api : scope.apis)
        if (!ctx.catalog.api(api))
            return Error::badUsage(AnalysisTr::tr("unknown API \"%1\"").arg(shownValue(api)));
    for (const QString &region : scope.regions)
        if (!ctx.catalog.region(region))
            return Error::badUsage(AnalysisTr::tr("unknown region \"%1\"").arg(shownValue(region)));
    return {};
}

std::vector<std::pair<int, Money>> thresholdAmounts(const Budget &budget)
{
    std::vector<std::pair<int, Money>> out;
    for (int t : budget.actualThresholds) {
        auto m = Money::scaled(budget.amount, t, 100);
        out.emplace_back(t, m ? m->truncatedToCents() : budget.amount);
    }
    return out;
}

Status checkBudgets(Context &ctx, Instant at, const std::vector<Budget> &budgets)
{
    if (budgets.empty())
        return {};
    BudgetRepository repo(ctx.db);
    const Instant monthStart = ctx.calendar.monthStart(at - 1);
    const QString month = ctx.calendar.monthKey(monthStart);

    // Which thresholds are still open this month, per scope; nothing to compute for a scope with none.
    struct Open
    {
        const Budget *budget;
        BudgetRepository::AlertKey key;
    };
    std::map<QString, std::vector<Open>> openByScope;
    std::map<QString, BudgetScope> scopes;
    for (const Budget &b : budgets) {
        const BudgetScope scope = b.scope.normalized();
        const QString scopeKey = scope.key();
        for (BudgetAlertKind kind : {BudgetAlertKind::Actual, BudgetAlertKind::Forecast})
            for (int t : kind == BudgetAlertKind::Actual ? b.actualThresholds : b.forecastThresholds) {
                BudgetRepository::AlertKey key{b.id, scopeKey, month, t, kind};
                auto done = repo.fired(key);
                if (!done)
                    return done.error();
                if (!*done) {
                    openByScope[scopeKey].push_back({&b, key});
                    scopes[scopeKey] = scope;
                }
            }
    }
    for (const auto &[scopeKey, open] : openByScope) {
        auto f = scopedForecastAt(ctx, scopes[scopeKey], monthStart, at);
        if (!f)
            return f.error();
        for (const Open &o : open) {
            const bool actual = o.key.kind == BudgetAlertKind::Actual;
            if (!actual && f->completeDays < 3)
                continue;
            const Money spend = actual ? f->actual : f->projected;
            if (!crossed(spend, o.budget->amount, o.key.threshold))
                continue;
            if (Status s = repo.record(o.key, at); !s)
                return s;
            QJsonObject args{{QStringLiteral("budget"), o.budget->name},
                             {QStringLiteral("month"), month},
                             {QStringLiteral("threshold"), o.key.threshold},
                             {QStringLiteral("amount"), o.budget->amount.toString()},
                             {QStringLiteral("spend"), spend.truncatedToCents().toString()}};
            if (!scopeKey.isEmpty())
                args.insert(QStringLiteral("scope"), scopeToJson(scopes[scopeKey]));
            const AlertKind kind = actual ? AlertKind::BudgetActual : AlertKind::BudgetForecast;
            QString key = QStringLiteral("budget:%1:%2:%3:%4")
                              .arg(o.budget->id)
                              .arg(month)
                              .arg(o.key.threshold)
                              .arg(budgetAlertKindId(o.key.kind));
            if (!scopeKey.isEmpty())
                key += u':' + scopeKey;
            if (Status s = ctx.notify(at, kind, args, key); !s)
                return s;
        }
    }
    return {};
}

Result<std::vector<BudgetStatus>> budgetStatuses(Context &ctx)
{
    auto budgets = BudgetRepository(ctx.db).all();
    if (!budgets)
        return budgets.error();
    std::vector<BudgetStatus> out;
    if (budgets->empty())
        return out;
    const Instant monthStart = ctx.calendar.monthStart(ctx.now);
    std::map<QString, Forecast> byScope; // budgets of one scope share its figures
    for (const Budget &b : *budgets) {
        const BudgetScope scope = b.scope.normalized();
        auto it = byScope.find(scope.key());
        if (it == byScope.end()) {
            auto f = scopedForecastAt(ctx, scope, monthStart, ctx.calendar.hourStart(ctx.now));
            if (!f)
                return f.error();
            it = byScope.emplace(scope.key(), std::move(*f)).first;
        }
        const Forecast &f = it->second;
        BudgetStatus s;
        s.budget = b;
        s.month = f.month;
        s.actual = f.actual;
        s.forecast = f;
        s.actualPercent = percentOf(f.actual, b.amount);
        s.forecastPercent = percentOf(f.projected, b.amount);
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace billing
