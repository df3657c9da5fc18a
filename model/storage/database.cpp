#include "storage/database.h"

#include "storage/faststatement.h"
#include "storage/schema.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

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
    return t.contains(QLatin1String("not a database")) || t.contains(QLatin1String("malformed"))
        || t.contains(QLatin1String("corrupt"));
}
} // namespace

Status execQuery(QSqlQuery &query, const char *what)
{
    if (query.exec())
        return {};
    const QSqlError e = query.lastError();
    if (isDatabaseFileError(e))
        return Error::badData(Tr::tr("the database is damaged (%1): %2").arg(QLatin1String(what), e.text()));
    return Error::internal(Tr::tr("database error while %1: %2").arg(QLatin1String(what), e.text()));
}

Status execStatement(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return {};
    const QSqlError e = q.lastError();
    if (isDatabaseFileError(e))
        return Error::badData(Tr::tr("the database is damaged: %1").arg(e.text()));
    return Error::internal(Tr::tr("database error in \"%1\": %2").arg(sql.left(60), e.text()));
}

int Database::latestSchemaVersion() { return int(schema::migrations().size()); }

QString Database::defaultLocation()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir).filePath(QStringLiteral("billing.sqlite"));
}

QString Database::beginStatement() const
{
    // IMMEDIATE takes the write lock up front, so two writers never deadlock upgrading a read lock.
    return m_postgres ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
}

Result<std::unique_ptr<Database>> Database::open(const QString &location, Mode mode)
{
    std::unique_ptr<Database> d(new Database);
    d->m_location = location;
    if (location.startsWith(QLatin1String("postgresql://")))
        return Error::badUsage(Tr::tr("PostgreSQL databases are not supported by this build yet: %1").arg(location));

    const QFileInfo fi(location);
    const bool exists = fi.exists();
    if (!exists && mode == Mode::OpenExisting)
        return Error::refused(Tr::tr("no account database at %1: run \"billingctl init\" first").arg(location));
    if (exists && fi.isDir())
        return Error::badData(Tr::tr("%1 is a directory, not a database file").arg(location));
    if (!exists && !fi.absoluteDir().exists())
        return Error::badData(Tr::tr("the folder %1 does not exist").arg(fi.absolutePath()));

    d->m_connectionName = nextConnectionName();
    d->m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d->m_connectionName);
    d->m_db.setDatabaseName(location);
    d->m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!d->m_db.open())
        return Error::badData(Tr::tr("cannot open the database %1: %2").arg(location, d->m_db.lastError().text()));

    // Read the version before touching anything: a newer database must stay exactly as it is.
    QSqlQuery q(d->m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return Error::badData(Tr::tr("%1 is not a billing database: %2").arg(location, q.lastError().text()));
    d->m_version = q.value(0).toInt();
    q.finish();
    if (d->m_version > latestSchemaVersion())
        return Error::badData(Tr::tr("the database %1 was written by a newer version of the console (schema %2; "
                                 "this version reads up to %3); it was not changed")
                                  .arg(location)
                                  .arg(d->m_version)
                                  .arg(latestSchemaVersion()));
    if (d->m_version == 0 && exists && fi.size() > 0) {
        QSqlQuery t(d->m_db);
        if (!t.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !t.next())
            return Error::badData(Tr::tr("%1 is not a billing database: %2").arg(location, t.lastError().text()));
        if (t.value(0).toInt() > 0)
            return Error::badData(Tr::tr("%1 is an SQLite database of another program, not a billing database").arg(location));
    }
    if (Status s = d->configure(); !s)
        return s.error();
    if (Status s = d->migrate(); !s)
        return s.error();
    return d;
}

Result<std::unique_ptr<Database>> Database::openAnother() const { return open(m_location, Mode::OpenExisting); }

Status Database::configure()
{
    for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
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
        for (const QString &sql : steps[size_t(m_version)])
            if (Status s = execStatement(m_db, sql); !s)
                return s;
        if (Status s = execStatement(m_db, QStringLiteral("PRAGMA user_version = %1").arg(m_version + 1)); !s)
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

FastStatement &Database::fastStatement(const QString &sql)
{
    auto it = m_fast.find(sql);
    if (it == m_fast.end()) {
        auto f = std::make_unique<FastStatement>();
        const QVariant handle = m_db.driver()->handle();
        if (!m_postgres && handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
            sqlite3 *h = *static_cast<sqlite3 *const *>(handle.data());
            const QByteArray utf8 = sql.toUtf8();
            if (sqlite3_prepare_v3(h, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &f->stmt, nullptr)
                != SQLITE_OK) {
                sqlite3_finalize(f->stmt);
                f->stmt = nullptr; // QSqlQuery below reports the error when the statement runs
            }
        }
        if (!f->stmt) {
            f->query = std::make_unique<QSqlQuery>(m_db);
            f->query->prepare(sql);
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
