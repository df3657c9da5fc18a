#include "storage/auditqueryrepository.h"

#include "storage/database.h"

#include <QSqlQuery>
#include <QVariant>

namespace billing {

namespace {
// The WHERE clause of a filter, with a condition only for what it sets (untyped NULL parameters are not
// portable to PostgreSQL).
QString where(const AuditFilter &f, bool beforeId)
{
    QStringList c;
    if (!f.action.isEmpty())
        c << QStringLiteral("action = :action");
    if (!f.actor.isEmpty())
        c << QStringLiteral("actor = :actor");
    if (f.from)
        c << QStringLiteral("at >= :from");
    if (f.to)
        c << QStringLiteral("at < :to");
    if (beforeId)
        c << QStringLiteral("id < :before");
    return c.isEmpty() ? QString() : QStringLiteral(" WHERE ") + c.join(QStringLiteral(" AND "));
}

void bindFilter(QSqlQuery &q, const AuditFilter &f)
{
    if (!f.action.isEmpty())
        q.bindValue(QStringLiteral(":action"), f.action);
    if (!f.actor.isEmpty())
        q.bindValue(QStringLiteral(":actor"), f.actor);
    if (f.from)
        q.bindValue(QStringLiteral(":from"), *f.from);
    if (f.to)
        q.bindValue(QStringLiteral(":to"), *f.to);
}
} // namespace

Result<std::vector<AuditEntry>> AuditQueryRepository::page(const AuditFilter &filter, qint64 beforeId,
                                                           int limit)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + AuditRepository::columns() + QStringLiteral(" FROM audit_log") +
              where(filter, beforeId > 0) + QStringLiteral(" ORDER BY id DESC LIMIT %1").arg(limit));
    bindFilter(q, filter);
    if (beforeId > 0)
        q.bindValue(QStringLiteral(":before"), beforeId);
    if (Status s = execQuery(q, "reading the audit log"); !s)
        return s.error();
    std::vector<AuditEntry> out;
    while (q.next())
        out.push_back(AuditRepository::entryAt(q));
    return out;
}

Result<qint64> AuditQueryRepository::count(const AuditFilter &filter)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM audit_log") + where(filter, false));
    bindFilter(q, filter);
    if (Status s = execQuery(q, "counting the audit log"); !s)
        return s.error();
    return q.next() ? q.value(0).toLongLong() : 0;
}

Result<QStringList> AuditQueryRepository::distinct(const QString &column)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT DISTINCT %1 FROM audit_log ORDER BY %1").arg(column));
    if (Status s = execQuery(q, "reading the audit log"); !s)
        return s.error();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Result<QStringList> AuditQueryRepository::actions()
{
    return distinct(QStringLiteral("action"));
}
Result<QStringList> AuditQueryRepository::actors()
{
    return distinct(QStringLiteral("actor"));
}

} // namespace billing
