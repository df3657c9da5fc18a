#pragma once

#include "core/result.h"
#include "domain/types.h"

namespace billing {

class Database;

// The single account row and the catalog copy stored at init.
class AccountRepository
{
public:
    explicit AccountRepository(Database &db) : m_db(db) {}

    Result<bool> exists();
    Result<Account> load();
    Status insert(const Account &a);
    Status save(const Account &a);

    Status storeCatalog(Instant at, const QByteArray &source);
    Result<QByteArray> catalogSource();

    Status addStateEvent(Instant at, AccountState state, std::optional<Instant> until);
    // Was the account frozen at t? From the state history, so that late records see their own instant.
    Result<std::vector<std::pair<Instant, bool>>> frozenHistory();

private:
    Database &m_db;
};

} // namespace billing
