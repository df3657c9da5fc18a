#include "storage/pgbulk.h"

#include "storage/dialect.h"
#include "storage/sqlerror.h"
#include "storage/tr.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <limits>
#include <map>
#include <mutex>

#include <libpq-fe.h>

namespace billing {

namespace {
// Rows kept before they are sent anyway (P1m: an import stays within its memory budget).
constexpr qsizetype kFlushBytes = qsizetype(16) << 20;
// What a kept usage count costs in memory, roughly (its key's strings are shared with the catalog's).
constexpr qsizetype kUsageBytes = 96;

// The connections with rows waiting. Looked up before every statement, so the common case (nothing
// waiting anywhere, and always on SQLite) costs one atomic load.
std::atomic<int> g_waiting{0};
std::mutex g_mutex;
std::map<const QSqlDriver *, PgBulk *> g_byDriver;

// Foreign keys point from tier rows and ledger entries to records: those are sent first.
int flushRank(const QString &table)
{
    static const char *const order[] = {"record", "record_tier", "ledger"};
    for (int i = 0; i < int(std::size(order)); ++i)
        if (table == QLatin1String(order[i]))
            return i;
    return int(std::size(order));
}

void appendNumber(QByteArray &to, qint64 v)
{
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    to.append(buf, end - buf);
}

// COPY's text format: backslash, tab, newline and carriage return escaped; UTF-8 (Qt's QPSQL sets the
// connection's client encoding to UTF8).
void appendEscaped(QByteArray &to, char c)
{
    switch (c) {
    case '\\':
        to += "\\\\";
        break;
    case '\t':
        to += "\\t";
        break;
    case '\n':
        to += "\\n";
        break;
    case '\r':
        to += "\\r";
        break;
    default:
        to += c;
    }
}

void appendCopyText(QByteArray &to, QStringView v)
{
    // Ids and names are short ASCII: escaped as they are, without a UTF-8 conversion per value.
    const bool plain = std::all_of(v.begin(), v.end(), [](QChar c) { return c.unicode() < 0x80; });
    if (plain) {
        for (QChar c : v)
            appendEscaped(to, char(c.unicode()));
        return;
    }
    for (char b : v.toUtf8())
        appendEscaped(to, b);
}

// Qt registers the handle as "pg_conn*" (the struct behind libpq's PGconn typedef).
PGconn *connectionOf(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "pg_conn*") != 0)
        return nullptr;
    return *static_cast<PGconn *const *>(handle.data());
}
} // namespace

void PgBulk::Table::addInt(qint64 v)
{
    if (m_rowStarted)
        m_rows += '\t';
    m_rowStarted = true;
    appendNumber(m_rows, v);
}

void PgBulk::Table::addText(QStringView v)
{
    if (m_rowStarted)
        m_rows += '\t';
    m_rowStarted = true;
    appendCopyText(m_rows, v);
}

void PgBulk::Table::addNull()
{
    if (m_rowStarted)
        m_rows += '\t';
    m_rowStarted = true;
    m_rows += "\\N";
}

Status PgBulk::Table::endRow(std::optional<qint64> id)
{
    if (id)
        addInt(*id);
    m_rows += '\n';
    m_rowStarted = false;
    m_bulk.setWaiting(true);
    return m_bulk.maybeFlush();
}

Result<qint64> PgBulk::Table::nextId()
{
    if (!m_idsKnown) {
        if (m_sequence.isEmpty()) {
            auto seq = m_bulk.query("finding the id sequence", "SELECT pg_get_serial_sequence($1, 'id')",
                                    {m_name.toUtf8()});
            if (!seq)
                return seq.error();
            m_sequence = *seq;
        }
        // Nobody else draws from the sequence while this transaction holds the advisory lock.
        auto next = m_bulk.query(
            "reading the id sequence",
            "SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM " + m_sequence, {});
        if (!next)
            return next.error();
        m_nextId = next->toLongLong();
        m_drawnTo = m_nextId - 1;
        m_idsKnown = true;
    }
    return m_nextId++;
}

Status PgBulk::Table::drawIds()
{
    if (!m_idsKnown || m_nextId - 1 == m_drawnTo)
        return {};
    const qint64 first = m_drawnTo + 1, last = m_nextId - 1;
    auto same =
        m_bulk.query("drawing ids from the id sequence",
                     "SELECT min(v) = $3::bigint AND max(v) = $4::bigint FROM (SELECT nextval($1::regclass) "
                     "AS v FROM generate_series(1, $2::bigint)) AS drawn",
                     {m_sequence, QByteArray::number(last - first + 1), QByteArray::number(first),
                      QByteArray::number(last)});
    if (!same)
        return same.error();
    if (*same != "t")
        return m_bulk.failure(
            "drawing ids from the id sequence",
            StorageTr::tr("another program drew ids from %1 without holding the account's lock")
                .arg(QString::fromUtf8(m_sequence)));
    m_drawnTo = last;
    return {};
}

PgBulk::PgBulk(QSqlDatabase &db) : m_db(db), m_driver(db.driver()) {}

PgBulk::~PgBulk()
{
    setWaiting(false);
}

PgBulk::Table *PgBulk::table(const QString &insertSql, bool withId)
{
    const QString key = withId ? insertSql + u'\x01' : insertSql;
    if (Table *t = m_bySql.value(key))
        return t;
    const auto target = dialect::copyTarget(insertSql, withId);
    if (!target)
        return nullptr;
    const QByteArray copySql = target->copySql.toUtf8();
    // Two statements with the same COPY share its rows, which stay in the order they were written.
    auto same = std::find_if(m_tables.begin(), m_tables.end(),
                             [&](const auto &t) { return t->m_copySql == copySql; });
    Table *t = same != m_tables.end() ? same->get() : nullptr;
    if (!t) {
        t = m_tables.emplace_back(new Table(*this, target->table, copySql)).get();
        std::stable_sort(m_tables.begin(), m_tables.end(), [](const auto &a, const auto &b) {
            return flushRank(a->m_name) < flushRank(b->m_name);
        });
    }
    m_bySql.insert(key, t);
    return t;
}

Status PgBulk::addUsage(const std::vector<UsageCount> &counts)
{
    for (const UsageCount &u : counts) {
        qint64 &calls = m_usage[UsageKey{u.hour, u.api, u.region, u.project, u.status, u.outcome, u.late}];
        if (calls == 0)
            m_bytes += kUsageBytes;
        calls += u.calls;
    }
    if (!counts.empty())
        setWaiting(true);
    return maybeFlush();
}

Status PgBulk::maybeFlush()
{
    qsizetype bytes = m_bytes;
    for (const auto &t : m_tables)
        bytes += t->m_rows.size();
    return bytes < kFlushBytes ? Status{} : flush();
}

Status PgBulk::flush()
{
    if (!m_waiting)
        return {};
    setWaiting(false); // the statements below run on the connection themselves
    Status s;
    for (const auto &t : m_tables) {
        if (s.ok())
            s = t->drawIds();
        if (s.ok())
            s = copy(*t);
        t->m_rows.resize(0); // keeps its capacity
        t->m_rowStarted = false;
    }
    if (s.ok())
        s = flushUsage();
    m_usage.clear();
    m_bytes = 0;
    return s;
}

void PgBulk::discard()
{
    for (const auto &t : m_tables) {
        t->m_rows.resize(0);
        t->m_rowStarted = false;
        t->forgetIds();
    }
    m_usage.clear();
    m_bytes = 0;
    m_inTransaction = false;
    setWaiting(false);
}

Status PgBulk::copy(Table &t)
{
    return copyRows(t.m_copySql, t.m_rows);
}

Status PgBulk::copyRows(const QByteArray &copySql, const QByteArray &rows)
{
    if (rows.isEmpty())
        return {};
    PGconn *c = connectionOf(m_db);
    if (!c)
        return failure("writing rows", QStringLiteral("no PostgreSQL connection"));
    // PQexec drops a forward-only query's unread rows, as Qt's own next statement would.
    PGresult *r = PQexec(c, copySql.constData());
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        const Error e = failure("writing rows", QString::fromUtf8(PQerrorMessage(c)),
                                PQresultErrorField(r, PG_DIAG_SQLSTATE));
        PQclear(r);
        return e;
    }
    PQclear(r);
    constexpr qsizetype kChunk = qsizetype(1) << 20;
    bool sent = true;
    for (qsizetype at = 0; sent && at < rows.size(); at += kChunk)
        sent = PQputCopyData(c, rows.constData() + at, int(std::min(kChunk, rows.size() - at))) == 1;
    sent = PQputCopyEnd(c, sent ? nullptr : "the rows could not be sent") == 1 && sent;
    Status s = sent ? Status{} : failure("writing rows", QString::fromUtf8(PQerrorMessage(c)));
    while ((r = PQgetResult(c))) {
        if (s.ok() && PQresultStatus(r) != PGRES_COMMAND_OK)
            s = failure("writing rows", QString::fromUtf8(PQresultErrorMessage(r)),
                        PQresultErrorField(r, PG_DIAG_SQLSTATE));
        PQclear(r);
    }
    return s;
}

Status PgBulk::flushUsage()
{
    if (m_usage.isEmpty())
        return {};
    // Hours with no stored row yet (the common case: an import settles hour after hour) take the rows by
    // COPY: nothing can conflict, and nobody else writes while the advisory lock is held. The upsert's
    // conflict handling was the largest statement cost of P1pg's server (BENCHMARKS.md, i17-rollfast).
    qint64 firstHour = std::numeric_limits<qint64>::max(), lastHour = std::numeric_limits<qint64>::min();
    for (auto it = m_usage.cbegin(); it != m_usage.cend(); ++it) {
        firstHour = std::min(firstHour, it.key().hour);
        lastHour = std::max(lastHour, it.key().hour);
    }
    auto stored =
        query("storing hourly usage",
              "SELECT EXISTS (SELECT 1 FROM usage_hour WHERE hour >= $1::bigint AND hour <= $2::bigint)",
              {QByteArray::number(firstHour), QByteArray::number(lastHour)});
    if (!stored)
        return stored.error();
    if (*stored == "f") {
        QByteArray rows;
        rows.reserve(m_usage.size() * 64);
        for (auto it = m_usage.cbegin(); it != m_usage.cend(); ++it) {
            const UsageKey &k = it.key();
            appendNumber(rows, k.hour);
            for (const QString *t : {&k.api, &k.region, &k.project}) {
                rows += '\t';
                appendCopyText(rows, *t);
            }
            rows += '\t';
            appendNumber(rows, k.status);
            rows += '\t';
            appendCopyText(rows, k.outcome);
            rows += k.late ? "\t1\t" : "\t0\t";
            appendNumber(rows, it.value());
            rows += '\n';
        }
        return copyRows(
            "COPY usage_hour (hour, api, region, project, status, outcome, late, calls) FROM STDIN", rows);
    }
    // One statement for all of them: the columns as arrays, unnested into rows on the server.
    QByteArray arrays[8];
    for (QByteArray &a : arrays)
        a = "{";
    auto text = [](QByteArray &to, const QString &v) {
        to += '"';
        for (char b : v.toUtf8()) {
            if (b == '"' || b == '\\')
                to += '\\';
            to += b;
        }
        to += '"';
    };
    bool first = true;
    for (auto it = m_usage.cbegin(); it != m_usage.cend(); ++it) {
        if (!first)
            for (QByteArray &a : arrays)
                a += ',';
        first = false;
        const UsageKey &k = it.key();
        appendNumber(arrays[0], k.hour);
        text(arrays[1], k.api);
        text(arrays[2], k.region);
        text(arrays[3], k.project);
        appendNumber(arrays[4], k.status);
        text(arrays[5], k.outcome);
        appendNumber(arrays[6], k.late ? 1 : 0);
        appendNumber(arrays[7], it.value());
    }
    for (QByteArray &a : arrays)
        a += '}';
    auto done = query("storing hourly usage",
                      "INSERT INTO usage_hour (hour, api, region, project, status, outcome, late, calls) "
                      "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::bigint[], "
                      "$6::text[], $7::bigint[], $8::bigint[]) "
                      "ON CONFLICT (hour, api, region, project, status, outcome, late) "
                      "DO UPDATE SET calls = usage_hour.calls + excluded.calls",
                      std::vector<QByteArray>(std::begin(arrays), std::end(arrays)));
    return done ? Status{} : Status{done.error()};
}

Status PgBulk::exec(const char *what, const QByteArray &sql, const std::vector<QByteArray> &params)
{
    auto done = query(what, sql, params);
    return done ? Status{} : Status{done.error()};
}

Result<QByteArray> PgBulk::query(const char *what, const QByteArray &sql,
                                 const std::vector<QByteArray> &params)
{
    PGconn *c = connectionOf(m_db);
    if (!c)
        return failure(what, QStringLiteral("no PostgreSQL connection"));
    std::vector<const char *> values;
    for (const QByteArray &p : params)
        values.push_back(p.constData());
    PGresult *r =
        PQexecParams(c, sql.constData(), int(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
    const ExecStatusType status = PQresultStatus(r);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        const Error e = failure(what, QString::fromUtf8(PQresultErrorMessage(r)),
                                PQresultErrorField(r, PG_DIAG_SQLSTATE));
        PQclear(r);
        return e;
    }
    QByteArray out;
    if (status == PGRES_TUPLES_OK && PQntuples(r) > 0 && PQnfields(r) > 0)
        out = QByteArray(PQgetvalue(r, 0, 0), PQgetlength(r, 0, 0));
    PQclear(r);
    return out;
}

Error PgBulk::failure(const char *what, const QString &why, const char *sqlState) const
{
    const bool denied = sqlState && qstrcmp(sqlState, "42501") == 0;
    return sqlError(denied ? SqlFault::Permission : SqlFault::Other, QLatin1String(what), why.trimmed());
}

void PgBulk::setWaiting(bool waiting)
{
    if (waiting == m_waiting)
        return;
    m_waiting = waiting;
    const std::lock_guard lock(g_mutex);
    if (waiting)
        g_byDriver[m_driver] = this;
    else
        g_byDriver.erase(m_driver);
    g_waiting.fetch_add(waiting ? 1 : -1);
}

PgBulk *PgBulk::waitingOn(const QSqlDriver *driver)
{
    if (g_waiting.load(std::memory_order_relaxed) == 0)
        return nullptr;
    const std::lock_guard lock(g_mutex);
    auto it = g_byDriver.find(driver);
    return it == g_byDriver.end() ? nullptr : it->second;
}

} // namespace billing
