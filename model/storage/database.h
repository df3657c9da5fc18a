#pragma once

#include "core/result.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <map>

class QSqlQuery;

namespace billing {
struct FastStatement;
}

namespace billing {

// Owns one named Qt SQL connection. One Database per thread: a worker opens its own with
// openAnother(). Opening checks the schema version and migrates an older database step by step;
// a database written by a newer version is refused and left untouched.
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
    bool isPostgres() const { return m_postgres; }
    int schemaVersion() const { return m_version; }
    static int latestSchemaVersion();

    // The per-user database the console opens by default (standard application-data location).
    static QString defaultLocation();

    // A prepared statement kept for the connection's lifetime: hot writes (settlement, import) reuse
    // it instead of parsing the SQL again. Only for statements that are not nested in their own use.
    QSqlQuery &prepared(const QString &sql);
    // The same for storage/rowwriter.h, which binds without Qt's per-value overhead on SQLite.
    FastStatement &fastStatement(const QString &sql);

    // Dialect differences live here.
    QString beginStatement() const;

private:
    Database() = default;
    Status configure();
    Status migrate();

    std::map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    std::map<QString, std::unique_ptr<FastStatement>> m_fast;
    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_location;
    bool m_postgres = false;
    int m_version = 0;
};

// Runs a prepared query and turns a failure into an Error naming what was being done.
Status execQuery(QSqlQuery &query, const char *what);
Status execStatement(QSqlDatabase &db, const QString &sql);

} // namespace billing
