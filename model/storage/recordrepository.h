#pragma once

#include "core/result.h"
#include "domain/types.h"

#include <vector>

namespace billing {

class Database;

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
};

struct TierUse
{
    int tier = 0;
    qint64 firstPosition = 0;
    qint64 calls = 0;
    Money pricePer1000;
};

// A bill's sums per (API, region, mode) of one bill month.
struct RecordSum
{
    QString api;
    QString region;
    QString mode;
    qint64 calls = 0;
    Money fee;
    Money charged;
    Money roundedOff;
    Money paidCoupon;
    Money paidCash;
    Money arrears;
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
    Result<std::vector<RecordSum>> billSums(const QString &month);

private:
    Database &m_db;
};

} // namespace billing
