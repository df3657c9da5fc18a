#pragma once

// Where cost analysis and allocation read their costs from: pieces of cost at an instant, before they
// are put into a period and a group (the views' readings are in costanalysis.h). Internal to analysis/.
#include "analysis/costanalysis.h"
#include "analysis/costrepository.h"
#include "domain/types.h"

#include <optional>

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

// The pieces of the query's view in [q.from, q.to), summed by the database per the columns the query
// groups or filters by. From the cost rollups (storage/costrollup.h) when the range starts and ends on
// whole hours: the month rollup for a month query over whole months, else the day rollup over whole
// days, else the hour-by-API rollup when the query needs no column but API (or category), or mode in the
// amortized view; pieces then lie at their period's first instant. From the records (summed per `unit`, an
// hour or a day) when the range cuts an hour, when hours are asked by region or project (or by mode in the
// cash view), or when q.scanRecords asks for it.
Status gatherPieces(Context &ctx, const CostQuery &q, Instant unit, std::vector<CostPiece> &out);
// The amortized view's spreading of package prices (costanalysis.h), shared with the FOCUS export's
// EffectiveCost: every package not refunded with what its lines were given, every covered usage line
// (in the order they were written) with its part.
struct SpentPackage
{
    Package package;
    qint64 used = 0;
    Money allocated;
};
struct PackagePart
{
    CostRepository::Covered line;
    Money part;
};
struct PackageSpread
{
    std::map<qint64, SpentPackage> packages; // by id; cancelled packages and empty quotas left out
    std::vector<PackagePart> parts;
};
Result<PackageSpread> spreadPackages(Context &ctx);
// What a package left unused ("waste", at its last second) once it has expired before both `to` and the
// last settled hour; nothing before then.
std::optional<Money> packageWaste(const Context &ctx, const SpentPackage &p, Instant to);

// The late usage lines whose cash instant lies in [from, to).
Status gatherLate(Context &ctx, Instant from, Instant to, std::vector<CostPiece> &out);

} // namespace billing
