// P2 (docs/performance.md) in process: the three queries as the console asks the engine for them (one
// engine transaction each: account, catch-up check, query, commit) against the same hand-written SQL that
// scripts/bench.sh gives the sqlite3 CLI, run through SQLite's C API in this process on the same file,
// every row's columns read. Both sides alternate, so load on the machine falls on both. It separates the
// queries from the fixed cost of starting a process, which the whole-command figures include.
//   bench_query --db FILE --now TIME --month YYYY-MM --from TIME --to TIME [--runs N] [--only P2a|P2b|P2c]
// With --p2y: instead the Analysis page's year queries of P2y (cost by day × API over the range, by month ×
// project × tag, by hour × API over the month, cash and amortized view), answered from the cost rollups,
// against hand-written SQL over the records table (tags joined from project_tag).
#include "analysis/costanalysis.h"
#include "analysis/costseries.h"
#include "engine/bills.h"
#include "engine/context.h"
#include "engine/engine.h"
#include "storage/recordrepository.h"
#include "time/billingcalendar.h"
#include "time/clock.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <vector>

namespace {

struct Stats
{
    double median = 0, min = 0, max = 0;
};

Stats stats(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front(), ms.back()};
}

// Runs the statement to the end and reads every column of every row, as a client printing it would;
// the checksum keeps the reads from being optimized away.
bool runSql(sqlite3 *db, const QByteArray &sql, qint64 &checksum)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &stmt, nullptr) != SQLITE_OK)
        return false;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
        for (int c = 0, n = sqlite3_column_count(stmt); c < n; ++c)
            if (sqlite3_column_type(stmt, c) == SQLITE_TEXT)
                checksum += *sqlite3_column_text(stmt, c) + sqlite3_column_bytes(stmt, c);
            else
                checksum += sqlite3_column_int64(stmt, c);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE;
}

QString value(const QStringList &args, const char *name, const QString &fallback = QString())
{
    const qsizetype i = args.indexOf(QLatin1String(name));
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

} // namespace

using billing::Instant;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream err(stderr);
    const QString dbPath = value(args, "--db");
    const QString month = value(args, "--month");
    auto now = billing::BillingCalendar::parseTimestamp(value(args, "--now"));
    auto from = billing::BillingCalendar::parseTimestamp(value(args, "--from"));
    auto to = billing::BillingCalendar::parseTimestamp(value(args, "--to"));
    const int runs = std::max(1, value(args, "--runs", QStringLiteral("5")).toInt());
    const QString only = value(args, "--only");
    if (dbPath.isEmpty() || month.isEmpty() || !now || !from || !to) {
        err << "usage: bench_query --db FILE --now TIME --month YYYY-MM --from TIME --to TIME [--runs N] "
               "[--only ID]\n";
        return 2;
    }
    billing::FixedClock clock(*now);
    auto engine = billing::Engine::open(dbPath, clock);
    if (!engine) {
        err << engine.error().message << '\n';
        return 1;
    }
    sqlite3 *raw = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(dbPath).constData(), &raw, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
        err << "cannot open " << dbPath << '\n';
        return 1;
    }
    auto offset = (*engine)->run(
        [](billing::Context &c) { return billing::Result<int>(c.calendar.utcOffsetSeconds()); });
    if (!offset) {
        err << offset.error().message << '\n';
        return 1;
    }
    const qint64 offsetMicros = qint64(*offset) * billing::kMicrosPerSecond;

    struct Workload
    {
        const char *id;
        QString name;
        QByteArray sql;
        std::function<bool()> ours;
    };
    billing::Engine &e = **engine;
    auto analysis = [&](billing::CostQuery::View view, billing::CostQuery::Granularity g, Instant qFrom,
                        Instant qTo, const QStringList &by) {
        return [&e, view, g, qFrom, qTo, by] {
            billing::CostQuery q = billing::rangeQuery(qFrom, qTo, g);
            q.view = view;
            q.groupBy = by;
            return e.run([&](billing::Context &c) { return billing::analyzeCost(c, q); }).ok();
        };
    };
    const bool p2y = args.contains(QLatin1String("--p2y"));
    const billing::BillingCalendar cal(*offset);
    const Instant monthFrom = *cal.parseMonth(month);
    const Instant monthTo = cal.addMonths(monthFrom, 1);
    // Hand-written SQL over the records: the view's records (the cash view's charges, the amortized view's
    // usage lines), bucketed in the billing time zone, grouped as asked.
    auto recordsSql = [&](bool cash, const QString &bucket, const QString &key, const QString &join,
                          Instant qFrom, Instant qTo) {
        return QStringLiteral("SELECT %1 AS b, %2, sum(calls), sum(charged) FROM record r %3 WHERE %4 AND "
                              "expenditure_at >= %5 AND expenditure_at < %6 GROUP BY b, %2 ORDER BY b, %2")
            .arg(bucket, key, join,
                 cash ? QStringLiteral("type IN ('usage','purchase','renewal','refund')")
                      : QStringLiteral("type = 'usage'"))
            .arg(qFrom)
            .arg(qTo)
            .toUtf8();
    };
    const QString byDay =
        QStringLiteral("(expenditure_at + %1) / %2").arg(offsetMicros).arg(billing::kMicrosPerDay);
    const QString byHour = QStringLiteral("expenditure_at / %1").arg(billing::kMicrosPerHour);
    const QString byMonth = QStringLiteral("bill_month");
    const QString tagJoin = QStringLiteral("LEFT JOIN project_tag t ON t.project = r.project");
    const QStringList api{QStringLiteral("api")};
    const QStringList projectTag{QStringLiteral("project"), QStringLiteral("tag")};
    using V = billing::CostQuery;
    const std::vector<Workload> p2yWorkloads{
        {"P2y-a", QStringLiteral("cash cost by day × API"),
         recordsSql(true, byDay, QStringLiteral("api"), QString(), *from, *to),
         analysis(V::Cash, V::Day, *from, *to, api)},
        {"P2y-b", QStringLiteral("amortized cost by day × API"),
         recordsSql(false, byDay, QStringLiteral("api"), QString(), *from, *to),
         analysis(V::Amortized, V::Day, *from, *to, api)},
        {"P2y-c", QStringLiteral("cash cost by month × project × tag"),
         recordsSql(true, byMonth, QStringLiteral("r.project, t.tag"), tagJoin, *from, *to),
         analysis(V::Cash, V::Month, *from, *to, projectTag)},
        {"P2y-d", QStringLiteral("amortized cost by month × project × tag"),
         recordsSql(false, byMonth, QStringLiteral("r.project, t.tag"), tagJoin, *from, *to),
         analysis(V::Amortized, V::Month, *from, *to, projectTag)},
        {"P2y-e", QStringLiteral("cash cost by hour × API, %1").arg(month),
         recordsSql(true, byHour, QStringLiteral("api"), QString(), monthFrom, monthTo),
         analysis(V::Cash, V::Hour, monthFrom, monthTo, api)},
        {"P2y-f", QStringLiteral("amortized cost by hour × API, %1").arg(month),
         recordsSql(false, byHour, QStringLiteral("api"), QString(), monthFrom, monthTo),
         analysis(V::Amortized, V::Hour, monthFrom, monthTo, api)},
    };
    const std::vector<Workload> p2Workloads{
        {"P2a", QStringLiteral("monthly bill %1").arg(month),
         QStringLiteral(
             "SELECT api, region, mode, sum(calls), sum(fee), sum(charged), sum(rounded_off), "
             "sum(paid_coupon), sum(paid_cash), sum(arrears) FROM record WHERE bill_month = '%1' AND "
             "type IN ('usage','purchase','renewal','refund') GROUP BY api, region, mode ORDER BY 1, 2, 3")
             .arg(month)
             .toUtf8(),
         [&] { return e.run([&](billing::Context &c) { return billing::monthlyBill(c, month); }).ok(); }},
        {"P2b", QStringLiteral("cost by day × API"),
         QStringLiteral(
             "SELECT (expenditure_at + %1) / %2 AS day, api, sum(calls), sum(charged) FROM record WHERE "
             "type IN ('usage','purchase','renewal','refund') AND expenditure_at >= %3 AND "
             "expenditure_at < %4 GROUP BY day, api ORDER BY day, api")
             .arg(offsetMicros)
             .arg(billing::kMicrosPerDay)
             .arg(*from)
             .arg(*to)
             .toUtf8(),
         [&] {
             billing::CostQuery q;
             q.from = *from;
             q.to = *to;
             q.granularity = billing::CostQuery::Day;
             q.groupBy = QStringList{QStringLiteral("api")};
             return e.run([&](billing::Context &c) { return billing::analyzeCost(c, q); }).ok();
         }},
        {"P2c", QStringLiteral("first page (50) of transactions"),
         QByteArrayLiteral("SELECT * FROM record ORDER BY at, id LIMIT 50"),
         [&] {
             billing::RecordFilter f;
             f.limit = 50;
             return e.run([&](billing::Context &c) { return c.records.list(f); }).ok();
         }},
    };

    QTextStream out(stdout);
    for (const Workload &w : p2y ? p2yWorkloads : p2Workloads) {
        if (!only.isEmpty() && only != QLatin1String(w.id))
            continue;
        std::vector<double> sqlMs, oursMs;
        for (int run = 0; run < runs + 1; ++run) { // the first run of each warms the page cache
            QElapsedTimer t;
            t.start();
            qint64 checksum = 0;
            if (!runSql(raw, w.sql, checksum)) {
                err << w.id << ": " << sqlite3_errmsg(raw) << '\n';
                return 1;
            }
            const double sql = double(t.nsecsElapsed()) / 1e6;
            t.restart();
            if (!w.ours()) {
                err << w.id << ": the engine's query failed\n";
                return 1;
            }
            const double ours = double(t.nsecsElapsed()) / 1e6;
            if (run > 0) {
                sqlMs.push_back(sql);
                oursMs.push_back(ours);
            }
        }
        const Stats s = stats(sqlMs), o = stats(oursMs);
        out << QStringLiteral(
                   "| %1 | %2, in process | sql-c-api: %3 ms (%4–%5) | engine: %6 ms (%7–%8) | %9 × |\n")
                   .arg(QLatin1String(w.id), w.name)
                   .arg(s.median, 0, 'f', 2)
                   .arg(s.min, 0, 'f', 2)
                   .arg(s.max, 0, 'f', 2)
                   .arg(o.median, 0, 'f', 2)
                   .arg(o.min, 0, 'f', 2)
                   .arg(o.max, 0, 'f', 2)
                   .arg(s.median / o.median, 0, 'f', 2);
    }
    sqlite3_close(raw);
    return 0;
}
