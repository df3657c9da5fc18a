#pragma once

// Where cost analysis and allocation read their costs from: pieces of cost at an instant, before they
// are put into a period and a group (the views' readings are in costanalysis.h). Internal to analysis/.
#include "analysis/costanalysis.h"

namespace billing {

struct CostPiece
{
    Instant at = 0;
    QString api;
    QString region;
    QString project; // empty: shared (purchases, renewals, refunds, waste)
    QString mode;
    qint64 calls = 0;
    Money cost;
};

// The pieces of the query's view in [q.from, q.to), summed by the database per `unit` (an hour or a day)
// and per the columns the query groups or filters by.
Status gatherPieces(Context &ctx, const CostQuery &q, Instant unit, std::vector<CostPiece> &out);
// The late usage lines whose cash instant lies in [from, to).
Status gatherLate(Context &ctx, Instant from, Instant to, std::vector<CostPiece> &out);

} // namespace billing
