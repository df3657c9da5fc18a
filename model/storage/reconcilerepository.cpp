#include "storage/reconcilerepository.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace billing {

Status ReconcileRepository::ourLines(const QString &month, bool byHour, bool byProject, const LineSink &sink)
{
    // The records one by one, not grouped: a month's records are nearly one per line at the finest grain,
    // so a GROUP BY would sort them all for next to nothing; the sink sums them (performance.md P7).
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT api, region, mode, project, expenditure_at, calls, fee, charged, "
                             "rounded_off FROM record WHERE bill_month = ? AND type IN ('usage', "
                             "'purchase', 'renewal', 'refund')"));
    q.bindValue(0, month);
    if (Status s = execQuery(q, "reading a month for reconciliation"); !s)
        return s;
    BillLineKey key;
    key.month = month;
    while (q.next()) {
        // A missing region or project is the empty one; the hour by integer division: the UTC hour, the
        // account's hour for whole-hour offsets (every offset we accept).
        key.api = q.value(0).toString();
        key.region = q.value(1).toString();
        key.mode = q.value(2).toString();
        if (byProject)
            key.project = q.value(3).toString();
        if (byHour)
            key.hour = (q.value(4).toLongLong() / kMicrosPerHour) * kMicrosPerHour;
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
