#pragma once

#include "core/result.h"
#include "domain/types.h"

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

private:
    Result<std::vector<LedgerEntry>> select(const QString &where, const QVariant &arg);
    Database &m_db;
};

} // namespace billing
