#pragma once

#include "core/result.h"
#include "domain/audit.h"

#include <vector>

class QSqlQuery;

namespace billing {

class Database;

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
