#pragma once

#include "core/result.h"
#include "domain/records.h"
#include "time/instant.h"

#include <QHash>
#include <QString>

#include <memory>
#include <vector>

class QSqlQuery;

namespace billing {

class Database;

// A call record waiting for its settlement (or a late one waiting for the next settlement). Kept small
// (40 bytes) because an import holds millions of them: strings live once in PendingCalls::names. The
// indexes are 32-bit: an hour may hold far more than 65,535 distinct projects.
struct PendingCall
{
    Instant ts = 0;
    qint64 seq = 0;    // import order, for ties at one instant
    quint32 count = 1; // identical consecutive calls (each record holds at most 1,000,000,000)
    quint32 api = 0;   // indexes into PendingCalls::names
    quint32 region = 0;
    quint32 project = 0;
    quint16 status = 0;
    bool late = false;
};

// Pending calls with their strings stored once.
struct PendingCalls
{
    std::vector<QString> names;
    std::vector<PendingCall> calls;

    quint32 intern(const QString &name);
    // Appends other's calls, re-indexing their names.
    void append(const PendingCalls &other);
    size_t bytes() const { return calls.capacity() * sizeof(PendingCall); }

private:
    QHash<QString, quint32> m_index;
};

// Call usage: pending calls, settled hourly counts, the month's tier counters, imported files.
class UsageRepository
{
public:
    explicit UsageRepository(Database &db);
    ~UsageRepository();

    // Pending calls are stored as one compact batch per settlement hour and import (schema step 5);
    // rows of the older one-row-per-call table are still read.
    Status addPendingBatch(Instant settleHour, const PendingCalls &calls);
    Result<std::vector<Instant>> pendingHoursUpTo(Instant lastHourStart);
    // Appends the hour's stored pending calls to out.
    Status pendingFor(Instant settleHour, PendingCalls &out);
    Status deletePending(Instant settleHour);

    // Adds the calls to the hourly counts (rows with the same key add up), several rows a statement.
    Status addUsage(const std::vector<UsageCount> &counts);
    Result<std::vector<UsageCount>> usageFor(Instant hour, const QString &api, const QString &region,
                                             const QString &project);

    Result<qint64> tierCounter(const QString &month, const QString &api, const QString &region);
    Status setTierCounter(const QString &month, const QString &api, const QString &region, qint64 calls);

    Result<bool> fileImported(const QByteArray &hash);
    Status addImport(Instant at, const QString &name, const QByteArray &hash, qint64 records, qint64 calls,
                     qint64 late);

private:
    Database &m_db;
};

} // namespace billing
