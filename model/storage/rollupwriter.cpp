#include "storage/rollupwriter.h"

#include "storage/database.h"
#include "storage/faststatement.h"
#include "storage/pgbulk.h"
#include "storage/sqlerror.h"
#include "storage/tr.h"

#include <QSqlQuery>

#include <charconv>
#include <limits>

#include <sqlite3.h>

namespace billing::rollup {

namespace {
constexpr int kColumns = 10;
// Rows per statement: SQLite, 1000 parameters (the limit is 32766); PostgreSQL, a few MB of arrays.
constexpr size_t kSqliteRows = 100;
constexpr size_t kPgRows = 50000;
const char *const kWhat = "writing the cost rollups";

const QString kInsert =
    QStringLiteral("INSERT INTO cost_rollup (grain, cost_view, bucket, api, region, project, "
                   "mode, package_id, calls, cost) ");
const QString kUpsert =
    QStringLiteral(" ON CONFLICT (grain, cost_view, bucket, api, region, project, mode, "
                   "package_id) DO UPDATE SET calls = cost_rollup.calls + excluded.calls, "
                   "cost = cost_rollup.cost + excluded.cost");

QString valuesSql(size_t rows)
{
    QString sql = kInsert + QStringLiteral("VALUES ");
    for (size_t i = 0; i < rows; ++i)
        sql += i ? QStringLiteral(", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                 : QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    return sql + kUpsert;
}

Status writeSqlite(sqlite3_stmt *many, sqlite3_stmt *one, const std::vector<const SumRow *> &rows,
                   const std::vector<QByteArray> &texts)
{
    size_t at = 0;
    while (at < rows.size()) {
        const bool batch = rows.size() - at >= kSqliteRows;
        sqlite3_stmt *st = batch ? many : one;
        const size_t n = batch ? kSqliteRows : 1;
        int p = 1;
        for (size_t i = at; i < at + n; ++i) {
            const SumKey &k = rows[i]->key;
            sqlite3_bind_int64(st, p++, k.grain);
            sqlite3_bind_int64(st, p++, k.view);
            sqlite3_bind_int64(st, p++, k.bucket);
            for (qint32 id : {k.api, k.region, k.project, k.mode}) {
                const QByteArray &t = texts[size_t(id)];
                sqlite3_bind_text(st, p++, t.constData(), int(t.size()), SQLITE_STATIC);
            }
            sqlite3_bind_int64(st, p++, k.packageId);
            sqlite3_bind_int64(st, p++, rows[i]->calls);
            sqlite3_bind_int64(st, p++, qint64(rows[i]->cost));
        }
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW)
            return sqlError(rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? SqlFault::Damaged : SqlFault::Other,
                            QLatin1String(kWhat), QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(st))));
        at += n;
    }
    return {};
}

void appendNumber(QByteArray &to, qint64 v)
{
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    to.append(buf, end - buf);
}

// An element of a text array literal: quoted, with quotes and backslashes escaped.
QByteArray arrayText(const QByteArray &utf8)
{
    QByteArray out = "\"";
    for (char b : utf8) {
        if (b == '"' || b == '\\')
            out += '\\';
        out += b;
    }
    return out + '"';
}

Status writePostgres(PgBulk &bulk, const std::vector<const SumRow *> &rows,
                     const std::vector<QByteArray> &texts)
{
    std::vector<QByteArray> quoted;
    quoted.reserve(texts.size());
    for (const QByteArray &t : texts)
        quoted.push_back(arrayText(t));
    const QByteArray sql = (kInsert +
                            QStringLiteral("SELECT * FROM unnest($1::integer[], $2::integer[], $3::bigint[], "
                                           "$4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], "
                                           "$9::bigint[], $10::bigint[])") +
                            kUpsert)
                               .toUtf8();
    for (size_t at = 0; at < rows.size(); at += kPgRows) {
        const size_t end = std::min(rows.size(), at + kPgRows);
        std::vector<QByteArray> arrays(kColumns);
        for (QByteArray &a : arrays) {
            a.reserve(qsizetype(end - at) * 12 + 2);
            a = "{";
        }
        for (size_t i = at; i < end; ++i) {
            if (i != at)
                for (QByteArray &a : arrays)
                    a += ',';
            const SumKey &k = rows[i]->key;
            appendNumber(arrays[0], k.grain);
            appendNumber(arrays[1], k.view);
            appendNumber(arrays[2], k.bucket);
            arrays[3] += quoted[size_t(k.api)];
            arrays[4] += quoted[size_t(k.region)];
            arrays[5] += quoted[size_t(k.project)];
            arrays[6] += quoted[size_t(k.mode)];
            appendNumber(arrays[7], k.packageId);
            appendNumber(arrays[8], rows[i]->calls);
            appendNumber(arrays[9], qint64(rows[i]->cost));
        }
        for (QByteArray &a : arrays)
            a += '}';
        if (Status s = bulk.exec(kWhat, sql, arrays); !s)
            return s;
    }
    return {};
}

Status writeQueries(Database &db, const std::vector<const SumRow *> &rows, const Names &names)
{
    QSqlQuery &up = db.prepared(valuesSql(1));
    for (const SumRow *r : rows) {
        const SumKey &k = r->key;
        const QVariant values[] = {k.grain,
                                   k.view,
                                   k.bucket,
                                   names.text(k.api),
                                   names.text(k.region),
                                   names.text(k.project),
                                   names.text(k.mode),
                                   k.packageId,
                                   r->calls,
                                   qint64(r->cost)};
        for (int i = 0; i < kColumns; ++i)
            up.bindValue(i, values[i]);
        if (Status s = execQuery(up, kWhat); !s)
            return s;
    }
    return {};
}
} // namespace

Status checkRange(Int128 v)
{
    if (v >= Int128(std::numeric_limits<qint64>::min()) && v <= Int128(std::numeric_limits<qint64>::max()))
        return {};
    return Error::refused(StorageTr::tr("a cost rollup would add up to %1, more than the database can hold")
                              .arg(Money::unitsToString(v)));
}

Status write(Database &db, const Sums &sums, const Names &names)
{
    if (sums.empty())
        return {};
    const std::vector<const SumRow *> rows = sums.sorted(names.ranks());
    for (const SumRow *r : rows)
        if (Status s = checkRange(r->cost); !s)
            return s;
    if (PgBulk *bulk = db.bulk())
        return writePostgres(*bulk, rows, names.utf8());
    if (!db.isPostgres()) {
        FastStatement &many = db.fastStatement(valuesSql(kSqliteRows));
        FastStatement &one = db.fastStatement(valuesSql(1));
        if (many.stmt && one.stmt)
            return writeSqlite(many.stmt, one.stmt, rows, names.utf8());
    }
    return writeQueries(db, rows, names);
}

} // namespace billing::rollup
