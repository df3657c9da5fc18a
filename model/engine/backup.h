#pragma once

#include "core/result.h"

namespace billing {

class Database;

// Copies the open database into a new file with SQLite's online backup API: a consistent snapshot
// even while others write. The copy is made next to the target and renamed into place.
Status backupDatabase(Database &db, const QString &targetPath);

// Restores `backupPath` over the database at `location`: the backup is first copied aside, opened
// (migrated if older) and verified; only a backup that passes replaces the live database, again
// through the online backup API so that other connections see either the old or the new account.
// A newer, damaged or inconsistent backup is refused and nothing changes.
Status restoreDatabase(const QString &backupPath, const QString &location);

} // namespace billing
