#include "engine/backup.h"

#include "engine/engine.h"
#include "engine/verifier.h"
#include "storage/database.h"
#include "time/clock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QTemporaryDir>

#include <sqlite3.h>

namespace billing {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::Backup)
};

// Runs a whole backup from `from` into `to` (both open sqlite3 handles).
Status copyAll(sqlite3 *to, sqlite3 *from, const QString &shownTarget)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    if (!b)
        return Error::internal(Tr::tr("cannot copy into %1: %2").arg(shownTarget, QString::fromUtf8(sqlite3_errmsg(to))));
    int rc = SQLITE_OK;
    do {
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return Error::internal(Tr::tr("copying into %1 failed: %2").arg(shownTarget, QString::fromUtf8(sqlite3_errstr(rc))));
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

Status backupDatabase(Database &db, const QString &targetPath)
{
    const QString shown = QDir::toNativeSeparators(targetPath);
    if (db.isPostgres())
        return Error::badUsage(Tr::tr("%1 is a PostgreSQL database: back it up on the server with pg_dump "
                                      "(for example pg_dump -Fc -f billing.dump DBNAME); this command copies SQLite files only")
                                   .arg(db.displayLocation()));
    if (QFileInfo::exists(targetPath))
        return Error::refused(Tr::tr("%1 already exists; choose a new file name for the backup").arg(shown));
    if (!QFileInfo(targetPath).absoluteDir().exists())
        return Error::badData(Tr::tr("the folder of %1 does not exist").arg(shown));
    sqlite3 *from = handleOf(db);
    if (!from)
        return Error::internal(Tr::tr("the database connection gives no SQLite handle"));
    const QString partial = targetPath + QStringLiteral(".partial");
    QFile::remove(partial);
    Status s;
    {
        Handle to;
        if (sqlite3_open_v2(QFile::encodeName(partial).constData(), &to.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            s = Error::badData(Tr::tr("cannot create %1: %2").arg(shown, QString::fromUtf8(sqlite3_errmsg(to.db))));
        else
            s = copyAll(to.db, from, shown);
    }
    if (s && !QFile::rename(partial, targetPath))
        s = Error::badData(Tr::tr("cannot write %1").arg(shown));
    if (!s)
        QFile::remove(partial);
    return s;
}

Status restoreDatabase(const QString &backupPath, const QString &location)
{
    const QString shown = QDir::toNativeSeparators(backupPath);
    if (Database::isPostgresUrl(location))
        return Error::badUsage(Tr::tr("%1 is a PostgreSQL database: restore it on the server with pg_restore from a "
                                      "pg_dump archive; this command restores SQLite files only")
                                   .arg(Database::displayLocation(location)));
    if (!QFileInfo(backupPath).isFile())
        return Error::badUsage(Tr::tr("there is no backup file %1").arg(shown));
    QTemporaryDir scratch;
    const QString copy = scratch.filePath(QStringLiteral("restore.sqlite"));
    if (!QFile::copy(backupPath, copy))
        return Error::badData(Tr::tr("cannot read %1").arg(shown));
    {
        // The backup must open (an older one is migrated here, on the copy) and pass verify.
        SystemClock clock;
        auto engine = Engine::open(copy, clock);
        if (!engine)
            return Error{engine.error().code == ErrorCode::Refused ? ErrorCode::BadData : engine.error().code,
                         Tr::tr("%1 is not a usable backup: %2").arg(shown, QString(engine.error().message).replace(copy, shown))};
        auto ctx = (*engine)->inspect();
        if (!ctx)
            return ctx.error();
        auto findings = verifyAccount(**ctx);
        if (!findings)
            return findings.error();
        if (!findings->isEmpty())
            return Error::badData(Tr::tr("%1 fails verification: %2").arg(shown, findings->first()));
    }
    Handle from, to;
    if (sqlite3_open_v2(QFile::encodeName(copy).constData(), &from.db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return Error::badData(Tr::tr("cannot read %1").arg(shown));
    if (sqlite3_open_v2(QFile::encodeName(location).constData(), &to.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr)
        != SQLITE_OK)
        return Error::badData(Tr::tr("cannot open %1: %2").arg(QDir::toNativeSeparators(location), QString::fromUtf8(sqlite3_errmsg(to.db))));
    sqlite3_busy_timeout(to.db, 10000);
    return copyAll(to.db, from.db, QDir::toNativeSeparators(location));
}

} // namespace billing
