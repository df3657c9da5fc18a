#pragma once

#include "core/result.h"
#include "domain/types.h"

#include <functional>
#include <map>
#include <vector>

namespace billing {

class Database;

// The SQL behind cost analysis (billing-rules §10): sums of transaction records per time bucket,
// computed by the database so that a year of hourly lines is read as a few thousand sums.
class CostRepository
{
public:
    explicit CostRepository(Database &db) : m_db(db) {}

    // One sum of records: bucket = (expenditure_at + offset) / unit (integer division), so the bucket's
    // first instant is bucket × unit − offset. Purchases have no project (empty here).
    struct Sum
    {
        qint64 bucket = 0;
        QString api;
        QString region;
        QString project;
        QString mode;
        qint64 calls = 0; // calls of usage records only
        Money charged;
    };
    enum class Kind {
        ChargesOnTime,  // usage (not late), purchase, renewal, refund
        PayPerUseUsage, // usage lines of mode pay-per-use, late ones included
    };
    // The columns a caller groups or filters by; the others come back empty and are not grouped on,
    // which spares the database sorting a year of records by four text columns it does not need.
    struct Columns
    {
        bool api = true;
        bool region = true;
        bool project = true;
        bool mode = true;
    };
    // Sums over records whose expenditure time lies in [from, to).
    Result<std::vector<Sum>> sums(Kind kind, Instant from, Instant to, int offsetSeconds, Instant unit,
                                  Columns columns);
    // The same sums from the cost rollups (storage/costrollup.h) of a grain (CostRollup::Grain) and view,
    // over buckets in [from, to); `bucket` is then the period's first instant. The amortized view leaves
    // out the parts of cancelled packages. The hour-by-API grain is read as stored: a key may come more than
    // once (a package's parts apart from the rest), and in the amortized view it has a mode (package parts,
    // pay-per-use the rest) when columns.mode asks for it.
    // The sums go to `each` as they are read (a month of hours is thousands: no list of them is kept).
    Status rollupSums(int grain, bool amortized, Instant from, Instant to, Columns columns,
                      const std::function<void(Sum &)> &each);
    // Per package: the calls its lines covered and the parts of its price they were given so far.
    struct PackageUse
    {
        qint64 used = 0;
        Money allocated;
    };
    Result<std::map<qint64, PackageUse>> packageUses();
    // The sum of `charged` over the same records as sums() (one figure: no grouping to pay for).
    Result<Money> total(Kind kind, Instant from, Instant to);

    // Late usage lines with expenditure before `expenditureBefore` and settled at or after `settledFrom`,
    // in the order they were settled.
    Result<std::vector<Record>> lateUsage(Instant expenditureBefore, Instant settledFrom);

    // Every usage line covered by a package, in the order they were written (record id).
    struct Covered
    {
        qint64 id = 0;
        qint64 packageId = 0;
        Instant expenditureAt = 0;
        QString project;
        qint64 calls = 0;
    };
    Result<std::vector<Covered>> packageUsage();

    // Billable calls per (API, region) of usage lines with expenditure time in [from, to).
    struct Volume
    {
        QString api;
        QString region;
        qint64 calls = 0;
    };
    Result<std::vector<Volume>> usageVolumes(Instant from, Instant to);

private:
    Database &m_db;
};

} // namespace billing
