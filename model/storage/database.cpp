#include "storage/database.h"

#include "storage/faststatement.h"
#include "storage/schema.h"
#include "storage/sqlerror.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

#include <atomic>

#include <sqlite3.h>

namespace billing {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::Database)
};

QString nextConnectionName()
{
    static std::atomic<int> counter{0};
    return QStringLiteral("billing-%1").arg(counter.fetch_add(1));
}

bool isDatabaseFileError(const QSqlError &e)
{
    const QString t = e.text().toLower();
    return t.contains(QLatin1String("not a database")) || t.contains(QLatin1String("malformed")) ||
           t.contains(QLatin1String("corrupt"));
}

// PostgreSQL's SQLSTATE for a statement the connected role has no privilege for (a role that may
// only read, see resources/postgres/roles.sql).
bool isPermissionError(const QSqlError &e)
{
    return e.nativeErrorCode() == QLatin1String("42501");
}

Error errorOf(const QSqlError &e, const QString &doing)
{
    if (isPermissionError(e))
        return sqlError(SqlFault::Permission, doing, e.databaseText());
    return sqlError(isDatabaseFileError(e) ? SqlFault::Damaged : SqlFault::Other, doing, e.text());
}

} // namespace

Error sqlError(SqlFault fault, const QString &doing, const QString &why)
{
    switch (fault) {
    case SqlFault::Permission:
        return Error::refused(
            Tr::tr("the database does not allow this user to change the account (while %1): %2")
                .arg(doing, why));
    case SqlFault::Damaged:
        return Error::badData(Tr::tr("the database is damaged (%1): %2").arg(doing, why));
    case SqlFault::Other:
        break;
    }
    return Error::internal(Tr::tr("database error while %1: %2").arg(doing, why));
}

Status execQuery(QSqlQuery &query, const char *what)
{
    if (query.exec())
        return {};
    return errorOf(query.lastError(), QLatin1String(what));
}

Result<qint64> execInsert(QSqlQuery &query, const char *what)
{
    if (Status s = execQuery(query, what); !s)
        return s.error();
    if (!query.next())
        return Error::internal(Tr::tr("database error while %1: no id came back").arg(QLatin1String(what)));
    const qint64 id = query.value(0).toLongLong();
    // Read to the end and reset: SQLite completes a RETURNING statement only when it is stepped out.
    while (query.next()) {
    }
    query.finish();
    return id;
}

Status execStatement(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return {};
    return errorOf(q.lastError(), QStringLiteral("\"%1\"").arg(sql.simplified().left(60)));
}

int Database::latestSchemaVersion()
{
    return int(schema::migrations().size());
}

QString Database::defaultLocation()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("billing.sqlite"));
}

bool Database::isPostgresUrl(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://"), Qt::CaseInsensitive) ||
           location.startsWith(QLatin1String("postgres://"), Qt::CaseInsensitive);
}

QString Database::displayLocation(const QString &location)
{
    if (!isPostgresUrl(location))
        return QDir::toNativeSeparators(location);
    return QUrl(location).toDisplayString(QUrl::RemovePassword);
}

QStringList Database::beginStatements() const
{
    // SQLite: IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading a read lock.
    if (!isPostgres())
        return {QStringLiteral("BEGIN IMMEDIATE")};
    // PostgreSQL: every write transaction first takes one database-wide advisory lock, before the
    // engine reads the account row. Writers from all processes therefore run one after another and
    // each reads what the previous one committed (READ COMMITTED takes a fresh snapshot per statement),
    // so no update of the balance chain is lost, and there are no serialization failures or deadlocks
    // to retry. An advisory lock needs no table privilege and works before the first migration too.
    // Readers are never blocked. The key is the account's schema, the unit one account lives in.
    return {
        QStringLiteral("BEGIN"),
        QStringLiteral(
            "SELECT pg_advisory_xact_lock(hashtext('billing account ' || coalesce(current_schema(), '')))")};
}

Result<std::unique_ptr<Database>> Database::open(const QString &location, Mode mode)
{
    std::unique_ptr<Database> d(new Database);
    d->m_location = location;
    const Status opened = isPostgresUrl(location) ? d->openPostgres(mode) : d->openSqlite(mode);
    if (!opened)
        return opened.error();
    if (Status s = d->configure(); !s)
        return s.error();
    if (Status s = d->migrate(); !s)
        return s.error();
    return d;
}

Result<std::unique_ptr<Database>> Database::openAnother() const
{
    return open(m_location, Mode::OpenExisting);
}

Status Database::openSqlite(Mode mode)
{
    const QString &location = m_location;
    const QFileInfo fi(location);
    const bool exists = fi.exists();
    if (!exists && mode == Mode::OpenExisting)
        return Error::refused(
            Tr::tr("no account database at %1: run \"billingctl init\" first").arg(location));
    if (exists && fi.isDir())
        return Error::badData(Tr::tr("%1 is a directory, not a database file").arg(location));
    if (!exists && !fi.absoluteDir().exists())
        return Error::badData(Tr::tr("the folder %1 does not exist").arg(fi.absolutePath()));

    m_connectionName = nextConnectionName();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(location);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!m_db.open())
        return Error::badData(
            Tr::tr("cannot open the database %1: %2").arg(location, m_db.lastError().text()));
    if (Status s = checkVersion(); !s)
        return s;
    if (m_version == 0 && exists && fi.size() > 0) {
        QSqlQuery t(m_db);
        if (!t.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !t.next())
            return Error::badData(
                Tr::tr("%1 is not a billing database: %2").arg(location, t.lastError().text()));
        if (t.value(0).toInt() > 0)
            return Error::badData(
                Tr::tr("%1 is an SQLite database of another program, not a billing database").arg(location));
    }
    return {};
}

Status Database::openPostgres(Mode mode)
{
    m_dialect = Dialect::PostgreSQL;
    const QString shown = displayLocation();
    const QUrl url(m_location);
    const QString dbName = url.path(QUrl::FullyDecoded).mid(1);
    if (!url.isValid() || dbName.isEmpty() || dbName.contains(u'/'))
        return Error::badUsage(
            Tr::tr("%1 is not a PostgreSQL URL of the form postgresql://USER:PASSWORD@HOST:PORT/DBNAME")
                .arg(shown));
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return Error::internal(
            Tr::tr("Qt's PostgreSQL driver is not installed (Debian package libqt6sql6-psql)"));
    m_connectionName = nextConnectionName();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
    m_db.setDatabaseName(dbName);
    if (!url.host().isEmpty())
        m_db.setHostName(url.host());
    if (url.port() > 0)
        m_db.setPort(url.port());
    m_db.setUserName(url.userName(QUrl::FullyDecoded));
    m_db.setPassword(url.password(QUrl::FullyDecoded));
    // Further libpq settings (sslmode=require, connect_timeout=5, ...) come as URL query items;
    // schema=NAME puts the account into that schema instead of the search path's first one.
    QStringList options;
    QString schema;
    bool timeout = false;
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("schema")) {
            static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,62}$"));
            if (!identifier.match(value).hasMatch())
                return Error::badUsage(
                    Tr::tr("the schema \"%1\" in %2 is not a plain SQL name").arg(value, shown));
            schema = value;
            continue;
        }
        if (key.contains(u';') || value.contains(u';') || value.contains(u' ') || key.contains(u' '))
            return Error::badUsage(
                Tr::tr("the setting \"%1\" in %2 is not a libpq connection setting").arg(key, shown));
        options << key + u'=' + value;
        timeout = timeout || key == QLatin1String("connect_timeout");
    }
    if (!timeout)
        options << QStringLiteral("connect_timeout=10");
    m_db.setConnectOptions(options.join(u';'));
    // Sums of BIGINT columns are NUMERIC in PostgreSQL: read them exactly (as text), never as a double.
    m_db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    if (!m_db.open())
        return Error::badData(Tr::tr("cannot connect to the PostgreSQL database %1: %2")
                                  .arg(shown, m_db.lastError().databaseText().trimmed()));
    if (!schema.isEmpty())
        if (Status s = execStatement(m_db, QStringLiteral("SET search_path TO \"%1\"").arg(schema)); !s)
            return s;
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT current_schema() IS NULL")) || !q.next() || q.value(0).toBool())
            return Error::badData(Tr::tr("the PostgreSQL database %1 has no schema to keep the account in: "
                                         "create it first (CREATE SCHEMA %2)")
                                      .arg(shown, schema.isEmpty() ? QStringLiteral("public") : schema));
    }
    if (Status s = checkVersion(); !s)
        return s;
    if (m_version == 0) {
        QSqlQuery t(m_db);
        if (!t.exec(QStringLiteral(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")) ||
            !t.next())
            return Error::badData(
                Tr::tr("cannot read the tables of %1: %2").arg(shown, t.lastError().text()));
        if (t.value(0).toInt() > 0)
            return Error::badData(
                Tr::tr("the PostgreSQL database %1 holds tables of another program, not a billing account")
                    .arg(shown));
        if (mode == Mode::OpenExisting)
            return Error::refused(
                Tr::tr("the PostgreSQL database %1 holds no account yet: run \"billingctl init\" first")
                    .arg(shown));
    }
    return {};
}

Result<int> Database::storedVersion()
{
    QSqlQuery q(m_db);
    if (!isPostgres()) {
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
            return Error::badData(
                Tr::tr("%1 is not a billing database: %2").arg(m_location, q.lastError().text()));
        return q.value(0).toInt();
    }
    if (!q.exec(QStringLiteral("SELECT to_regclass('schema_version') IS NOT NULL")) || !q.next())
        return Error::badData(
            Tr::tr("cannot read the schema version of %1: %2").arg(displayLocation(), q.lastError().text()));
    if (!q.value(0).toBool())
        return 0;
    if (!q.exec(QStringLiteral("SELECT version FROM schema_version")) || !q.next())
        return Error::badData(
            Tr::tr("cannot read the schema version of %1: %2").arg(displayLocation(), q.lastError().text()));
    return q.value(0).toInt();
}

Status Database::checkVersion()
{
    // Read the version before touching anything: a newer database must stay exactly as it is.
    auto v = storedVersion();
    if (!v)
        return v.error();
    m_version = *v;
    if (m_version > latestSchemaVersion())
        return Error::badData(
            Tr::tr("the database %1 was written by a newer version of the console (schema %2; "
                   "this version reads up to %3); it was not changed")
                .arg(displayLocation())
                .arg(m_version)
                .arg(latestSchemaVersion()));
    return {};
}

Status Database::configure()
{
    if (isPostgres()) {
        // NOTICEs ("relation exists, skipping") are no news for the user.
        return execStatement(m_db, QStringLiteral("SET client_min_messages = warning"));
    }
    for (const char *pragma :
         {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
          // Settlements write hundreds of thousands of rows in one transaction (P1).
          "PRAGMA cache_size = -32768"}) {
        QSqlQuery q(m_db);
        if (!q.exec(QLatin1String(pragma))) {
            const QString why = q.lastError().text();
            if (why.contains(QLatin1String("readonly")) || why.contains(QLatin1String("read-only")))
                return Error::badData(Tr::tr("the database %1 is read-only").arg(m_location));
            return Error::badData(Tr::tr("cannot configure the database %1: %2").arg(m_location, why));
        }
    }
    return {};
}

Status Database::migrate()
{
    const auto &steps = schema::migrations();
    while (m_version < int(steps.size())) {
        Transaction tx(*this);
        if (!tx.started())
            return tx.started().error();
        // Another process may have migrated while this one waited for the write lock.
        auto now = storedVersion();
        if (!now)
            return now.error();
        if (*now != m_version) {
            m_version = *now;
            if (Status s = checkVersion(); !s)
                return s;
            continue;
        }
        if (isPostgres()) {
            // Objects created by a member of billing_owner belong to that group role, so that every
            // owner can migrate later and the default privileges of roles.sql apply to new tables
            // (only where roles.sql gave the role the schema; elsewhere the user creates them).
            if (Status s = execStatement(
                    m_db,
                    QStringLiteral("DO $$ BEGIN IF to_regrole('billing_owner') IS NOT NULL AND "
                                   "current_schema() IS NOT NULL AND "
                                   "pg_has_role(current_user, 'billing_owner', 'MEMBER') AND "
                                   "has_schema_privilege('billing_owner', current_schema(), 'CREATE') THEN "
                                   "SET LOCAL ROLE billing_owner; END IF; END $$"));
                !s)
                return s;
            if (m_version == 0)
                for (const char *sql : {"CREATE TABLE schema_version (version INTEGER NOT NULL)",
                                        "INSERT INTO schema_version (version) VALUES (0)"})
                    if (Status s = execStatement(m_db, QLatin1String(sql)); !s)
                        return s;
        }
        for (const QString &sql : steps[size_t(m_version)])
            if (Status s = execStatement(m_db, dialect::translate(m_dialect, sql)); !s)
                return s;
        const QString bump = isPostgres() ? QStringLiteral("UPDATE schema_version SET version = %1")
                                          : QStringLiteral("PRAGMA user_version = %1");
        if (Status s = execStatement(m_db, bump.arg(m_version + 1)); !s)
            return s;
        if (Status s = tx.commit(); !s)
            return s;
        ++m_version;
    }
    return {};
}

QSqlQuery &Database::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto q = std::make_unique<QSqlQuery>(m_db);
        q->setForwardOnly(true); // every user reads forward; Qt would otherwise cache every row
        q->prepare(sql);
        it = m_statements.emplace(sql, std::move(q)).first;
    }
    it->second->finish();
    return *it->second;
}

FastStatement::~FastStatement()
{
    if (stmt)
        sqlite3_finalize(stmt);
}

FastStatement &Database::fastStatement(const QString &sql, bool returningId)
{
    auto it = m_fast.find(sql);
    if (it == m_fast.end()) {
        auto f = std::make_unique<FastStatement>();
        const QVariant handle = m_db.driver()->handle();
        if (!isPostgres() && handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
            sqlite3 *h = *static_cast<sqlite3 *const *>(handle.data());
            const QByteArray utf8 = sql.toUtf8();
            if (sqlite3_prepare_v3(h, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &f->stmt,
                                   nullptr) != SQLITE_OK) {
                sqlite3_finalize(f->stmt);
                f->stmt = nullptr; // QSqlQuery below reports the error when the statement runs
            } else {
                // Sized once: bound texts must not move (RowWriter binds them without a copy).
                f->text.resize(size_t(sqlite3_bind_parameter_count(f->stmt)));
            }
        }
        if (!f->stmt) {
            f->query = std::make_unique<QSqlQuery>(m_db);
            f->returnsId = returningId;
            f->query->prepare(returningId ? sql + QStringLiteral(" RETURNING id") : sql);
        }
        it = m_fast.emplace(sql, std::move(f)).first;
    }
    return *it->second;
}

Database::~Database()
{
    m_fast.clear(); // finalized before the connection closes
    m_statements.clear();
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

} // namespace billing
