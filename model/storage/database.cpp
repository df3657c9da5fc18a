#include "storage/database.h"
#include "storage/tr.h"

#include "storage/costrollup.h"
#include "storage/faststatement.h"
#include "storage/pgbulk.h"
#include "storage/schema.h"
#include "storage/sqlerror.h"
#include "storage/transaction.h"

#include <QCoreApplication>
#include <QDir>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <atomic>

#include <sqlite3.h>

namespace billing {

namespace {

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
    // SQLITE_BUSY: another writer kept the account past the busy timeout set in dialect.cpp (10 s).
    if (e.nativeErrorCode() == QLatin1String("5"))
        return Error::internal(
            StorageTr::tr("another program is changing this account and held it for the %1 seconds "
                          "waited; try again when it has finished, or close it")
                .arg(10));
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
            StorageTr::tr("the database does not allow this user to change the account (while %1): %2")
                .arg(doing, why));
    case SqlFault::Damaged:
        return Error::badData(StorageTr::tr("the database is damaged (%1): %2").arg(doing, why));
    case SqlFault::Other:
        break;
    }
    return Error::internal(StorageTr::tr("database error while %1: %2").arg(doing, why));
}

namespace {
Status sendBulkRows(const QSqlDriver *driver)
{
    PgBulk *bulk = PgBulk::waitingOn(driver);
    return bulk ? bulk->flush() : Status{};
}
} // namespace

Status execQuery(QSqlQuery &query, const char *what)
{
    if (Status s = sendBulkRows(query.driver()); !s)
        return s;
    if (query.exec())
        return {};
    return errorOf(query.lastError(), QLatin1String(what));
}

Result<qint64> execInsert(QSqlQuery &query, const char *what)
{
    if (Status s = execQuery(query, what); !s)
        return s.error();
    if (!query.next())
        return Error::internal(
            StorageTr::tr("database error while %1: no id came back").arg(QLatin1String(what)));
    const qint64 id = query.value(0).toLongLong();
    // Read to the end and reset: SQLite completes a RETURNING statement only when it is stepped out.
    while (query.next()) {
    }
    query.finish();
    return id;
}

Status execStatement(QSqlDatabase &db, const QString &sql)
{
    if (Status s = sendBulkRows(db.driver()); !s)
        return s;
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
    return dialect::ofLocation(location) == Dialect::PostgreSQL;
}

QString Database::displayLocation(const QString &location)
{
    return dialect::displayLocation(location);
}

QStringList Database::beginStatements() const
{
    return dialect::beginStatements(m_dialect);
}

Database::Database() : m_costRollup(std::make_unique<CostRollup>(*this)) {}

Result<std::unique_ptr<Database>> Database::open(const QString &location, Mode mode)
{
    std::unique_ptr<Database> d(new Database);
    d->m_location = location;
    d->m_dialect = dialect::ofLocation(location);
    if (Status s = d->connect(mode); !s)
        return s.error();
    if (d->isPostgres())
        d->m_bulk = std::make_unique<PgBulk>(d->m_db);
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

Status Database::connect(Mode mode)
{
    m_connectionName = nextConnectionName();
    if (Status s =
            dialect::connect(m_dialect, m_location, mode == Mode::CreateIfMissing, m_connectionName, m_db);
        !s)
        return s;
    if (Status s = checkVersion(); !s)
        return s;
    if (m_version == 0)
        return dialect::checkUnversioned(m_dialect, m_db, m_location, mode == Mode::CreateIfMissing);
    return {};
}

Result<int> Database::storedVersion()
{
    return dialect::storedVersion(m_dialect, m_db, m_location);
}

Status Database::checkVersion()
{
    // Read the version before touching anything: a newer database must stay exactly as it is.
    auto v = storedVersion();
    if (!v)
        return v.error();
    m_version = *v;
    // A version below 0 was never written by any version of this program (and would index the steps
    // out of bounds): the file is someone else's.
    if (m_version < 0)
        return Error::badData(
            StorageTr::tr("%1 is not a billing database of this program (schema version %2; "
                          "this program writes 0 to %3); it was not changed")
                .arg(displayLocation())
                .arg(m_version)
                .arg(latestSchemaVersion()));
    if (m_version > latestSchemaVersion())
        return Error::badData(
            StorageTr::tr("the database %1 was written by a newer version of the console (schema %2; "
                          "this version reads up to %3); it was not changed")
                .arg(displayLocation())
                .arg(m_version)
                .arg(latestSchemaVersion()));
    return {};
}

Status Database::configure()
{
    return dialect::configure(m_dialect, m_db, m_location);
}

namespace {
constexpr int kCostRollupStep = 14;
} // namespace

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
        for (const QString &sql : dialect::beforeMigration(m_dialect, m_version))
            if (Status s = execStatement(m_db, sql); !s)
                return s;
        for (const QString &sql : steps[size_t(m_version)])
            if (Status s = execStatement(m_db, dialect::translate(m_dialect, sql)); !s)
                return s;
        // Step 14 made the cost rollups: they are built from the records already there.
        if (m_version + 1 == kCostRollupStep)
            if (Status s = CostRollup(*this).rebuild(); !s)
                return s;
        if (Status s = execStatement(m_db, dialect::setVersion(m_dialect, m_version + 1)); !s)
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
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
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
            if (m_bulk)
                f->copy = m_bulk->table(sql, returningId);
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
    m_bulk.reset();
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

} // namespace billing
