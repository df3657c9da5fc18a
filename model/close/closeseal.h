#pragma once

// What a close records and what verify proves afterwards (provider-bills.md §4): the close is an audit
// entry "close" on "month YYYY-MM" holding the pack's content hash, the audit chain's head at closing and
// the SHA-256 of the month's records (every field of every record of the bill month, in id order). The
// log is hash-chained, so the digest cannot be changed either; verify recomputes it for every close.
#include "close/closepack.h"
#include "core/result.h"
#include "domain/types.h"

#include <QStringList>

#include <vector>

namespace billing {

struct Context;

// SHA-256 (hex) of the records as stored, backend-neutral (the fields as text, one line per record).
QString recordsDigest(const std::vector<Record> &records);

inline QString closeAction()
{
    return QStringLiteral("close");
}
inline QString closeSubject(const QString &month)
{
    return QStringLiteral("month %1").arg(month);
}

// Checks the permission (owner or finance: the bookkeeping of the month), fills the stamp's closedAt,
// closedBy and auditHead, and appends the audit entry. The pack's files are written by the caller
// before this, inside the same transaction.
Status authorizeClose(Context &ctx);
Result<CloseStamp> closeStamp(Context &ctx, const QString &contentHash);
Status recordClose(Context &ctx, const ClosePack &pack, const CloseStamp &stamp);

// verify: for every close entry, the month's records still have the digest recorded at closing.
void checkClosedPacks(Context &ctx, QStringList &findings);

} // namespace billing
