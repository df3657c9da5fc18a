#pragma once

#include "core/result.h"

#include <QString>
#include <QStringList>

#include <optional>

class QSqlDatabase;

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

// PostgreSQL's bulk path (storage/pgbulk.h): the COPY that loads the rows of a plain single-row
// "INSERT INTO table (columns) VALUES (?, ...)" (nothing after it), with the id as a last column when
// withId; nothing for any other statement (an upsert, RETURNING, a SELECT).
struct CopyTarget
{
    QString table;
    QString copySql; // COPY table (columns[, id]) FROM STDIN
};
std::optional<CopyTarget> copyTarget(const QString &insertSql, bool withId);

// The engine of an account location: a postgresql:// (or postgres://) URL, else an SQLite file.
Dialect ofLocation(const QString &location);
// The location as it may be shown: a URL without its password, a file path in the platform's form.
QString displayLocation(const QString &location);

// What Database does the same way on both engines, in each engine's own terms (storage/database.cpp
// keeps the order of the steps). `location` is as given; messages show it without a password.

// Adds the connection `connectionName` as `db` and opens it. SQLite: the file, refused when missing
// unless mayCreate. PostgreSQL: the URL's server, database and schema=NAME, other query items passed to
// libpq.
Status connect(Dialect d, const QString &location, bool mayCreate, const QString &connectionName,
               QSqlDatabase &db);
// The schema version: PRAGMA user_version on SQLite, the one-row table schema_version on PostgreSQL
// (0 while there is none).
Result<int> storedVersion(Dialect d, QSqlDatabase &db, const QString &location);
// At schema version 0: refuses a database holding another program's tables, and on PostgreSQL one
// that holds no account yet unless mayCreate (a missing SQLite file was refused by connect()).
Status checkUnversioned(Dialect d, QSqlDatabase &db, const QString &location, bool mayCreate);
// The connection's settings, once after opening.
Status configure(Dialect d, QSqlDatabase &db, const QString &location);
// The statements that open a write transaction.
QStringList beginStatements(Dialect d);
// Run in a migration's transaction before the step from `version`, and after it to record version + 1.
QStringList beforeMigration(Dialect d, int version);
QString setVersion(Dialect d, int version);

} // namespace dialect
} // namespace billing
