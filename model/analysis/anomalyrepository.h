#pragma once

#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>

#include <vector>

namespace billing {

class Database;

// The SQL behind anomaly detection (billing-rules §10, Anomalies): per day and (API, region, enterprise
// project), the sums one anomaly is judged and explained with. A day is bucket = (t + offset) / 1 day
// (integer division), as in CostRepository::sums, so the bucket's first instant is bucket × day − offset.
class AnomalyRepository
{
public:
    explicit AnomalyRepository(Database &db) : m_db(db) {}

    struct DayKey
    {
        qint64 bucket = 0;
        QString api;
        QString region;
        QString project;
    };
    // Usage lines billed on time (not late) with expenditure time in [from, to), per day, key and mode.
    struct Usage
    {
        DayKey key;
        QString mode; // pay-per-use or package
        qint64 calls = 0;
        Money charged;
    };
    Result<std::vector<Usage>> usage(Instant from, Instant to, int offsetSeconds);

    // The tier rows of those lines in pay-per-use mode, per day, key, tier and price.
    struct TierCalls
    {
        DayKey key;
        int tier = 0;
        Money pricePer1000;
        qint64 calls = 0;
    };
    Result<std::vector<TierCalls>> tiers(Instant from, Instant to, int offsetSeconds);

    // Calls that were not billable (failed: non-2xx; rejected: service disabled or account frozen),
    // per day of the hour they were made in, late ones included.
    struct NonBillable
    {
        DayKey key;
        qint64 calls = 0;
    };
    Result<std::vector<NonBillable>> nonBillable(Instant from, Instant to, int offsetSeconds);

private:
    Database &m_db;
};

} // namespace billing
