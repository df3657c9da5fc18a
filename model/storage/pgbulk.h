#pragma once

#include "core/result.h"
#include "domain/records.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringView>

#include <memory>
#include <optional>
#include <vector>

class QSqlDatabase;
class QSqlDriver;

namespace billing {

// The bulk path of PostgreSQL (performance.md P1pg): the rows a write transaction inserts into the hot
// tables (records, tier rows, ledger entries, hourly usage) are kept here and sent with COPY ... FROM
// STDIN through libpq on Qt's own connection, inside the command's transaction, instead of one
// statement (and one round trip) per row. They are sent before any other statement runs on the
// connection (execQuery and execStatement ask, storage/database.h), before the commit, and when they
// pass a few megabytes: every read sees every write. Outside a transaction nothing is kept.
//
// COPY returns no ids. Every writer holds the account's advisory lock (storage/dialect.h), so nobody else
// draws from a table's identity sequence while a command runs: its next ids are known from the sequence's
// state, read once per transaction. The rows get those ids, and each flush draws exactly as many from
// the sequence (nextval needs no more than the USAGE the finance role has), checking that it returned
// the very ids used; anything else fails the command. Ids stay what the sequence gives, gapless as before.
class PgBulk
{
public:
    // The rows of one COPY target: "INSERT INTO table (columns) VALUES (?, ...)" without anything after.
    class Table
    {
    public:
        void addInt(qint64 v);
        void addText(QStringView v);
        void addNull();
        // Closes the row; with an id (from nextId()), it is the last column (see PgBulk::table).
        Status endRow(std::optional<qint64> id);
        Result<qint64> nextId();
        PgBulk &bulk() { return m_bulk; }

    private:
        friend class PgBulk;
        Table(PgBulk &bulk, QString name, QByteArray copySql)
            : m_bulk(bulk), m_name(std::move(name)), m_copySql(std::move(copySql))
        {
        }
        Status drawIds(); // advances the sequence over the ids given out since the last flush
        void forgetIds() { m_idsKnown = false; }

        PgBulk &m_bulk;
        QString m_name;
        QByteArray m_copySql;
        QByteArray m_rows; // COPY text format, sent on flush
        bool m_rowStarted = false;
        QByteArray m_sequence; // the identity sequence, looked up once
        bool m_idsKnown = false;
        qint64 m_nextId = 0;  // the id the next row gets
        qint64 m_drawnTo = 0; // the sequence has given out every id up to this one
    };

    explicit PgBulk(QSqlDatabase &db);
    ~PgBulk();
    PgBulk(const PgBulk &) = delete;
    PgBulk &operator=(const PgBulk &) = delete;

    // The COPY target of a plain single-row INSERT, or nullptr for any other statement. With withId the
    // rows carry their id (Table::nextId) as the last column.
    Table *table(const QString &insertSql, bool withId);
    // Rows are kept only inside a write transaction (storage/transaction.h says when it begins and ends;
    // libpq's own status reads "active" while a forward-only query has results left to read).
    bool inTransaction() const { return m_inTransaction; }
    void begin() { m_inTransaction = true; }

    // Hourly usage (usage_hour): rows with the same key add up, here first and on the server's
    // ON CONFLICT at the flush.
    Status addUsage(const std::vector<UsageCount> &counts);

    // Runs one statement with text parameters on the connection (e.g. columns as arrays unnested into
    // rows, storage/rollupwriter.h); the rows kept stay kept.
    Status exec(const char *what, const QByteArray &sql, const std::vector<QByteArray> &params);

    Status flush(); // sends every kept row, tables in foreign-key order
    void discard(); // the transaction ended (committed after a flush, or rolled back)

    // The bulk writer of a connection with rows waiting, if any: storage/database.cpp flushes it before
    // running another statement on the same connection.
    static PgBulk *waitingOn(const QSqlDriver *driver);

private:
    struct UsageKey
    {
        qint64 hour;
        QString api, region, project;
        int status;
        QString outcome;
        bool late;
        bool operator==(const UsageKey &) const = default;
        friend size_t qHash(const UsageKey &k, size_t seed = 0)
        {
            return qHashMulti(seed, k.hour, k.api, k.region, k.project, k.status, k.outcome, k.late);
        }
    };

    Status copy(Table &t);
    Status copyRows(const QByteArray &copySql, const QByteArray &rows);
    Status flushUsage();
    Status maybeFlush();
    void setWaiting(bool waiting);
    Error failure(const char *what, const QString &why, const char *sqlState = nullptr) const;
    Result<QByteArray> query(const char *what, const QByteArray &sql, const std::vector<QByteArray> &params);

    QSqlDatabase &m_db;
    const QSqlDriver *m_driver;
    std::vector<std::unique_ptr<Table>> m_tables;
    QHash<QString, Table *> m_bySql;
    QHash<UsageKey, qint64> m_usage;
    qsizetype m_bytes = 0;
    bool m_waiting = false;
    bool m_inTransaction = false;
};

} // namespace billing
