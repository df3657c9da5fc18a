#include "storage/reconcilerepository.h"

#include "storage/database.h"
#include "storage/rowreader.h"
#include "storage/sqlerror.h"
#include "storage/sqlhelpers.h"

#include <QJsonDocument>
#include <QSqlQuery>

#include <sqlite3.h>

#include <memory>

namespace billing {

namespace {

// The records one by one, not grouped: a month's records are nearly one per line at the finest grain,
// so a GROUP BY would sort them all for next to nothing; the sink sums them (performance.md P7).
const char kOurRecords[] =
    "SELECT api, region, mode, project, expenditure_at, calls, fee, charged, rounded_off "
    "FROM record WHERE bill_month = ? AND type IN ('usage', 'purchase', 'renewal', "
    "'refund')";

// The hour by integer division: the UTC hour, the account's hour for whole-hour offsets (every offset we
// accept).
Instant hourOf(qint64 expenditureAt)
{
    return (expenditureAt / kMicrosPerHour) * kMicrosPerHour;
}

// The same through SQLite's own API: the driver's values (a QVariant and a UTF-16 string per column of
// every record) were most of the reading.
Status ourLinesSqlite(sqlite3 *h, const QString &month, bool byHour, bool byProject, const LineSink &sink)
{
    const QLatin1String what("reading a month for reconciliation");
    sqlite3_stmt *stmt = nullptr;
    const auto failed = [&] { return sqlError(SqlFault::Other, what, QString::fromUtf8(sqlite3_errmsg(h))); };
    if (sqlite3_prepare_v2(h, kOurRecords, -1, &stmt, nullptr) != SQLITE_OK)
        return failed();
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> finalize(stmt, sqlite3_finalize);
    const QByteArray m = month.toUtf8();
    if (sqlite3_bind_text(stmt, 1, m.constData(), int(m.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        return failed();
    SqliteText api, region, mode, project;
    BillLineKey key;
    key.month = month;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        key.api = api.at(stmt, 0);
        key.region = region.at(stmt, 1);
        key.mode = mode.at(stmt, 2);
        if (byProject)
            key.project = project.at(stmt, 3);
        if (byHour)
            key.hour = hourOf(sqlite3_column_int64(stmt, 4));
        LineFigures f;
        f.calls = sqlite3_column_int64(stmt, 5);
        f.fee = Money::fromUnits(sqlite3_column_int64(stmt, 6));
        f.charged = Money::fromUnits(sqlite3_column_int64(stmt, 7));
        f.roundedOff = Money::fromUnits(sqlite3_column_int64(stmt, 8));
        if (Status s = sink(key, f); !s)
            return s;
    }
    if (rc != SQLITE_DONE)
        return sqlError(rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? SqlFault::Damaged : SqlFault::Other,
                        what, QString::fromUtf8(sqlite3_errmsg(h)));
    return {};
}

} // namespace

Status ReconcileRepository::ourLines(const QString &month, bool byHour, bool byProject, const LineSink &sink)
{
    if (sqlite3 *h = sqliteHandle(m_db.connection()))
        return ourLinesSqlite(h, month, byHour, byProject, sink);
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QLatin1String(kOurRecords));
    q.bindValue(0, month);
    if (Status s = execQuery(q, "reading a month for reconciliation"); !s)
        return s;
    BillLineKey key;
    key.month = month;
    while (q.next()) {
        key.api = q.value(0).toString();
        key.region = q.value(1).toString();
        key.mode = q.value(2).toString();
        if (byProject)
            key.project = q.value(3).toString();
        if (byHour)
            key.hour = hourOf(q.value(4).toLongLong());
        LineFigures f;
        f.calls = q.value(5).toLongLong();
        f.fee = sql::money(q.value(6));
        f.charged = sql::money(q.value(7));
        f.roundedOff = sql::money(q.value(8));
        if (Status s = sink(key, f); !s)
            return s;
    }
    return {};
}

Result<std::map<QString, QJsonObject>> ReconcileRepository::acceptedMonths()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT after_state FROM audit_log WHERE action = ? ORDER BY id"));
    q.bindValue(0, acceptAction());
    if (Status s = execQuery(q, "reading the reconciled months"); !s)
        return s.error();
    std::map<QString, QJsonObject> out;
    while (q.next()) {
        const QJsonObject o = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        out[o.value(QStringLiteral("month")).toString()] = o;
    }
    return out;
}

Result<bool> ReconcileRepository::isReconciled(const QString &month)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ? AND subject = ?"));
    q.bindValue(0, acceptAction());
    q.bindValue(1, acceptSubject(month));
    if (Status s = execQuery(q, "reading whether a month is reconciled"); !s)
        return s.error();
    return q.next() && q.value(0).toLongLong() > 0;
}

} // namespace billing
