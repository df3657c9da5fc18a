#pragma once

// The console's reads of the audit log, page by page, newest first (the chain is written by the engine
// and checked by the verifier).
#include "core/result.h"
#include "domain/audit.h"

#include <QStringList>

#include <vector>

namespace billing {

struct Context;

// Up to `limit` entries matching the filter with an id below `beforeId` (0: from the newest).
Result<std::vector<AuditEntry>> auditPage(Context &ctx, const AuditFilter &filter, qint64 beforeId,
                                          int limit);
Result<qint64> auditCount(Context &ctx, const AuditFilter &filter);

// The distinct actions and actors in the log, sorted, for a filter bar.
struct AuditChoices
{
    QStringList actions;
    QStringList actors;
};
Result<AuditChoices> auditChoices(Context &ctx);

} // namespace billing
