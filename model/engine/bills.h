#pragma once

#include "core/result.h"
#include "domain/records.h"

#include <vector>

namespace billing {

struct Context;

// The monthly bill (billing-rules §9): charges whose bill month is M, per (API, region, mode).
struct Bill
{
    QString month;
    bool final = false;
    Instant finalAt = 0; // the 3rd of the next month, 00:00:00
    std::vector<BillLine> lines;
    BillLine totals;
};

Result<Bill> monthlyBill(Context &ctx, const QString &month);

// Drill-down from a settlement line to the calls behind it.
struct LineDetail
{
    Record record;
    std::vector<TierUse> tiers;    // pay-per-use: positions on the month's counter and their prices
    std::vector<UsageCount> calls; // the hour's calls of that API, region and project, by status and outcome
    Int128 sumPer1000 = 0;         // exact Σ per-1000 prices before the division
};
Result<LineDetail> lineDetail(Context &ctx, qint64 recordId);

} // namespace billing
