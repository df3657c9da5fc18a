#pragma once

// What a close records and what verify proves afterwards (provider-bills.md §4): the close is an audit
// entry "close" on "month YYYY-MM" holding the pack's content hash, the audit chain's head at closing and
// the SHA-256 of the month's records (every field of every record of the bill month, in id order), of its
// ledger entries and of its records' tier rows. The
// log is hash-chained, so the digest cannot be changed either; verify recomputes it for every close.
#include "close/closepack.h"
#include "core/result.h"
#include "domain/records.h"
#include "domain/types.h"

#include <QStringList>

#include <vector>

namespace billing {

struct Context;

// SHA-256 (hex) of the records as stored, backend-neutral (the fields as text, one line per record).
QString recordsDigest(const std::vector<Record> &records);
// The same for the month's ledger entries (LedgerRepository::ofBillMonth) and its records' tier rows.
QString ledgerDigest(const std::vector<LedgerEntry> &entries);
QString tiersDigest(const std::vector<std::pair<qint64, TierUse>> &tiers);

// The three digests of a bill month as stored now, what a close records and verify recomputes.
struct MonthDigests
{
    QString records, ledger, tiers;
};
Result<MonthDigests> monthDigests(Context &ctx, const QString &month, const std::vector<Record> &records);

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

// verify: for every close entry, the month's records, ledger entries and tier rows still have the digests
// recorded at closing (a close recorded before the ledger and tier digests existed checks the records).
void checkClosedPacks(Context &ctx, QStringList &findings);

} // namespace billing
