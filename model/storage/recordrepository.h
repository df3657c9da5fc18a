#pragma once

#include "core/result.h"
#include "domain/types.h"

#include <QStringList>

#include <vector>

namespace billing {

class Database;

// Orders RecordRepository::list() (added for the console; the default keeps "ORDER BY at, id").
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

// Transaction records (billing-rules §9) and their tier breakdown.
class RecordRepository
{
public:
    explicit RecordRepository(Database &db) : m_db(db) {}

    Status insert(Record &r); // sets r.id
    Status insertTiers(qint64 recordId, const std::vector<TierUse> &tiers);
    Result<std::vector<Record>> list(const RecordFilter &f);
    Result<Record> get(qint64 id);
    Result<std::vector<TierUse>> tiers(qint64 recordId);
    Result<std::vector<BillLine>> billSums(const QString &month);

    // Added for the console: sums of a filter, and the values its filter bar offers.
    Result<RecordTotals> totals(const RecordFilter &f);
    Result<QStringList> billMonths(); // "YYYY-MM" that have records, newest first
    Result<QStringList> projects();   // enterprise projects that have records, sorted

private:
    Database &m_db;
};

} // namespace billing
