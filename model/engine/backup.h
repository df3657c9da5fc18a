#pragma once

#include "core/result.h"
#include "time/instant.h"

#include <QStringList>

#include <functional>
#include <optional>

namespace billing {

class Database;

// Called as the copy advances (pages copied, pages in all); returning false cancels it.
using BackupProgress = std::function<bool(int done, int total)>;

// Copies the open database into a new file with SQLite's online backup API: a consistent snapshot
// even while others write. The copy is made next to the target and renamed into place. `user` must hold
// Permission::Backup on the database (owner, finance).
Status backupDatabase(Database &db, const QString &targetPath, const QString &user,
                      const BackupProgress &progress = {});

// What a backup file holds, as the console shows it before a restore.
struct BackupSummary
{
    QString accountName;
    QString currency;
    int utcOffsetSeconds = 0;
    Instant createdAt = 0;
    Instant settledUntil = 0;            // the account's last processed instant
    std::optional<Instant> lastRecordAt; // the newest transaction record
    qint64 records = 0;
    int members = 0;      // 0: single-user
    QStringList findings; // verify's findings; empty when every invariant holds
};

// Opens a copy of the backup (migrated if older) and verifies it; the backup itself is never written.
// A file that is not an account database of a version this program reads is bad data.
Result<BackupSummary> inspectBackup(const QString &backupPath);

// Verifies the database at `location` as stored, as the engine's own check (after a restore): no member
// is needed, and nothing is written except an older schema's migration.
Result<QStringList> verifyDatabase(const QString &location);

// Restores `backupPath` over the database at `location`: the backup is first copied aside, opened
// (migrated if older) and verified; only a backup that passes replaces the live database, again
// through the online backup API so that other connections see either the old or the new account.
// A newer, damaged or inconsistent backup is refused and nothing changes. When `location` holds an
// account, `user` must hold Permission::Restore on it (owners). The restored account's audit log gets a
// "restore" entry by `user` at `at` (default: the system clock).
Status restoreDatabase(const QString &backupPath, const QString &location, const QString &user,
                       std::optional<Instant> at = std::nullopt);

} // namespace billing
