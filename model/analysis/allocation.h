#pragma once

// Allocation of shared costs over enterprise projects (billing-rules §10).
#include "analysis/costanalysis.h" // kProjectShared: where a cost with no project to go to stays
#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QHash>
#include <QString>

#include <optional>
#include <vector>

namespace billing {

struct Context;

// Parts proportional to the weights, each truncated toward zero to whole cents; the cents left over go
// one each to the parts with the largest remainders (ties: the earlier index). A total with a fraction
// of a cent gives that fraction to the part with the largest weight (ties: earlier). Negative weights
// count as 0; when every weight is 0 the total is split evenly. A negative total (a refund) is split
// as its absolute value and every part negated. The parts always add up to exactly `total`.
std::vector<Money> splitLargestRemainder(Money total, const std::vector<qint64> &weights);

enum class AllocationRule { Proportional, Even, Fixed };
QString allocationRuleId(AllocationRule r); // "proportional", "even", "fixed"
std::optional<AllocationRule> allocationRuleFromId(const QString &id);

struct ProjectShare
{
    QString project;
    qint64 coveredCalls = 0;     // Proportional: the calls the shared cost served for this project
    qint64 fixedBasisPoints = 0; // Fixed: percentage × 100 (they must add up to 10000)
};
// Splits one shared cost over projects by the rule (Proportional with no calls at all falls back to Even).
Result<std::vector<Money>> allocateShared(Money total, AllocationRule rule,
                                          const std::vector<ProjectShare> &projects);

struct ProjectCost
{
    QString project;
    qint64 calls = 0;
    Money direct; // pay-per-use charges of the project's own calls
    Money shared; // its share of package purchases, renewals and refunds
    Money total() const { return direct + shared; }
};
// The cash cost of [from, to) per enterprise project, shared costs split by the rule: each package's
// net cost in the range goes to the projects whose calls it covered (Proportional, by covered calls over
// its life so far), evenly over the projects with calls in the range (Even, or Proportional when the
// package covered nothing yet), or by the given percentages (Fixed). The projects' totals add up to the
// cash total of the range; a shared cost with no project to go to stays on "(shared)".
Result<std::vector<ProjectCost>> allocateCosts(Context &ctx, Instant from, Instant to, AllocationRule rule,
                                               const QHash<QString, qint64> &fixedBasisPoints = {});

} // namespace billing
