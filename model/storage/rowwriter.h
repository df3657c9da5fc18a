#pragma once

#include "core/result.h"
#include "storage/pgbulk.h"

#include <QString>

#include <optional>

namespace billing {

class Database;
class RowDigest;
struct FastStatement;

// One prepared INSERT or UPDATE for the hot paths (a settlement writes a record, a tier row, a ledger
// entry and usage counts per line and hour). On SQLite it binds through the C API: Qt's bindValue
// builds a placeholder name per call, which was most of performance.md P1's profile. On PostgreSQL a
// plain INSERT inside a transaction adds its row to the connection's COPY (storage/pgbulk.h, P1pg:
// values then bound in column order); anything else goes through QSqlQuery. Placeholders are
// positional ("?"), counted from 0 here.
class RowWriter
{
public:
    enum class Returning { Nothing, Id };
    // The statement is prepared once per connection. With Returning::Id, lastInsertId() gives the new
    // row's id (through "RETURNING id" where the driver cannot tell it otherwise).
    // With a digest, every bound value and the new row's id go into it (a sealed table, storage/rowseal.h):
    // values must then be bound in column order.
    RowWriter(Database &db, const QString &sql, Returning returning = Returning::Nothing,
              RowDigest *digest = nullptr);

    RowWriter &bind(int i, qint64 v);
    RowWriter &bind(int i, const QString &v);
    RowWriter &bindText(int i, const QString &v); // an empty string is stored as NULL
    RowWriter &bind(int i, const std::optional<qint64> &v);
    RowWriter &bindNull(int i);
    RowWriter &bind(int i, int v) { return bind(i, qint64(v)); }
    RowWriter &bind(int i, bool v) { return bind(i, qint64(v ? 1 : 0)); }

    // Runs the statement with the bound values; `what` names the work in an error message.
    Status exec(const char *what);
    qint64 lastInsertId() const;

private:
    Status run(const char *what);
    bool toCopy(int i); // true when column i goes to the COPY row

    FastStatement &m_stmt;
    PgBulk::Table *m_copy = nullptr; // set when this row goes to a COPY
    RowDigest *m_digest = nullptr;
    bool m_returnsId = false;
    int m_column = 0;      // the next column a COPY row expects
    bool m_inOrder = true; // every value was bound in column order
    qint64 m_copyId = 0;
};

} // namespace billing
