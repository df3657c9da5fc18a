#pragma once

#include "core/result.h"
#include "storage/dialect.h"
#include "storage/rowseal.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <map>
#include <memory>

class QSqlQuery;

namespace billing {
struct FastStatement;
class PgBulk;
class CostRollup;
} // namespace billing

namespace billing {

// Owns one named Qt SQL connection. One Database per thread: a worker opens its own with
// openAnother(). Opening checks the schema version and migrates an older database step by step;
// a database written by a newer version is refused and left untouched.
//
// The location is a file path (embedded SQLite, the default) or a URL
// postgresql://USER[:PASSWORD]@HOST[:PORT]/DBNAME[?schema=NAME&libpq-setting=value...] (also postgres://) for
// an account shared by a team on a PostgreSQL server (Qt's QPSQL driver). The schema version lives in PRAGMA
// user_version on SQLite and in the one-row table schema_version on PostgreSQL.
class Database
{
public:
    enum class Mode { OpenExisting, CreateIfMissing };

    static Result<std::unique_ptr<Database>> open(const QString &location, Mode mode);
    Result<std::unique_ptr<Database>> openAnother() const;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase &connection() { return m_db; }
    const QString &location() const { return m_location; }
    // The location as it may be shown: a URL without its password.
    QString displayLocation() const { return displayLocation(m_location); }
    static QString displayLocation(const QString &location);
    static bool isPostgresUrl(const QString &location);
    Dialect dialect() const { return m_dialect; }
    bool isPostgres() const { return m_dialect == Dialect::PostgreSQL; }
    int schemaVersion() const { return m_version; }
    static int latestSchemaVersion();

    // The per-user database the console opens by default (standard application-data location).
    static QString defaultLocation();

    // A prepared statement kept for the connection's lifetime: hot writes (settlement, import) reuse
    // it instead of parsing the SQL again. Only for statements that are not nested in their own use.
    QSqlQuery &prepared(const QString &sql);
    // The same for storage/rowwriter.h, which binds without Qt's per-value overhead on SQLite.
    FastStatement &fastStatement(const QString &sql, bool returningId = false);

    // PostgreSQL's bulk writer for this connection (storage/pgbulk.h); nullptr on SQLite.
    PgBulk *bulk() { return m_bulk.get(); }

    // The rows the open write transaction has written to the sealed tables; sealed when it commits.
    RowSeal &rowSeal() { return m_rowSeal; }
    // The cost rollups' changes by the records the open write transaction has written (storage/costrollup.h);
    // written when it commits.
    CostRollup &costRollup() { return *m_costRollup; }

    // The statements that open a write transaction. SQLite: BEGIN IMMEDIATE. PostgreSQL: BEGIN and
    // a transaction-scoped advisory lock, so that writers from every process and connection on the
    // database run one after another (see database.cpp).
    QStringList beginStatements() const;

private:
    Database();
    Status connect(Mode mode);
    Status checkVersion();
    Result<int> storedVersion();
    Status configure();
    Status migrate();

    std::map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    std::map<QString, std::unique_ptr<FastStatement>> m_fast;
    std::unique_ptr<PgBulk> m_bulk;
    RowSeal m_rowSeal;
    std::unique_ptr<CostRollup> m_costRollup;
    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_location;
    Dialect m_dialect = Dialect::SQLite;
    int m_version = 0;
};

// Runs a prepared query and turns a failure into an Error naming what was being done. On PostgreSQL the
// rows the bulk writer keeps for the connection are sent first (storage/pgbulk.h), so it sees them.
Status execQuery(QSqlQuery &query, const char *what);
// Runs a prepared "INSERT ... RETURNING id" (SQLite ≥ 3.35 and PostgreSQL both have it;
// lastInsertId() does not work on QPSQL) and returns the new row's id.
Result<qint64> execInsert(QSqlQuery &query, const char *what);
Status execStatement(QSqlDatabase &db, const QString &sql);

} // namespace billing
