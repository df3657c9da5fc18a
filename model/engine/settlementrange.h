#pragma once

#include "core/result.h"
#include "domain/types.h"

#include <array>
#include <map>

namespace billing {

struct Context;

// billing-rules §3 Range for a bill month's totals. For every money column of a month, the sum of its
// positive amounts and the sum of its negative amounts each stay within ±10,000,000,000.00, so every
// total shown of that month (the bill, a line of it, the charges and the credits apart, a filter's
// sums) is within range too. A record that would break this is refused before it is stored.
class BillMonthSums
{
public:
    // Refused, naming the month, the column and the total it would reach, if r would take a sum of its
    // bill month out of range; otherwise r is counted.
    Status admit(Context &ctx, const Record &r);
    // How much more may be charged to the month before one of its positive sums leaves the range.
    Result<Int128> headroom(Context &ctx, const QString &month);
    // Records stored by others since (a renewal inside the catch-up): read the months again.
    void forget() { m_months.clear(); }

private:
    struct Sums
    {
        std::array<Int128, 6> positive{};
        std::array<Int128, 6> negative{};
    };
    Result<Sums *> sumsOf(Context &ctx, const QString &month);
    std::map<QString, Sums> m_months;
};

// Refused ("…; nothing was changed") if a record that a command (not the settlement) adds would take its
// month's sums out of range: a top-up, a purchase or renewal, a refund. insertInRange() also stores it.
Status checkInRange(Context &ctx, const Record &r);
Status insertInRange(Context &ctx, Record &r);

// The calls left pending (the hour not yet over) are settled by a later command, and an amount out of
// range there would make every later catch-up fail. Says which hour and what, if the hour's successful
// calls, all priced at their API's highest tier price as if no package covered any, could take a line's
// fee, the balance or a month's totals out of range (docs/billing-decisions.md, "Range"); an import is
// refused then (checked after its catch-up), and verify reports it.
Result<QString> pendingOutOfRange(Context &ctx);
Status checkPendingSettle(Context &ctx);

} // namespace billing
