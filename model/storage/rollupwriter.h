#pragma once

// Writes the cost rollups' pending sums (storage/rollupsums.h) into cost_rollup, adding to the rows
// already stored (performance.md P3, P1pg): on SQLite through the C API, many rows per statement, in the
// table's key order; on PostgreSQL as columns of arrays unnested into rows on the server, one statement
// per many thousand rows (storage/pgbulk.h); else one row per statement. Internal to storage/costrollup.cpp.
#include "core/result.h"
#include "storage/rollupsums.h"

namespace billing {
class Database;
}

namespace billing::rollup {

// Refuses a sum that the database's 64-bit column cannot hold.
Status checkRange(Int128 v);
Status write(Database &db, const Sums &sums, const Names &names);

} // namespace billing::rollup
