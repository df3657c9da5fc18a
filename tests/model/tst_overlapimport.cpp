// An import that settles finished hours while it still reads (ImportOptions::overlapSettle, performance.md
// P1) must leave exactly what the plain import followed by its catch-up leaves: every row of every table,
// the audit log's order, the errors and their line numbers. Histories with renewals, coupon lapses, guards,
// month closings and arrears stages in the middle of the file; unsorted files fall back. Runs on SQLite
// and, as tst_overlapimport_pg, PostgreSQL.
#include "engine/bills.h"
#include "engine/funds.h"
#include "engine/guards.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "engine/verifier.h"
#include "storage/database.h"
#include "testaccount.h"

#include <QBuffer>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

#include <random>

using namespace billing;
using test::at;

namespace {
const QStringList kApis{QStringLiteral("general-text"), QStringLiteral("id-card"),
                        QStringLiteral("vat-invoice")};
const QString kRegion = QStringLiteral("cn-north-4");

// Every row of every table, as text, sorted: two databases with equal dumps hold the same data.
QStringList dump(test::TestAccount &acc)
{
    static const char *const tables[] = {
        "account",      "audit_log",    "budget",      "budget_alert", "closed_month", "coupon",
        "guard",        "import_file",  "ledger",      "notification", "package",      "pending_batch",
        "pending_call", "record",       "record_tier", "row_seal",     "service",      "service_event",
        "state_event",  "tier_counter", "usage_hour"};
    QStringList out;
    for (const char *table : tables) {
        QSqlQuery q(acc.engine->database().connection());
        if (!q.exec(QStringLiteral("SELECT * FROM %1").arg(QLatin1String(table))))
            continue;
        QStringList rows;
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i)
                cells << q.value(i).toString();
            rows << cells.join(u'|');
        }
        rows.sort();
        out << QStringLiteral("%1: %2 rows").arg(QLatin1String(table)).arg(rows.size());
        out += rows;
    }
    return out;
}

// The same account history: services, a little money, packages with auto-renew, coupons, a guard.
void prepare(test::TestAccount &acc, int seed)
{
    for (const QString &api : kApis)
        QVERIFY(acc.run([&](Context &c) { return services::setEnabled(c, api, kRegion, true); }).ok());
    QVERIFY(acc.run([&](Context &c) { return funds::topUp(c, Money::fromCents(40000 + 500 * seed)); }).ok());
    packages::BuyRequest r;
    r.api = kApis[seed % 3];
    r.region = kRegion;
    r.sku = QStringLiteral("100k");
    r.autoRenew = true;
    auto bought = acc.run([&](Context &c) { return packages::buy(c, r); });
    QVERIFY2(bought.ok(), qPrintable(bought.ok() ? QString() : bought.error().message));
    QVERIFY(acc.run([&](Context &c) {
                   return coupons::grant(c, Money::fromCents(700),
                                         acc.clock.now() + (2 + seed % 3) * kMicrosPerDay, QString());
               })
                .ok());
    if (seed % 2) {
        guards::GuardSpec g;
        g.name = QStringLiteral("G");
        g.api = kApis[(seed + 1) % 3];
        g.monthCost = QStringLiteral("%1").arg(5 + seed);
        QVERIFY(acc.run([&](Context &c) -> Status {
                       auto guard = guards::fromSpec(c, g);
                       if (!guard)
                           return guard.error();
                       auto set = guards::set(c, *guard);
                       return set ? Status() : Status(set.error());
                   })
                    .ok());
    }
}

// Sorted calls from `from` over `hours` hours; the call on line `unsortedAtLine` 5 hours too early.
QByteArray calls(Instant from, int hours, int seed, int unsortedAtLine = 0)
{
    std::mt19937 rng(seed);
    const BillingCalendar cal;
    QByteArray csv("timestamp,api,region,status,enterprise_project,count\n");
    Instant t = from;
    int line = 1;
    const Instant end = from + hours * kMicrosPerHour;
    while (t < end) {
        t += std::uniform_int_distribution<qint64>(0, 20 * kMicrosPerMinute)(rng);
        Instant ts = std::min(t, end - 1);
        if (++line == unsortedAtLine)
            ts -= 5 * kMicrosPerHour;
        csv += cal.format(ts).toLatin1() + ',' + kApis[int(rng() % 3)].toLatin1() + ',' + kRegion.toLatin1() +
               ',' + (rng() % 10 ? "200" : "500") + ',' + (rng() % 2 ? "web" : "batch") + ',' +
               QByteArray::number(1 + int(rng() % 3000)) + '\n';
    }
    return csv;
}

// What a person sees of the account: on SQLite every row (dump), on PostgreSQL, where a rolled-back
// attempt does not give back the ids its sequences handed out (so ids and the chains over them may
// differ), the bills, the balance and a clean verify.
QStringList seen(test::TestAccount &acc)
{
    if (!test::onPostgres())
        return dump(acc);
    QStringList out;
    auto ctx = acc.engine->inspect();
    auto findings = verifyAccount(**ctx);
    out << (findings.ok() ? findings->join(u'\n') : findings.error().message);
    out << (*ctx)->account.balance.toString();
    for (const char *month : {"2026-10", "2026-11"}) {
        auto bill = monthlyBill(**ctx, QLatin1String(month));
        if (!bill) {
            out << bill.error().message;
            continue;
        }
        for (const BillLine &l : bill->lines)
            out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                       .arg(l.calls)
                       .arg(l.fee.toString(), l.charged.toString(), l.paidCash.toString(),
                            l.paidCoupon.toString(), l.arrears.toString(), l.roundedOff.toString(),
                            QString::number(bill->final));
    }
    return out;
}

struct Outcome
{
    Result<ImportSummary> result = Error::internal(QString());
    bool fellBack = false;
};

// As billingctl import-calls does it: overlapped, and once more the plain way if the file was not sorted.
Outcome import(test::TestAccount &acc, QByteArray csv, bool overlap)
{
    QBuffer buf(&csv);
    buf.open(QIODevice::ReadOnly);
    Outcome out;
    bool unsorted = false;
    ImportOptions opts{QStringLiteral("calls.csv"), false};
    opts.overlapSettle = overlap;
    opts.unsorted = &unsorted;
    auto run = [&] {
        return acc.engine->runThenCatchUp([&](Context &c) { return importCalls(c, buf, opts); });
    };
    out.result = run();
    if (!out.result && unsorted && buf.seek(0)) {
        out.fellBack = true;
        opts.overlapSettle = false;
        out.result = run();
    }
    return out;
}
} // namespace

class TestOverlapImport : public QObject
{
    Q_OBJECT
private slots:
    void sameRowsAsThePlainImport_data()
    {
        QTest::addColumn<int>("seed");
        for (int s = 1; s <= 6; ++s)
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(s))) << s;
    }
    // Days of calls across a month end: month closing, coupon lapse, package renewals, guards and
    // (with little money) grace and frozen stages happen while the file is read.
    void sameRowsAsThePlainImport()
    {
        QFETCH(int, seed);
        test::TestAccount plain("2026-10-27T08:00:00+08:00"), overlapped("2026-10-27T08:00:00+08:00");
        prepare(plain, seed);
        prepare(overlapped, seed);
        const QByteArray csv = calls(plain.clock.now(), 24 * 9, seed);
        for (test::TestAccount *acc : {&plain, &overlapped})
            acc->setNow("2026-11-05T09:30:00+08:00");
        const Outcome a = import(plain, csv, false);
        const Outcome b = import(overlapped, csv, true);
        QVERIFY2(a.result.ok(), qPrintable(a.result.ok() ? QString() : a.result.error().message));
        QVERIFY2(b.result.ok(), qPrintable(b.result.ok() ? QString() : b.result.error().message));
        QVERIFY(!b.fellBack);
        const QStringList da = dump(plain), db = dump(overlapped);
        QVERIFY(da.contains(QStringLiteral("closed_month: 1 rows")));
        for (qsizetype i = 0; i < std::min(da.size(), db.size()); ++i)
            if (da[i] != db[i])
                qWarning("%s\n%s", qPrintable(da[i]), qPrintable(db[i]));
        QCOMPARE(db, da);
        auto ctx = overlapped.engine->inspect();
        auto findings = verifyAccount(**ctx);
        QVERIFY(findings.ok());
        QVERIFY2(findings->isEmpty(), qPrintable(findings->join(u'\n')));
    }

    // A call hours before the ones read before it, in an hour already settled: the import is rolled back
    // and the file imported again the plain way, with the same result.
    void unsortedFileFallsBack()
    {
        test::TestAccount plain("2026-10-27T08:00:00+08:00"), overlapped("2026-10-27T08:00:00+08:00");
        prepare(plain, 3);
        prepare(overlapped, 3);
        const QByteArray csv = calls(plain.clock.now(), 48, 3, 200);
        for (test::TestAccount *acc : {&plain, &overlapped})
            acc->setNow("2026-10-30T09:30:00+08:00");
        const Outcome a = import(plain, csv, false);
        const Outcome b = import(overlapped, csv, true);
        QVERIFY(a.result.ok());
        QVERIFY(b.result.ok());
        QVERIFY(b.fellBack);
        QCOMPARE(seen(overlapped), seen(plain));
    }

    // A bad line after hours were settled: the same message and line number, and nothing changed; a file
    // imported before is refused the same way.
    void errorsAreThePlainImportsAndChangeNothing()
    {
        test::TestAccount plain("2026-10-27T08:00:00+08:00"), overlapped("2026-10-27T08:00:00+08:00");
        prepare(plain, 2);
        prepare(overlapped, 2);
        QByteArray csv = calls(plain.clock.now(), 48, 2);
        const int lines = int(csv.count('\n'));
        csv += "2026-10-29T07:59:00+08:00,general-text,eu-west-9,200,web,1\n";
        for (test::TestAccount *acc : {&plain, &overlapped})
            acc->setNow("2026-10-30T09:30:00+08:00");
        const QStringList before = dump(overlapped);
        const Outcome a = import(plain, csv, false);
        const Outcome b = import(overlapped, csv, true);
        QVERIFY(!a.result.ok());
        QVERIFY(!b.result.ok());
        QCOMPARE(b.result.error().message, a.result.error().message);
        QVERIFY(b.result.error().code == a.result.error().code);
        QVERIFY2(b.result.error().message.contains(QStringLiteral("line %1").arg(lines + 1)),
                 qPrintable(b.result.error().message));
        QCOMPARE(dump(overlapped), before);

        csv.chop(csv.size() - csv.lastIndexOf("2026-10-29T07:59"));
        QVERIFY(import(plain, csv, false).result.ok());
        QVERIFY(import(overlapped, csv, true).result.ok());
        const QStringList imported = dump(overlapped);
        QCOMPARE(seen(overlapped), seen(plain));
        const Outcome again = import(overlapped, csv, true);
        QVERIFY(!again.result.ok());
        QCOMPARE(again.result.error().message, import(plain, csv, false).result.error().message);
        QCOMPARE(dump(overlapped), imported);
    }
};

QTEST_GUILESS_MAIN(TestOverlapImport)
#include "tst_overlapimport.moc"
