#pragma once

// What the transaction pages ask of the records and get back: filters, sums, the tier breakdown of a
// settlement line and the hour's calls behind it.
#include "domain/types.h"

#include <QString>

#include <optional>
#include <vector>

namespace billing {

// Orders a list of records (added for the console; the default keeps "ORDER BY at, id").
enum class RecordSort {
    Time,
    Id,
    ExpenditureTime,
    Type,
    Api,
    Region,
    Project,
    Mode,
    Calls,
    Fee,
    Charged,
    RoundedOff,
    PaidCoupon,
    PaidCash,
    Arrears
};

struct RecordFilter
{
    std::optional<Instant> from; // inclusive, on the record's time
    std::optional<Instant> to;   // exclusive
    QString api;
    QString region;
    QString project;
    QString mode;
    std::optional<Record::Type> type;
    QString billMonth;
    std::optional<qint64> packageId;
    int limit = -1;
    int offset = 0;
    // Added for the console; the defaults change nothing.
    std::optional<qint64> id;        // only this record
    std::vector<Record::Type> types; // any of these types (empty: no constraint; `type` still applies)
    RecordSort sort = RecordSort::Time;
    bool descending = false;
    // Time of use (the anomaly drill): usage lines counted in [usedFrom, usedTo) the way the cash view
    // counts them (analysis/costanalysis.h): at their hour of use (expenditure time), except a late line
    // billed in a later month than its own (billing-rules §12.15), which counts at the hour of the
    // settlement that billed it. Records of other types never match. utcOffsetSeconds: the billing time
    // zone whose months that compares.
    std::optional<Instant> usedFrom;
    std::optional<Instant> usedTo;
    int utcOffsetSeconds = 8 * 3600;
    std::optional<bool> late; // only late usage lines (true) or only those billed on time (false)
};

// Sums over every record a filter matches (limit, offset and sort ignored). Charges (usage, purchases,
// renewals, refunds: what a bill sums) and credits (top-ups, coupons) are kept apart, because a total
// that mixes them says nothing a finance person can use.
struct RecordTotals : Amounts // the charges' sums
{
    qint64 records = 0;
    qint64 chargeRecords = 0;
    qint64 creditRecords = 0;
    Money credits; // the credits' charged amounts (negative: money in)
};

// The calls of one line at one tier. Within an hour the calls of several projects interleave on the
// month's counter, so a line's calls need not be contiguous: calls <= last - first + 1.
struct TierUse
{
    int tier = 0;
    qint64 firstPosition = 0;
    qint64 calls = 0;
    Money pricePer1000;
    qint64 lastPosition = 0;
};

// What the hour's calls became, for drill-down: counts by status and outcome.
struct UsageCount
{
    Instant hour = 0;
    QString api;
    QString region;
    QString project;
    int status = 0;
    QString outcome; // "billable", "failed", "rejected"
    bool late = false;
    qint64 calls = 0;
};

} // namespace billing
