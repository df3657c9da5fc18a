#pragma once

#include "core/result.h"
#include "domain/member.h"

#include <vector>

namespace billing {

class Database;

// The account_member table. Plain standard SQL (UPDATE, then INSERT when no row was there) so that it runs
// unchanged on PostgreSQL.
class MemberRepository
{
public:
    explicit MemberRepository(Database &db) : m_db(db) {}

    // Every member, by name.
    Result<std::vector<Member>> all();
    // Adds the member or changes their role.
    Status put(const Member &m);
    Status remove(const QString &name);

private:
    Database &m_db;
};

} // namespace billing
