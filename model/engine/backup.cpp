#include "engine/backup.h"
#include "engine/tr.h"

#include "auth/identity.h"
#include "engine/context.h"
#include "engine/engine.h"
#include "engine/verifier.h"
#include "storage/accountrepository.h"
#include "storage/database.h"
#include "storage/snapshotrepository.h"
#include "storage/transaction.h"
#include "time/clock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QSqlDriver>
#include <QTemporaryDir>

#include <sqlite3.h>

namespace billing {

namespace {

// Runs a whole backup from `from` into `to` (both open sqlite3 handles).
Status copyAll(sqlite3 *to, sqlite3 *from, const QString &shownTarget, const BackupProgress &progress = {})
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (!b)
        return Error::internal(
            EngineTr::tr("cannot copy into %1: %2").arg(shownTarget, QString::fromUtf8(sqlite3_errmsg(to))));
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(20);
        const int total = sqlite3_backup_pagecount(b);
        if (progress && rc == SQLITE_OK && !progress(total - sqlite3_backup_remaining(b), total)) {
            sqlite3_backup_finish(b);
            return Error::refused(EngineTr::tr("the copy into %1 was cancelled").arg(shownTarget));
        }
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return Error::internal(EngineTr::tr("copying into %1 failed: %2")
                                   .arg(shownTarget, QString::fromUtf8(sqlite3_errstr(rc))));
    return {};
}

sqlite3 *handleOf(Database &db)
{
    const QVariant v = db.connection().driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.data());
}

struct Handle
{
    sqlite3 *db = nullptr;
    ~Handle() { sqlite3_close(db); }
};
} // namespace

Status backupDatabase(Database &db, const QString &targetPath, const QString &user,
                      const BackupProgress &progress)
{
    const QString shown = QDir::toNativeSeparators(targetPath);
    if (db.isPostgres())
        return Error::badUsage(
            EngineTr::tr(
                "%1 is a PostgreSQL database: back it up on the server with pg_dump "
                "(for example pg_dump -Fc -f billing.dump DBNAME); this command copies SQLite files only")
                .arg(db.displayLocation()));
    auto who = resolveIdentity(db, user);
    if (!who)
        return who.error();
    if (Status s = authorize(*who, Permission::Backup); !s)
        return s;
    if (QFileInfo::exists(targetPath))
        return Error::refused(
            EngineTr::tr("%1 already exists; choose a new file name for the backup").arg(shown));
    if (!QFileInfo(targetPath).absoluteDir().exists())
        return Error::badData(EngineTr::tr("the folder of %1 does not exist").arg(shown));
    sqlite3 *from = handleOf(db);
    if (!from)
        return Error::internal(EngineTr::tr("the database connection gives no SQLite handle"));
    const QString partial = targetPath + QStringLiteral(".partial");
    QFile::remove(partial);
    Status s;
    {
        Handle to;
        if (sqlite3_open_v2(QFile::encodeName(partial).constData(), &to.db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            s = Error::badData(
                EngineTr::tr("cannot create %1: %2").arg(shown, QString::fromUtf8(sqlite3_errmsg(to.db))));
        else
            s = copyAll(to.db, from, shown, progress);
    }
    if (s && !QFile::rename(partial, targetPath))
        s = Error::badData(EngineTr::tr("cannot write %1").arg(shown));
    if (!s)
        QFile::remove(partial);
    return s;
}

namespace {
// Opens `location` as an account (migrating an older one) and verifies it as stored. This is the
// engine's own check of a file, so it asks for no member: whoever restores need not be one of the backup.
Result<BackupSummary> summarize(const QString &location)
{
    SystemClock clock;
    auto engine = Engine::open(location, clock);
    if (!engine)
        return engine.error();
    Database &db = (*engine)->database();
    auto account = AccountRepository(db).load();
    if (!account)
        return account.error();
    Context ctx(db, (*engine)->catalog(), *account, clock.now());
    ctx.actor = QString::fromUtf16(SystemActor);
    BackupSummary sum;
    sum.accountName = account->name;
    sum.currency = account->currency;
    sum.utcOffsetSeconds = account->utcOffsetSeconds;
    sum.createdAt = account->createdAt;
    sum.settledUntil = account->processedUntil;
    auto facts = SnapshotRepository(db).facts();
    if (!facts)
        return facts.error();
    sum.records = facts->records;
    sum.lastRecordAt = facts->lastRecordAt;
    sum.members = facts->members;
    auto findings = verifyAccount(ctx);
    if (!findings)
        return findings.error();
    sum.findings = *findings;
    return sum;
}

// Copies the backup aside (the original is never opened for writing) and summarizes the copy.
Result<BackupSummary> checkCopy(const QString &backupPath, const QString &copy)
{
    const QString shown = QDir::toNativeSeparators(backupPath);
    if (!QFileInfo(backupPath).isFile())
        return Error::badUsage(EngineTr::tr("there is no backup file %1").arg(shown));
    if (!QFile::copy(backupPath, copy))
        return Error::badData(EngineTr::tr("cannot read %1").arg(shown));
    auto sum = summarize(copy);
    if (!sum)
        return Error{sum.error().code == ErrorCode::Refused ? ErrorCode::BadData : sum.error().code,
                     EngineTr::tr("%1 is not a usable backup: %2")
                         .arg(shown, QString(sum.error().message).replace(copy, shown))};
    return sum;
}
} // namespace

Result<QStringList> verifyDatabase(const QString &location)
{
    auto sum = summarize(location);
    if (!sum)
        return sum.error();
    return sum->findings;
}

Result<BackupSummary> inspectBackup(const QString &backupPath)
{
    QTemporaryDir scratch;
    return checkCopy(backupPath, scratch.filePath(QStringLiteral("inspect.sqlite")));
}

namespace {
// The restore itself goes into the restored account's audit log, after the backup's last entry, so the
// log says who replaced the account, when, and with what.
Status recordRestore(const QString &location, const QString &backupPath, const QString &user, Instant at)
{
    SystemClock clock;
    auto engine = Engine::open(location, clock);
    if (!engine)
        return engine.error();
    Database &db = (*engine)->database();
    Transaction tx(db);
    if (!tx.started())
        return tx.started().error();
    auto account = AccountRepository(db).load();
    if (!account)
        return account.error();
    Context ctx(db, (*engine)->catalog(), *account, at);
    ctx.actor = user;
    if (Status s = ctx.audit(
            QStringLiteral("restore"), QStringLiteral("account"), {},
            QJsonObject{{QStringLiteral("from"), QFileInfo(backupPath).fileName()},
                        {QStringLiteral("settled_until"), ctx.calendar.format(account->processedUntil)}});
        !s)
        return s;
    return tx.commit();
}
} // namespace

Status restoreDatabase(const QString &backupPath, const QString &location, const QString &user,
                       std::optional<Instant> at)
{
    const QString shown = QDir::toNativeSeparators(backupPath);
    if (Database::isPostgresUrl(location))
        return Error::badUsage(
            EngineTr::tr("%1 is a PostgreSQL database: restore it on the server with pg_restore from a "
                         "pg_dump archive; this command restores SQLite files only")
                .arg(Database::displayLocation(location)));
    if (QFileInfo::exists(location)) {
        // A live database that no longer opens may be replaced by anyone who can write it: recovering
        // it is what a restore is for. One that opens says who may.
        auto live = Database::open(location, Database::Mode::OpenExisting);
        if (live) {
            auto who = resolveIdentity(**live, user);
            if (!who)
                return who.error();
            if (Status s = authorize(*who, Permission::Restore); !s)
                return s;
        }
    }
    QTemporaryDir scratch;
    const QString copy = scratch.filePath(QStringLiteral("restore.sqlite"));
    auto checked = checkCopy(backupPath, copy);
    if (!checked)
        return checked.error();
    if (!checked->findings.isEmpty())
        return Error::badData(
            EngineTr::tr("%1 fails verification: %2").arg(shown, checked->findings.first()));
    {
        Handle from, to;
        if (sqlite3_open_v2(QFile::encodeName(copy).constData(), &from.db, SQLITE_OPEN_READONLY, nullptr) !=
            SQLITE_OK)
            return Error::badData(EngineTr::tr("cannot read %1").arg(shown));
        if (sqlite3_open_v2(QFile::encodeName(location).constData(), &to.db,
                            SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            return Error::badData(
                EngineTr::tr("cannot open %1: %2")
                    .arg(QDir::toNativeSeparators(location), QString::fromUtf8(sqlite3_errmsg(to.db))));
        sqlite3_busy_timeout(to.db, 10000);
        if (Status s = copyAll(to.db, from.db, QDir::toNativeSeparators(location)); !s)
            return s;
    }
    return recordRestore(location, backupPath, user, at ? *at : SystemClock().now());
}

} // namespace billing
