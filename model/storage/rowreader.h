#pragma once

// Reading many rows of a SELECT without Qt's cost per value where the database allows it: on SQLite
// through SQLite's own API (the driver makes a QVariant of every column of every row, and a UTF-16 copy of
// every text: most of reading a month of hourly rollups, performance.md P2y, or of records, P7), on
// PostgreSQL through QSqlQuery. For repositories only (architecture.md: SQL stays in storage/ and the
// repositories).
#include "core/result.h"

#include <QByteArray>
#include <QString>

#include <array>
#include <memory>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;
class QSqlDatabase;
class QSqlQuery;
class QVariant;

namespace billing {

class Database;

// The SQLite connection's handle, or null (PostgreSQL).
sqlite3 *sqliteHandle(const QSqlDatabase &db);

// A text column read straight from SQLite, its recent values' strings kept: the API, region, mode and
// project take few values, and a value seen lately is the same string again, neither decoded nor
// allocated (nor hashed by a table that knows a string by its text's address). A missing value is the
// empty text.
class SqliteText
{
public:
    const QString &at(sqlite3_stmt *stmt, int column);

private:
    struct Recent
    {
        QByteArray bytes;
        QString text;
        bool known = false;
    };
    // More than the ten APIs: a month of hours by API cycles through all of them, which a smaller ring
    // would miss every time.
    std::array<Recent, 16> m_recent;
    size_t m_last = 0; // the one found last: looked at first
    size_t m_next = 0; // the one replaced next
};

// One SELECT's rows, integers and texts. Prepared at construction; bind every ? (in order), then exec().
class RowReader
{
public:
    // Keep::Prepared: the statement is parsed once for the connection and kept (Database::fastStatement
    // on SQLite, Database::prepared elsewhere), for a read that comes again and again and is never
    // nested in its own use; parsing was a quarter of reading a page of 50 records (performance.md P2c).
    enum class Keep { No, Prepared };
    RowReader(Database &db, const QString &sql, const char *what, Keep keep = Keep::No);
    ~RowReader();
    RowReader(const RowReader &) = delete;
    RowReader &operator=(const RowReader &) = delete;

    void bind(int index, qint64 value);          // index from 0
    void bind(int index, const QVariant &value); // an integer, a text or null
    Status exec();
    // Steps to the next row: false at the end, or on a failure (then status() is the error).
    bool next();
    const Status &status() const { return m_status; }

    qint64 integer(int column) const;
    bool isNull(int column) const;
    // The column's text: on SQLite the same QString as lately for a value seen lately in the column;
    // NULL is a null QString, the empty text an empty one.
    const QString &text(int column);

private:
    Status sqliteFailure(int rc);

    const char *m_what;
    sqlite3_stmt *m_stmt = nullptr;
    bool m_kept = false;                   // m_stmt or m_query is the connection's, reset when done
    QSqlQuery *m_query = nullptr;          // PostgreSQL (or a statement SQLite could not prepare)
    std::unique_ptr<QSqlQuery> m_ownQuery; // m_query when not kept
    std::vector<SqliteText> m_texts;       // SQLite: per column
    QString m_text;                        // PostgreSQL: the text last asked for
    Status m_status;
};

} // namespace billing
