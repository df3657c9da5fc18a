#pragma once

// What the console's finance pages show beyond the bill itself, computed here so that no widget
// does money arithmetic: the months that have a bill, the comparison with the previous month, and
// the explanation of a settlement line's fee (billing-rules §3, §9).
#include "core/result.h"
#include "engine/bills.h"

#include <QStringList>

#include <optional>
#include <vector>

namespace billing {

struct Context;

// "YYYY-MM" of every month that has transaction records, newest first.
Result<QStringList> billMonths(Context &ctx);

// The transactions page's reads: the records a filter matches (its limit and offset applied), the sums
// over all of them, and the enterprise projects that have records, sorted.
Result<std::vector<Record>> listRecords(Context &ctx, const RecordFilter &filter);
Result<RecordTotals> recordTotals(Context &ctx, const RecordFilter &filter);
Result<QStringList> recordProjects(Context &ctx);

// One bill line next to the same (API, region, mode) of the previous month.
struct ComparedLine
{
    BillLine line;           // this month (zero amounts when only the previous month has the line)
    bool inThisMonth = true; // false: the line exists only in the previous month
    Money previousCharged;   // the previous month's amount due of the same key
    Money change;            // line.charged − previousCharged
    // change / previousCharged in hundredths of a percent, truncated toward zero; none when the
    // previous month charged nothing.
    std::optional<qint64> changeBasisPoints;
};

struct BillComparison
{
    Bill bill;                       // the month asked for, exactly as monthlyBill() returns it
    Bill previous;                   // the month before
    std::vector<ComparedLine> lines; // the bill's lines in its order, then lines only the previous month had
    ComparedLine totals;             // bill.totals against previous.totals
};
Result<BillComparison> compareWithPreviousMonth(Context &ctx, const QString &month);

// How a pay-per-use line's fee came about, as exact decimal texts ready to show.
struct FeeStep
{
    int tier = 0;
    qint64 firstPosition = 0;
    qint64 lastPosition = 0;
    qint64 calls = 0;
    Money pricePer1000;
    QString exactAmount; // calls × price / 1000, exact (up to 11 decimals)
};
struct FeeExplanation
{
    std::vector<FeeStep> steps;
    QString exactSum; // Σ calls × price / 1000, exact
    Money fee;        // floored to 8 decimals
    Money charged;    // fee truncated to cents
    Money roundedOff; // fee − charged
};
FeeExplanation explainFee(const LineDetail &detail);

// The records of the same settlement (hour, API, region, project): which source covered how many of the
// hour's billable calls (pay-per-use, or a package by id).
Result<std::vector<Record>> sameSettlement(Context &ctx, const Record &record);

// An exact decimal text of value / 10^scaleDigits with at least minDecimals decimals (no rounding).
QString exactDecimalText(Int128 value, int scaleDigits, int minDecimals);

} // namespace billing
