#include "storage/auditrepository.h"

#include "storage/database.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>

namespace billing {

namespace {
QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

QString AuditRepository::hashOf(const AuditEntry &e)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    const QStringList parts{e.prevHash, QString::number(e.id), QString::number(e.at), e.actor, e.action,
                            e.subject,  json(e.before),        json(e.after)};
    for (const QString &p : parts) {
        h.addData(p.toUtf8());
        h.addData(QByteArrayView("\x1f", 1)); // unit separator: no two field splits hash alike
    }
    return QString::fromLatin1(h.result().toHex());
}

Result<QString> AuditRepository::append(AuditEntry &e, const QString &head)
{
    QSqlQuery next(m_db.connection());
    next.prepare(QStringLiteral("SELECT coalesce(max(id), 0) + 1 FROM audit_log"));
    if (Status s = execQuery(next, "numbering an audit entry"); !s)
        return s.error();
    next.next();
    e.id = next.value(0).toLongLong();
    e.prevHash = head;
    e.hash = hashOf(e);
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO audit_log (id, at, actor, action, subject, before_state, after_state, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.bindValue(0, e.id);
    q.bindValue(1, e.at);
    q.bindValue(2, e.actor);
    q.bindValue(3, e.action);
    q.bindValue(4, e.subject);
    q.bindValue(5, json(e.before));
    q.bindValue(6, json(e.after));
    q.bindValue(7, e.prevHash);
    q.bindValue(8, e.hash);
    if (Status s = execQuery(q, "writing the audit log"); !s)
        return s.error();
    return e.hash;
}

Result<std::vector<AuditEntry>> AuditRepository::all()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM audit_log ORDER BY id"));
    if (Status s = execQuery(q, "reading the audit log"); !s)
        return s.error();
    std::vector<AuditEntry> out;
    while (q.next())
        out.push_back(entryAt(q));
    return out;
}

QString AuditRepository::columns()
{
    return QStringLiteral("id, at, actor, action, subject, before_state, after_state, prev_hash, hash");
}

AuditEntry AuditRepository::entryAt(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(),
            q.value(1).toLongLong(),
            q.value(2).toString(),
            q.value(3).toString(),
            q.value(4).toString(),
            QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object(),
            QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object(),
            q.value(7).toString(),
            q.value(8).toString()};
}

Result<QString> AuditRepository::head()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT audit_head FROM account WHERE id = 1"));
    if (Status s = execQuery(q, "reading the audit head"); !s)
        return s.error();
    return q.next() ? q.value(0).toString() : QString();
}

Status AuditRepository::setHead(const QString &head)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("UPDATE account SET audit_head = ? WHERE id = 1"));
    q.bindValue(0, head);
    return execQuery(q, "moving the audit head");
}

} // namespace billing
