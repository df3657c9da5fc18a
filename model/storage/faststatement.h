#pragma once

#include <QSqlQuery>

#include <memory>
#include <string>
#include <vector>

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
    // The bound text of each parameter, kept until the statement has run so that SQLite need not copy
    // it (a malloc and a free per text value showed in P1's profile).
    std::vector<std::string> text;
    ~FastStatement();
};

} // namespace billing
