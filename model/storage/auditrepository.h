#pragma once

#include "core/result.h"
#include "time/instant.h"

#include <QJsonObject>
#include <QString>

#include <vector>

class QSqlQuery;

namespace billing {

class Database;

struct AuditEntry
{
    qint64 id = 0;
    Instant at = 0;
    QString actor;   // who: the operating-system user, or "system" for the engine's own actions
    QString action;  // what: "topup", "buy", "enable", …
    QString subject; // on what: "package 12", "general-text/cn-north-4", …
    QJsonObject before;
    QJsonObject after;
    QString prevHash;
    QString hash;
};

// The append-only, hash-chained audit log. Each entry's hash covers its content and the previous hash.
class AuditRepository
{
public:
    explicit AuditRepository(Database &db) : m_db(db) {}

    // Appends after `head` (the chain's last hash) and returns the new head.
    Result<QString> append(AuditEntry &e, const QString &head);
    Result<std::vector<AuditEntry>> all();
    Result<QString> head();
    Status setHead(const QString &head);

    static QString hashOf(const AuditEntry &e);
    // The columns every audit query selects, in the order entryAt() reads them.
    static QString columns();
    static AuditEntry entryAt(const QSqlQuery &q);

private:
    Database &m_db;
};

} // namespace billing
