#include "analysis/allocation.h"
#include "analysis/tr.h"

#include "analysis/costpieces.h"
#include "analysis/costrepository.h"
#include "engine/context.h"

#include <QCoreApplication>

#include <algorithm>
#include <map>
#include <numeric>

namespace billing {

std::vector<Money> splitLargestRemainder(Money total, const std::vector<qint64> &weights)
{
    const size_t n = weights.size();
    std::vector<Money> parts(n);
    if (n == 0)
        return parts;
    const bool negative = total.isNegative();
    const Money abs = negative ? -total : total;
    const qint64 cents = abs.units() / Money::CentUnits;
    const Money subCent = abs.centRemainder();

    std::vector<Int128> w(n);
    Int128 sum = 0;
    for (size_t i = 0; i < n; ++i) {
        w[i] = std::max<qint64>(weights[i], 0);
        sum += w[i];
    }
    if (sum == 0) {
        std::fill(w.begin(), w.end(), Int128(1));
        sum = Int128(n);
    }
    std::vector<Int128> remainder(n);
    qint64 given = 0;
    for (size_t i = 0; i < n; ++i) {
        const Int128 product = Int128(cents) * w[i];
        const qint64 q = qint64(product / sum);
        remainder[i] = product % sum;
        parts[i] = Money::fromCents(q);
        given += q;
    }
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
    for (qint64 left = cents - given, k = 0; left > 0; --left, ++k)
        parts[order[size_t(k)]] += Money::fromCents(1);
    if (!subCent.isZero()) {
        size_t largest = 0;
        for (size_t i = 1; i < n; ++i)
            if (w[i] > w[largest])
                largest = i;
        parts[largest] += subCent;
    }
    if (negative)
        for (Money &m : parts)
            m = -m;
    return parts;
}

QString allocationRuleId(AllocationRule r)
{
    switch (r) {
    case AllocationRule::Proportional:
        return QStringLiteral("proportional");
    case AllocationRule::Even:
        return QStringLiteral("even");
    case AllocationRule::Fixed:
        return QStringLiteral("fixed");
    }
    return QString();
}

std::optional<AllocationRule> allocationRuleFromId(const QString &id)
{
    for (auto r : {AllocationRule::Proportional, AllocationRule::Even, AllocationRule::Fixed})
        if (allocationRuleId(r) == id)
            return r;
    return std::nullopt;
}

Result<std::vector<Money>> allocateShared(Money total, AllocationRule rule,
                                          const std::vector<ProjectShare> &projects)
{
    if (projects.empty()) {
        if (total.isZero())
            return std::vector<Money>();
        return Error::badUsage(AnalysisTr::tr("a shared cost needs at least one project to go to"));
    }
    std::vector<qint64> weights;
    switch (rule) {
    case AllocationRule::Proportional:
        for (const ProjectShare &p : projects)
            weights.push_back(std::max<qint64>(p.coveredCalls, 0));
        break; // all zero → even (splitLargestRemainder)
    case AllocationRule::Even:
        weights.assign(projects.size(), 1);
        break;
    case AllocationRule::Fixed: {
        qint64 sum = 0;
        for (const ProjectShare &p : projects) {
            if (p.fixedBasisPoints < 0)
                return Error::badUsage(AnalysisTr::tr("the share of %1 is negative").arg(p.project));
            sum += p.fixedBasisPoints;
            weights.push_back(p.fixedBasisPoints);
        }
        if (sum != 10000)
            return Error::badUsage(AnalysisTr::tr("fixed shares must add up to 100 % (they add up to %1 %)")
                                       .arg(Money::fromUnits(sum * (Money::Scale / 100)).toString(0)));
        break;
    }
    }
    return splitLargestRemainder(total, weights);
}

Result<std::vector<ProjectCost>> allocateCosts(Context &ctx, Instant from, Instant to, AllocationRule rule,
                                               const QHash<QString, qint64> &fixedBasisPoints)
{
    if (from >= to)
        return Error::badUsage(AnalysisTr::tr("the start of the range must be before its end"));
    std::vector<CostPiece> pieces;
    CostQuery q;
    q.from = from;
    q.to = to;
    q.groupBy = QStringList{costDimensionId(CostDimension::Project)};
    if (Status s = gatherPieces(ctx, q, kMicrosPerHour, pieces); !s)
        return s.error();
    std::map<QString, ProjectCost> byProject;
    for (const CostPiece &p : pieces) {
        if (p.project.isEmpty())
            continue; // shared: split below, package by package
        ProjectCost &pc = byProject[p.project];
        pc.project = p.project;
        pc.calls += p.calls;
        pc.direct += p.cost;
    }
    // Shared costs: purchases, renewals and refunds dated in the range, per package.
    std::map<qint64, Money> sharedByPackage;
    Money unattributed;
    for (Record::Type type : {Record::Type::Purchase, Record::Type::Renewal, Record::Type::Refund}) {
        RecordFilter f;
        f.from = from;
        f.to = to;
        f.type = type;
        auto recs = ctx.records.list(f);
        if (!recs)
            return recs.error();
        for (const Record &r : *recs) {
            if (r.packageId)
                sharedByPackage[*r.packageId] += r.charged;
            else
                unattributed += r.charged;
        }
    }
    std::map<qint64, std::map<QString, qint64>> coveredByPackage;
    if (rule == AllocationRule::Proportional) {
        CostRepository repo(ctx.db);
        auto covered = repo.packageUsage();
        if (!covered)
            return covered.error();
        for (const auto &c : *covered)
            coveredByPackage[c.packageId][c.project] += c.calls;
    }
    std::vector<QString> active;
    for (const auto &[name, pc] : byProject)
        if (pc.calls > 0)
            active.push_back(name);
    auto addShared = [&](const QString &project, Money m) {
        ProjectCost &pc = byProject[project];
        pc.project = project;
        pc.shared += m;
    };
    auto evenShares = [&]() {
        std::vector<ProjectShare> shares;
        for (const QString &p : active)
            shares.push_back({p, 0, 0});
        return shares;
    };
    for (const auto &[packageId, amount] : sharedByPackage) {
        std::vector<ProjectShare> shares;
        AllocationRule use = rule;
        if (rule == AllocationRule::Proportional) {
            for (const auto &[project, calls] : coveredByPackage[packageId])
                if (calls > 0)
                    shares.push_back({project, calls, 0});
            if (shares.empty()) {
                shares = evenShares();
                use = AllocationRule::Even;
            }
        } else if (rule == AllocationRule::Even) {
            shares = evenShares();
        } else {
            std::vector<QString> names(fixedBasisPoints.keyBegin(), fixedBasisPoints.keyEnd());
            std::sort(names.begin(), names.end());
            for (const QString &p : names)
                shares.push_back({p, 0, fixedBasisPoints.value(p)});
        }
        if (shares.empty()) {
            unattributed += amount;
            continue;
        }
        auto parts = allocateShared(amount, use, shares);
        if (!parts)
            return parts.error();
        for (size_t i = 0; i < shares.size(); ++i)
            addShared(shares[i].project, (*parts)[i]);
    }
    if (!unattributed.isZero())
        addShared(kProjectShared, unattributed);
    std::vector<ProjectCost> out;
    for (auto &[name, pc] : byProject)
        out.push_back(pc);
    return out;
}

} // namespace billing
