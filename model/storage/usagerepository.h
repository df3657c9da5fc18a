#pragma once

#include "core/result.h"
#include "time/instant.h"

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

class QSqlQuery;

namespace billing {

class Database;

// A call record waiting for its settlement (or a late one waiting for the next settlement).
struct PendingCall
{
    Instant ts = 0;
    Instant settleHour = 0;
    qint64 seq = 0; // import order, for ties at one instant
    QString api;
    QString region;
    QString project;
    int status = 0;
    qint64 count = 1;
    bool late = false;
};

// What the hour's calls became, for drill-down: counts by status and outcome.
struct UsageCount
{
    Instant hour = 0;
    QString api;
    QString region;
    QString project;
    int status = 0;
    QString outcome; // "billable", "failed", "rejected"
    bool late = false;
    qint64 calls = 0;
};

// Call usage: pending calls, settled hourly counts, the month's tier counters, imported files.
class UsageRepository
{
public:
    explicit UsageRepository(Database &db);
    ~UsageRepository();

    Status addPending(const PendingCall &c);
    Result<std::vector<Instant>> pendingHoursUpTo(Instant lastHourStart);
    Result<std::vector<PendingCall>> pendingFor(Instant settleHour);
    Status deletePending(Instant settleHour);

    Status addUsage(const UsageCount &u);
    Result<std::vector<UsageCount>> usageFor(Instant hour, const QString &api, const QString &region, const QString &project);

    Result<qint64> tierCounter(const QString &month, const QString &api, const QString &region);
    Status setTierCounter(const QString &month, const QString &api, const QString &region, qint64 calls);

    Result<bool> fileImported(const QByteArray &hash);
    Status addImport(Instant at, const QString &name, const QByteArray &hash, qint64 records, qint64 calls, qint64 late);

private:
    Database &m_db;
    std::unique_ptr<QSqlQuery> m_insertPending;
};

} // namespace billing
