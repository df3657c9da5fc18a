#pragma once

// Cost analysis (billing-rules §10): cost over time in the cash and amortized views, filtered and
// grouped by up to two dimensions.
//
// Readings chosen where the rules are open:
// - Cash view, time of a charge: a record counts at its expenditure time (usage: its hour; purchases,
//   renewals, refunds: their payment time) — except a late usage line whose charge went into a later
//   bill month because its own month was already final (billing-rules §12.15): that one counts at the
//   hour of the settlement that billed it, which lies in its bill month. So hour, day and month rows
//   always add up to each other, and a whole month's cash total equals that month's bill totals.charged.
// - Amortized view: every cost counts at the hour the calls were made (late lines included); a package's
//   price is spread over the lines it covered, in the order they were written, by cumulative flooring in
//   whole cents (line i gets floor(P·c_i/Q) − floor(P·c_{i−1}/Q), c_i = calls covered so far), so the
//   parts never change once shown and add up to the cent; when the package is used up the last line
//   takes what is left. The unused part becomes "waste" at the package's last second, once the package
//   has expired before both `to` and the last settled hour. Cancelled (refunded) packages cost nothing.
// - Dimensions: purchases, renewals, refunds and waste have no project: they group as "(shared)" under
//   project and tag. A project without tags groups as "(untagged)"; a project with several tags counts
//   in each of its tags (so rows grouped by tag may add up to more than the total; `total` counts each
//   cost once).
#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace billing {

struct Context;
class BillingCalendar;

inline const QString kProjectShared = QStringLiteral("(shared)");
inline const QString kTagUntagged = QStringLiteral("(untagged)");
inline const QString kModeWaste = QStringLiteral("waste");

// What cost can be grouped and filtered by. The ids ("api", "category", …) are what the command line,
// the pages, saved views and CostRow::keys use; costDimensionId/costDimensionFromId map between the two.
enum class CostDimension { Api, Category, Region, Mode, Project, Tag };
QString costDimensionId(CostDimension d);
std::optional<CostDimension> costDimensionFromId(const QString &id);
// Every id, in the order above: "api", "category", "region", "mode", "project", "tag".
const QStringList &costDimensions();

struct CostQuery
{
    enum Granularity { Hour, Day, Month };
    enum View { Cash, Amortized };

    Instant from = 0; // inclusive
    Instant to = 0;   // exclusive
    Granularity granularity = Day;
    QStringList groupBy; // up to 2 of costDimensions()
    View view = Cash;
    // Filters: empty means all. Values as they appear in the rows ("(shared)", "(untagged)" included).
    QStringList apis;
    QStringList categories;
    QStringList regions;
    QStringList projects;
    QStringList modes;
    QStringList tags;
    // Read from the records even where the cost rollups could answer (tests and benchmarks compare the
    // two; see costpieces.h for when the rollups answer).
    bool scanRecords = false;
};

QString granularityId(CostQuery::Granularity g); // "hour", "day", "month"
std::optional<CostQuery::Granularity> granularityFromId(const QString &id);
QString viewId(CostQuery::View v); // "cash", "amortized"
std::optional<CostQuery::View> viewFromId(const QString &id);
// Checks a query's shape (range, dimensions); the error is a bad-usage error.
Status validateCostQuery(const CostQuery &q);

// The first instant of the hour, day or month holding t (billing time zone).
Instant periodStart(const BillingCalendar &cal, CostQuery::Granularity g, Instant t);

struct CostRow
{
    Instant period = 0;              // first instant of the hour, day or month (billing time zone)
    std::map<QString, QString> keys; // dimension id → value, for each dimension of groupBy
    qint64 calls = 0;
    Money cost;
};

struct CostResult
{
    std::vector<CostRow> rows; // by period, then by key values
    Money total;               // every cost counted once, whatever the grouping
    qint64 calls = 0;
};

Result<CostResult> analyzeCost(Context &ctx, const CostQuery &q);
// analyzeCost(…).total of the cash view over [from, to) without filters, grouping or rows: the one
// figure the overview shows, read without the grouping that analyzeCost pays for.
Result<Money> cashTotal(Context &ctx, Instant from, Instant to);

} // namespace billing
