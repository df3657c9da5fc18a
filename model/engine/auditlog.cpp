#include "engine/auditlog.h"

#include "engine/context.h"
#include "storage/auditqueryrepository.h"

namespace billing {

Result<std::vector<AuditEntry>> auditPage(Context &ctx, const AuditFilter &filter, qint64 beforeId, int limit)
{
    return AuditQueryRepository(ctx.db).page(filter, beforeId, limit);
}

Result<qint64> auditCount(Context &ctx, const AuditFilter &filter)
{
    return AuditQueryRepository(ctx.db).count(filter);
}

Result<AuditChoices> auditChoices(Context &ctx)
{
    AuditQueryRepository repo(ctx.db);
    auto actions = repo.actions();
    if (!actions)
        return actions.error();
    auto actors = repo.actors();
    if (!actors)
        return actors.error();
    return AuditChoices{*actions, *actors};
}

} // namespace billing
