#pragma once

#include <QString>

namespace billing {

// The SQL engines the repositories run on. Repositories write one portable statement (standard
// ON CONFLICT upserts, RETURNING id, no date functions, no PRAGMA); what cannot be written portably
// is translated here and only here.
enum class Dialect { SQLite, PostgreSQL };

namespace dialect {

// Rewrites a migration statement written for SQLite into the PostgreSQL form: INTEGER PRIMARY KEY →
// an identity column, INTEGER → BIGINT (money and instants are 64-bit), BLOB → BYTEA, REAL → DOUBLE
// PRECISION, TEXT → TEXT COLLATE "C" (byte order, as SQLite compares and sorts), AUTOINCREMENT and
// WITHOUT ROWID dropped, INSERT OR IGNORE → INSERT ... ON CONFLICT DO NOTHING. Migrations are written
// in plain SQLite DDL and work on both engines without their authors knowing.
QString toPostgres(const QString &sqliteStatement);

// The statement as it runs on `d`.
inline QString translate(Dialect d, const QString &sqliteStatement)
{
    return d == Dialect::PostgreSQL ? toPostgres(sqliteStatement) : sqliteStatement;
}

} // namespace dialect
} // namespace billing
