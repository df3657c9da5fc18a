#pragma once

#include "core/result.h"

#include <functional>

namespace billing {

class Database;

// Copies a whole account, table by table and row by row, from a database of either backend into a new,
// empty SQLite database at the same schema version: the scratch copy the scenario planner runs the
// engine on when the account lives on PostgreSQL (a SQLite account is copied with the backup API).
// The source is only read, in one read-only snapshot.
class ScratchCopyRepository
{
public:
    ScratchCopyRepository(Database &from, Database &to) : m_from(from), m_to(to) {}
    // progress(tables done, tables) returning false cancels (then an error).
    Status copyAll(const std::function<bool(int, int)> &progress = {});

private:
    Database &m_from;
    Database &m_to;
};

} // namespace billing
