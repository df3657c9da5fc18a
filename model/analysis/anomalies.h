#pragma once

// Cost anomalies (billing-rules §10, Anomalies): for each complete, settled day and each (API, region,
// enterprise project), the day's cash cost against its baseline, the median of the same weekday's cost
// in the 4 weeks before; and each anomaly's difference from its reference day split into causes.
//
// Readings chosen where the rules are open (docs/billing-decisions.md, "Anomalies", has a worked example):
// - Cost of a day: the cash view's (costanalysis.h) charges of the key's usage lines counted in that day:
//   on-time lines at their hour, late lines at their cash instant. Purchases have no project and are not
//   part of any key.
// - Judged days: days that lie in [dayStart(from), to), have ended by `now` (so they are settled) and
//   whose four weeks before began on or after the day the account was created. Keys are those with any
//   usage (billable or not) on the day or one of its four reference days.
// - Exact arithmetic: with x₁ ≤ … ≤ x₄ the four costs, baseline = (x₂ + x₃) / 2 and MAD the mean of the
//   middle two of |xᵢ − baseline|; the test |cost − baseline| > max(3 × 1.4826 × MAD, baseline / 2, 1.00)
//   is made on integers scaled by 4 (and 10,000 for 1.4826 × 3 = 4.4478), so it never rounds.
//   `baseline` is exact at 8 decimals whenever the day costs are whole cents, which charged amounts are.
// - Causes are attributed in the order late usage, volume, package coverage, tier, price (each step
//   changes one thing from the reference day towards the day); failed share carries no money; volume also
//   takes what the hourly truncation to cents made of the rest, so the causes sum exactly to the
//   difference.
#include "core/result.h"
#include "domain/records.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace billing {

struct Context;
struct Tier;

// What one (API, region, project) did on one day, as far as its cost and its causes go.
struct AnomalyDayUsage
{
    struct TierCalls
    {
        int tier = 0;       // index into the category's tiers
        Money pricePer1000; // the price the calls were rated at
        qint64 calls = 0;
    };
    qint64 covered = 0;   // on-time calls covered by a package
    qint64 payPerUse = 0; // on-time calls paid per use
    Money charged;        // charges of the on-time lines
    Money lateCharged;    // charges of the late lines counted in the day
    qint64 lateCalls = 0;
    qint64 nonBillable = 0;       // failed or rejected calls
    std::vector<TierCalls> tiers; // the on-time pay-per-use calls by tier and price

    Money cost() const { return charged + lateCharged; }
    qint64 billable() const { return covered + payPerUse; }
};

struct AnomalyCauses
{
    Money volume;          // billable calls rose or fell (and the truncation to cents of the rest)
    Money failedShare;     // always 0: non-billable calls cost nothing (their counts are in the anomaly)
    Money packageCoverage; // calls covered by a package on one day and paid per use on the other
    Money tier;            // the month's counter stood in another tier
    Money lateUsage;       // late records billed that day
    Money price;           // the price list changed

    Money sum() const { return volume + failedShare + packageCoverage + tier + lateUsage + price; }
    // The cause with the largest absolute amount (the first of anomalyCauseIds() on a tie).
    QString dominant() const;
    Money byId(const QString &id) const;
};

// "volume", "failed_share", "package_coverage", "tier", "late_usage", "price": the JSON names, in the
// order they are listed (not the order they are attributed in).
const QStringList &anomalyCauseIds();
// The translated name of a cause ("volume" → "volume").
QString anomalyCauseName(const QString &id);

// Splits day.cost() − reference.cost() into causes (the steps: docs/billing-decisions.md, "Anomalies").
// referencePrices: the tiers of the API's category in the price list in force on the reference day (null:
// the prices the calls were rated at). Refused when a cause leaves the range of amounts.
Result<AnomalyCauses> attributeAnomaly(const AnomalyDayUsage &day, const AnomalyDayUsage &reference,
                                       const std::vector<Tier> *referencePrices);

struct Anomaly
{
    Instant day = 0; // the day's first instant (billing time zone)
    QString api;
    QString region;
    QString project;
    Money cost;
    Money baseline;
    Instant referenceDay = 0;
    Money referenceCost;
    Money difference; // cost − referenceCost = causes.sum()
    AnomalyCauses causes;
    qint64 calls = 0; // billable calls counted in the day's cost (late ones included)
    qint64 referenceCalls = 0;
    qint64 failedCalls = 0; // failed or rejected calls made that day
    qint64 referenceFailedCalls = 0;

    bool isRise() const { return cost > baseline; }
};

// The transaction records behind an anomaly, by time of use (RecordFilter::usedFrom) so that they are
// the lines its day's cost sums (docs/billing-decisions.md, "Anomalies", one sentence per cause). cause
// empty: every usage line of the day's cost (their charged sums to a.cost); "volume": the on-time lines
// of both modes; "package_coverage": the on-time lines a package covered; "tier" and "price": the
// on-time pay-per-use lines (their tier rows show the tiers and prices); "late_usage": the late lines
// counted in the day. None for "failed_share" (failed calls make no records) or an unknown id.
std::optional<RecordFilter> anomalyRecords(const Anomaly &a, const QString &cause, int utcOffsetSeconds);

// A range for anomalies: from before to (a bad-usage error otherwise).
Status validateAnomalyRange(Instant from, Instant to);

// The anomalies of the days in [dayStart(from), to), by day, then API, region and project.
Result<std::vector<Anomaly>> findAnomalies(Context &ctx, Instant from, Instant to);

// Catch-up: one notification (deduplicated) for each anomaly of the days that ended in (since, ctx.now],
// dated at the day's end. Days that a later late import changes are not judged again here.
Status notifyAnomalies(Context &ctx, Instant since);

// One day's cost of one key and its baseline band, for a series chart: every complete day in the range.
struct AnomalyPoint
{
    Instant day = 0;
    Money cost;
    bool hasBaseline = false; // the four weeks before lie in the account's life
    Money baseline;
    Money low;  // baseline − the threshold (may be negative)
    Money high; // baseline + the threshold
};
Result<std::vector<AnomalyPoint>> anomalySeries(Context &ctx, const QString &api, const QString &region,
                                                const QString &project, Instant from, Instant to);

} // namespace billing
