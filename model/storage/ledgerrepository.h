#pragma once

#include "core/result.h"
#include "domain/types.h"

#include <QVariantList>

#include <vector>

namespace billing {

class Database;

// The append-only ledger of money movements. There is no update and no delete here on purpose.
class LedgerRepository
{
public:
    explicit LedgerRepository(Database &db) : m_db(db) {}

    Status append(LedgerEntry &entry); // sets entry.id
    Result<std::vector<LedgerEntry>> all();
    Result<std::vector<LedgerEntry>> forPackage(qint64 packageId);
    // The entries of a bill month, in id order: those of its records, and those without a record (top-ups,
    // coupon grants and lapses, package purchases) dated in [from, to). What a close digests.
    Result<std::vector<LedgerEntry>> ofBillMonth(const QString &month, Instant from, Instant to);

private:
    Result<std::vector<LedgerEntry>> select(const QString &where, const QVariantList &args);
    Database &m_db;
};

} // namespace billing
