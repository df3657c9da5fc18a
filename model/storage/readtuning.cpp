#include "storage/readtuning.h"

#include "storage/database.h"

namespace billing {

Status mapForReading(Database &db)
{
    if (db.isPostgres())
        return {};
    // SQLite caps it at its compile-time maximum (SQLITE_MAX_MMAP_SIZE); beyond the file's size it
    // maps only what is there.
    return execStatement(db.connection(), QStringLiteral("PRAGMA mmap_size = 1073741824"));
}

} // namespace billing
