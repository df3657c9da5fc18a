#pragma once

#include "storage/pgbulk.h"

#include <QSqlQuery>

#include <memory>
#include <string>
#include <vector>

struct sqlite3_stmt;

namespace billing {

// A statement prepared once per connection for RowWriter: a raw SQLite statement when the connection
// is SQLite, else a prepared QSqlQuery (and on PostgreSQL, for a plain INSERT, its COPY target too).
struct FastStatement
{
    sqlite3_stmt *stmt = nullptr;
    std::unique_ptr<QSqlQuery> query;
    bool returnsId = false; // query ends in "RETURNING id"
    qint64 lastId = 0;
    // The bound text of each parameter, kept until the statement has run so that SQLite need not copy
    // it (a malloc and a free per text value showed in P1's profile).
    std::vector<std::string> text;
    // PostgreSQL: where a plain INSERT's rows go inside a transaction (COPY, storage/pgbulk.h).
    PgBulk::Table *copy = nullptr;
    ~FastStatement();
};

} // namespace billing
