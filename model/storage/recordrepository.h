#pragma once

#include "core/result.h"
#include "domain/records.h"

#include <QStringList>

#include <vector>

namespace billing {

class Database;

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
    // The tier rows of every record of a bill month, in (record id, first position) order.
    Result<std::vector<std::pair<qint64, TierUse>>> tiersOfMonth(const QString &month);
    Result<std::vector<BillLine>> billSums(const QString &month);
    // Every record of a bill month (charges and credits), each money column summed over its positive and
    // over its negative amounts apart: any total of a subset of the month lies between the two.
    Result<std::pair<Amounts, Amounts>> signedSums(const QString &month);

    // Added for the console: sums of a filter, and the values its filter bar offers.
    Result<RecordTotals> totals(const RecordFilter &f);
    Result<QStringList> billMonths(); // "YYYY-MM" that have records, newest first
    Result<QStringList> projects();   // enterprise projects that have records, sorted

private:
    Database &m_db;
};

} // namespace billing
