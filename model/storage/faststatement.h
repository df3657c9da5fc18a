#pragma once

#include <QSqlQuery>

#include <memory>

struct sqlite3_stmt;

namespace billing {

// A statement prepared once per connection for RowWriter: a raw SQLite statement when the connection
// is SQLite, else a prepared QSqlQuery.
struct FastStatement
{
    sqlite3_stmt *stmt = nullptr;
    std::unique_ptr<QSqlQuery> query;
    bool returnsId = false; // query ends in "RETURNING id"
    qint64 lastId = 0;
    ~FastStatement();
};

} // namespace billing
