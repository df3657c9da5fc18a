#include "storage/usagerepository.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

namespace billing {

UsageRepository::UsageRepository(Database &db) : m_db(db) {}
UsageRepository::~UsageRepository() = default;

Status UsageRepository::addPending(const PendingCall &c)
{
    if (!m_insertPending) {
        m_insertPending = std::make_unique<QSqlQuery>(m_db.connection());
        m_insertPending->prepare(QStringLiteral(
            "INSERT INTO pending_call (ts, settle_hour, seq, api, region, project, status, count, late) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    }
    QSqlQuery &q = *m_insertPending;
    q.bindValue(0, c.ts);
    q.bindValue(1, c.settleHour);
    q.bindValue(2, c.seq);
    q.bindValue(3, c.api);
    q.bindValue(4, c.region);
    q.bindValue(5, c.project);
    q.bindValue(6, c.status);
    q.bindValue(7, c.count);
    q.bindValue(8, c.late ? 1 : 0);
    return execQuery(q, "storing call records");
}

Result<std::vector<Instant>> UsageRepository::pendingHoursUpTo(Instant lastHourStart)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT DISTINCT settle_hour FROM pending_call WHERE settle_hour <= :h ORDER BY settle_hour"));
    q.bindValue(QStringLiteral(":h"), lastHourStart);
    if (Status s = execQuery(q, "finding hours to settle"); !s)
        return s.error();
    std::vector<Instant> out;
    while (q.next())
        out.push_back(q.value(0).toLongLong());
    return out;
}

Result<std::vector<PendingCall>> UsageRepository::pendingFor(Instant settleHour)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ts, settle_hour, seq, api, region, project, status, count, late FROM pending_call "
                             "WHERE settle_hour = :h ORDER BY ts, seq"));
    q.bindValue(QStringLiteral(":h"), settleHour);
    if (Status s = execQuery(q, "reading call records"); !s)
        return s.error();
    std::vector<PendingCall> out;
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toString(),
                       q.value(4).toString(), q.value(5).toString(), q.value(6).toInt(), q.value(7).toLongLong(),
                       q.value(8).toBool()});
    return out;
}

Status UsageRepository::deletePending(Instant settleHour)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM pending_call WHERE settle_hour = :h"));
    q.bindValue(QStringLiteral(":h"), settleHour);
    return execQuery(q, "clearing settled call records");
}

Status UsageRepository::addUsage(const UsageCount &u)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO usage_hour (hour, api, region, project, status, outcome, late, calls) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (hour, api, region, project, status, outcome, late) DO UPDATE SET calls = usage_hour.calls + excluded.calls"));
    q.bindValue(0, u.hour);
    q.bindValue(1, u.api);
    q.bindValue(2, u.region);
    q.bindValue(3, u.project);
    q.bindValue(4, u.status);
    q.bindValue(5, u.outcome);
    q.bindValue(6, u.late ? 1 : 0);
    q.bindValue(7, u.calls);
    return execQuery(q, "storing hourly usage");
}

Result<std::vector<UsageCount>> UsageRepository::usageFor(Instant hour, const QString &api, const QString &region,
                                                          const QString &project)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT status, outcome, late, calls FROM usage_hour WHERE hour = ? AND api = ? AND region = ? "
                             "AND project = ? ORDER BY outcome, status"));
    q.bindValue(0, hour);
    q.bindValue(1, api);
    q.bindValue(2, region);
    q.bindValue(3, project);
    if (Status s = execQuery(q, "reading hourly usage"); !s)
        return s.error();
    std::vector<UsageCount> out;
    while (q.next())
        out.push_back({hour, api, region, project, q.value(0).toInt(), q.value(1).toString(), q.value(2).toBool(),
                       q.value(3).toLongLong()});
    return out;
}

Result<qint64> UsageRepository::tierCounter(const QString &month, const QString &api, const QString &region)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT calls FROM tier_counter WHERE month = ? AND api = ? AND region = ?"));
    q.bindValue(0, month);
    q.bindValue(1, api);
    q.bindValue(2, region);
    if (Status s = execQuery(q, "reading a tier counter"); !s)
        return s.error();
    const qint64 calls = q.next() ? q.value(0).toLongLong() : qint64(0);
    // A cached statement left mid-result would pin this connection's read snapshot past the commit, and
    // the connection would then not see what another connection (a worker's import) writes later.
    q.finish();
    return calls;
}

Status UsageRepository::setTierCounter(const QString &month, const QString &api, const QString &region, qint64 calls)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("INSERT INTO tier_counter (month, api, region, calls) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (month, api, region) DO UPDATE SET calls = excluded.calls"));
    q.bindValue(0, month);
    q.bindValue(1, api);
    q.bindValue(2, region);
    q.bindValue(3, calls);
    return execQuery(q, "storing a tier counter");
}

Result<bool> UsageRepository::fileImported(const QByteArray &hash)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM import_file WHERE content_hash = ?"));
    q.bindValue(0, QString::fromLatin1(hash));
    if (Status s = execQuery(q, "checking earlier imports"); !s)
        return s.error();
    q.next();
    return q.value(0).toInt() > 0;
}

Status UsageRepository::addImport(Instant at, const QString &name, const QByteArray &hash, qint64 records, qint64 calls,
                                  qint64 late)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO import_file (at, name, content_hash, records, calls, late) VALUES (?, ?, ?, ?, ?, ?)"));
    q.bindValue(0, at);
    q.bindValue(1, name);
    q.bindValue(2, QString::fromLatin1(hash));
    q.bindValue(3, records);
    q.bindValue(4, calls);
    q.bindValue(5, late);
    return execQuery(q, "recording the import");
}

} // namespace billing
