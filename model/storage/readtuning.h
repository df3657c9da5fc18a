#pragma once

#include "core/result.h"

namespace billing {

class Database;

// For a connection that only reads, in a worker, a range of many records once (the overview's spending
// figures): on SQLite the file is mapped into memory, so that its pages are read where they lie instead
// of being copied into the connection's page cache one by one (about a third less CPU for a month of
// records, performance.md P4b). Nothing changes on PostgreSQL. Reads only: writes stay as they are.
Status mapForReading(Database &db);

} // namespace billing
