#pragma once

#include "core/result.h"

#include <QString>

#include <array>
#include <optional>
#include <vector>

namespace billing {

class Database;
class RowDigest;

// Rows of one table gathered and written later as multi-row INSERTs (32 rows a statement), for the
// settlement's hot tables on SQLite (performance.md P1): one statement's fixed cost (cursors opened and
// closed on the table and each index, the statement's start and end) is then paid once per 32 rows.
// Values are added in column order; with a digest (a sealed table, storage/rowseal.h) each value goes
// into it as it is added, exactly as RowWriter would feed it, and endRow() closes the digest's row.
class RowBatch
{
public:
    // `columns` as in an INSERT's column list ("a, b, c"), `count` of them.
    RowBatch(const QString &table, const QString &columns, int count, RowDigest *digest = nullptr);

    RowBatch &add(qint64 v);
    RowBatch &add(const QString &v);
    RowBatch &addText(const QString &v); // an empty string is stored as NULL (RowWriter::bindText)
    RowBatch &add(const std::optional<qint64> &v);
    RowBatch &addNull();
    RowBatch &addUnsealed(qint64 v); // a value the digest does not take (the row's id: see endRow)
    RowBatch &add(int v) { return add(qint64(v)); }
    RowBatch &add(bool v) { return add(qint64(v ? 1 : 0)); }
    void endRow(qint64 id = 0); // closes the row (and the digest's row, with the row's id)

    bool empty() const { return m_values.empty(); }
    // Writes every gathered row, in the order added; `what` names the work in an error message.
    Status flush(Database &db, const char *what);
    void clear() { m_values.clear(); }

    static constexpr int kRowsPerStatement = 32;
    // The id SQLite gives the next row of a table whose id is its INTEGER PRIMARY KEY: the highest + 1.
    static Result<qint64> nextId(Database &db, const QString &table);

private:
    struct Value
    {
        enum class Kind : quint8 { Int, Text, Null } kind = Kind::Null;
        qint64 i = 0;
        QString s;
    };
    const QString &statement(int rows); // the INSERT of `rows` rows, built once

    QString m_head; // "INSERT INTO t (columns) VALUES "
    int m_count;
    RowDigest *m_digest;
    std::vector<Value> m_values;
    std::array<QString, kRowsPerStatement + 1> m_sql;
};

} // namespace billing
