#pragma once

#include "core/result.h"

#include <QStringList>

#include <optional>

namespace billing {

class Database;

// On a shared PostgreSQL database the database user is the identity and its membership in the group
// roles of resources/postgres/roles.sql grants what it may do; the database itself enforces it.
namespace dbroles {
inline const QString kOwner = QStringLiteral("billing_owner"); // everything, including migrations
inline const QString kFinance =
    QStringLiteral("billing_finance"); // reads, top-ups, exports, the engine's writes
inline const QString kAnalyst = QStringLiteral("billing_analyst"); // reads only
} // namespace dbroles

// The billing group roles (dbroles::kOwner, kFinance, kAnalyst, in that order) that the connected
// PostgreSQL user is a member of, directly or through other roles (pg_has_role ... 'MEMBER'). Roles
// that do not exist on the server are left out. std::nullopt on SQLite, which has no database users:
// there the file's permissions decide.
Result<std::optional<QStringList>> databaseRoles(Database &db);

// The connected PostgreSQL user (current_user); std::nullopt on SQLite.
Result<std::optional<QString>> databaseUser(Database &db);

} // namespace billing
