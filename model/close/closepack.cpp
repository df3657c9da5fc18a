// Assembling the close pack of a final month (closepack.h): the bill, the rounded-off ledger, the
// chargeback statements, budgets against actual, anomalies, the reconciliation and the guards that fired.
#include "close/closepack.h"
#include "close/closeseal.h"
#include "close/tr.h"

#include "analysis/analysissettings.h"
#include "analysis/budgets.h"
#include "engine/context.h"
#include "reconcile/reconciliation.h"
#include "storage/auditrepository.h"
#include "storage/reconcilerepository.h"

#include <QJsonArray>

#include <map>
#include <set>

namespace billing {

namespace {

bool isCharge(Record::Type t)
{
    return t == Record::Type::Usage || t == Record::Type::Purchase || t == Record::Type::Renewal ||
           t == Record::Type::Refund;
}

QString dayText(const Context &ctx, Instant t)
{
    const CivilDate d = ctx.calendar.dateOf(t);
    return QStringLiteral("%1-%2-%3")
        .arg(d.year, 4, 10, QLatin1Char('0'))
        .arg(d.month, 2, 10, QLatin1Char('0'))
        .arg(d.day, 2, 10, QLatin1Char('0'));
}

std::vector<RoundedOffLine> roundedOffLedger(const Context &ctx, const std::vector<Record> &records)
{
    std::map<std::tuple<QString, QString, QString, QString>, RoundedOffLine> lines;
    for (const Record &r : records) {
        if (!isCharge(r.type))
            continue;
        const QString day = dayText(ctx, r.at);
        RoundedOffLine &l = lines[{day, r.api, r.region, r.mode}];
        l.day = day;
        l.api = r.api;
        l.region = r.region;
        l.mode = r.mode;
        l.calls += r.calls;
        l.fee += r.fee;
        l.charged += r.charged;
        l.roundedOff += r.roundedOff;
    }
    std::vector<RoundedOffLine> out;
    for (auto &[key, l] : lines)
        out.push_back(std::move(l));
    return out;
}

Result<std::vector<ChargebackStatement>> chargebacks(const std::vector<Record> &records)
{
    std::map<QString, ChargebackStatement> byProject;
    std::map<std::tuple<QString, QString, QString, QString>, ChargebackItem> direct;
    std::map<qint64, std::map<QString, qint64>> covered; // package → project → calls covered this month
    std::map<qint64, std::pair<Money, Record>> sharedByPackage;
    std::set<QString> withCalls;
    Money unattributed;
    for (const Record &r : records) {
        if (!isCharge(r.type))
            continue;
        if (r.type == Record::Type::Usage) {
            ChargebackItem &i = direct[{r.project, r.api, r.region, r.mode}];
            i.api = r.api;
            i.region = r.region;
            i.mode = r.mode;
            i.calls += r.calls;
            i.amount += r.charged;
            if (r.calls > 0)
                withCalls.insert(r.project);
            if (r.packageId)
                covered[*r.packageId][r.project] += r.calls;
            byProject[r.project].project = r.project;
        } else if (r.packageId) {
            auto &[sum, sample] = sharedByPackage[*r.packageId];
            sum += r.charged;
            sample = r;
        } else {
            unattributed += r.charged;
        }
    }
    for (const auto &[key, item] : direct) {
        ChargebackStatement &s = byProject[std::get<0>(key)];
        s.items.push_back(item);
        s.direct += item.amount;
    }
    for (const auto &[packageId, entry] : sharedByPackage) {
        const auto &[amount, sample] = entry;
        std::vector<ProjectShare> shares;
        AllocationRule rule = AllocationRule::Proportional;
        for (const auto &[project, calls] : covered[packageId])
            if (calls > 0)
                shares.push_back({project, calls, 0});
        if (shares.empty()) {
            rule = AllocationRule::Even;
            for (const QString &p : withCalls)
                shares.push_back({p, 0, 0});
        }
        if (shares.empty()) {
            unattributed += amount;
            continue;
        }
        auto parts = allocateShared(amount, rule, shares);
        if (!parts)
            return parts.error();
        for (size_t i = 0; i < shares.size(); ++i) {
            ChargebackStatement &s = byProject[shares[i].project];
            s.project = shares[i].project;
            ChargebackItem item;
            item.api = sample.api;
            item.region = sample.region;
            item.package = packageId;
            item.calls = shares[i].coveredCalls;
            item.amount = (*parts)[i];
            s.items.push_back(item);
            s.shared += item.amount;
        }
    }
    if (!unattributed.isZero()) {
        ChargebackStatement &s = byProject[kProjectShared];
        s.project = kProjectShared;
        ChargebackItem item;
        item.amount = unattributed;
        s.items.push_back(item);
        s.shared += unattributed;
    }
    std::vector<ChargebackStatement> out;
    for (auto &[name, s] : byProject)
        out.push_back(std::move(s));
    return out;
}

Result<std::vector<BudgetActual>> budgetActuals(Context &ctx, Instant from, Instant to)
{
    auto budgets = allBudgets(ctx);
    if (!budgets)
        return budgets.error();
    std::vector<BudgetActual> out;
    for (const Budget &b : *budgets) {
        auto costs = scopedCosts(ctx, b.scope, from, to);
        if (!costs)
            return costs.error();
        BudgetActual a{b.name, b.scope.describe(), b.amount, Money(), 0};
        for (const DatedCost &c : *costs)
            a.actual += c.cost;
        if (b.amount.units() > 0)
            a.percent = int(Int128(a.actual.units()) * 100 / b.amount.units());
        out.push_back(a);
    }
    return out;
}

// The log's entries of the month: the guards that fired in it (their "disable" entries, by the guard),
// and the newest acceptance of its reconciliation.
Status fromAuditLog(Context &ctx, const QString &month, Instant from, Instant to, ClosePack &pack)
{
    auto entries = AuditRepository(ctx.db).all();
    if (!entries)
        return entries.error();
    const QString guardPrefix = QStringLiteral("guard:");
    std::map<std::pair<Instant, QString>, FiredGuard> fired;
    for (const AuditEntry &e : *entries) {
        if (e.action == ReconcileRepository::acceptAction() &&
            e.subject == ReconcileRepository::acceptSubject(month)) {
            pack.reconciliation.reconciled = true;
            pack.reconciliation.by = e.actor;
            pack.reconciliation.at = ctx.calendar.format(e.at);
            pack.reconciliation.note = e.after.value(QStringLiteral("note")).toString();
            pack.reconciliation.difference = e.after.value(QStringLiteral("difference")).toString();
        }
        if (e.actor.startsWith(guardPrefix) && e.action == QStringLiteral("disable") && e.at >= from &&
            e.at < to) {
            FiredGuard &g = fired[{e.at, e.actor}];
            g.guard = e.actor.mid(guardPrefix.size());
            g.at = ctx.calendar.format(e.at);
            g.services << e.subject;
        }
    }
    for (auto &[key, g] : fired)
        pack.guards.push_back(std::move(g));
    return {};
}

} // namespace

Result<ClosePack> assembleClosePack(Context &ctx, const QString &month)
{
    auto start = ctx.calendar.parseMonth(month);
    if (!start)
        return start.error();
    auto bill = monthlyBill(ctx, month);
    if (!bill)
        return bill.error();
    if (!bill->final)
        return Error::refused(CloseTr::tr("the bill of %1 is not final yet (it becomes final on %2); only a "
                                          "final month can be closed")
                                  .arg(month, ctx.calendar.format(bill->finalAt)));
    const Instant from = *start;
    const Instant to = ctx.calendar.nextMonthStart(from);
    ClosePack pack;
    pack.month = month;
    pack.currency = ctx.account.currency;
    pack.accountName = ctx.account.name;
    pack.bill = std::move(*bill);
    RecordFilter f;
    f.billMonth = month;
    f.sort = RecordSort::Id;
    auto records = ctx.records.list(f);
    if (!records)
        return records.error();
    pack.roundedOff = roundedOffLedger(ctx, *records);
    pack.allocationRule = allocationRuleId(AllocationRule::Proportional);
    auto statements = chargebacks(*records);
    if (!statements)
        return statements.error();
    pack.chargebacks = std::move(*statements);
    auto digests = monthDigests(ctx, month, *records);
    if (!digests)
        return digests.error();
    pack.recordsDigest = digests->records;
    pack.ledgerDigest = digests->ledger;
    pack.tiersDigest = digests->tiers;
    auto budgets = budgetActuals(ctx, from, to);
    if (!budgets)
        return budgets.error();
    pack.budgets = std::move(*budgets);
    auto anomalies = findAnomalies(ctx, from, to);
    if (!anomalies)
        return anomalies.error();
    for (Anomaly &a : *anomalies)
        pack.anomalies.push_back({dayText(ctx, a.day), std::move(a)});
    if (Status s = fromAuditLog(ctx, month, from, to, pack); !s)
        return s.error();
    return pack;
}

QString closeProjectName(const QString &project)
{
    return project.isEmpty() ? CloseTr::tr("(no project)") : project;
}

} // namespace billing
