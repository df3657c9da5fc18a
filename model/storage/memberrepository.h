#pragma once

#include "auth/role.h"
#include "core/result.h"
#include "time/instant.h"

#include <QString>

#include <vector>

namespace billing {

class Database;

// A user of the account and their role (SQLite mode; schema step 5).
struct Member
{
    QString name;
    Role role = Role::Owner;
    Instant since = 0; // when the role was last set
};

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
