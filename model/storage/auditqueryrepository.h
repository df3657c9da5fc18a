#pragma once

#include "core/result.h"
#include "storage/auditrepository.h"

#include <QStringList>

#include <vector>

namespace billing {

// Reading the audit log page by page, newest first, for long logs. (The chain itself is written and
// verified by AuditRepository; this file only reads.)
class AuditQueryRepository
{
public:
    explicit AuditQueryRepository(Database &db) : m_db(db) {}

    // Up to `limit` entries matching the filter with an id below `beforeId` (0: from the newest).
    Result<std::vector<AuditEntry>> page(const AuditFilter &filter, qint64 beforeId, int limit);
    Result<qint64> count(const AuditFilter &filter);
    // The distinct actions and actors in the log, sorted, for the filter bar.
    Result<QStringList> actions();
    Result<QStringList> actors();

private:
    Result<QStringList> distinct(const QString &column);
    Database &m_db;
};

} // namespace billing
