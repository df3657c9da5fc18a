// Spend guards (issue #16, billing-rules §13, §12.19): the check at every settled hour's end, its instant
// rules, and the dry run, which must say what actually happens when the guard is set and the same calls
// are imported. Runs on SQLite and, as tst_guards_pg, PostgreSQL.
#include "engine/bills.h"
#include "engine/funds.h"
#include "engine/guards.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "engine/verifier.h"
#include "importcsv.h"
#include "storage/database.h"
#include "storage/notificationrepository.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace billing;
using test::at;

namespace {
const QString kText = QStringLiteral("general-text");
const QString kCard = QStringLiteral("id-card");
const QString kBeijing = QStringLiteral("cn-north-4");

Money money(const char *text)
{
    return *Money::parse(QString::fromLatin1(text));
}

void prepare(test::TestAccount &acc, const char *topUp)
{
    for (const QString &api : {kText, kCard})
        QVERIFY(acc.run([&](Context &c) { return services::setEnabled(c, api, kBeijing, true); }).ok());
    QVERIFY(acc.run([&](Context &c) { return funds::topUp(c, money(topUp)); }).ok());
}

Result<Guard> setGuard(test::TestAccount &acc, guards::GuardSpec spec)
{
    return acc.run([&](Context &c) -> Result<Guard> {
        auto g = guards::fromSpec(c, spec);
        if (!g)
            return g.error();
        return guards::set(c, *g);
    });
}

guards::GuardSpec costSpec(const char *limit)
{
    guards::GuardSpec s;
    s.name = QStringLiteral("G");
    s.api = kText;
    s.monthCost = QString::fromLatin1(limit);
    return s;
}

guards::GuardSpec floorSpec(const char *floor)
{
    guards::GuardSpec s;
    s.name = QStringLiteral("F");
    s.api = QStringLiteral("all");
    s.balanceFloor = QString::fromLatin1(floor);
    return s;
}

std::vector<Guard> listGuards(test::TestAccount &acc)
{
    auto r = acc.run([](Context &c) { return guards::list(c); });
    return r ? *r : std::vector<Guard>();
}

// Billed calls and charges of one service in October, as its bill says.
struct Usage
{
    qint64 calls = 0;
    Money charged;
};
Usage usage(test::TestAccount &acc, const QString &api)
{
    auto bill = acc.run([](Context &c) { return monthlyBill(c, QStringLiteral("2026-10")); });
    Usage u;
    if (bill)
        for (const BillLine &l : bill->lines)
            if (l.api == api && l.region == kBeijing) {
                u.calls += l.calls;
                u.charged = u.charged + l.charged;
            }
    return u;
}

// Three days of calls: 4,000 general-text calls (6.00) and 500 id-card calls (1.50) in some hours.
QByteArray threeDays()
{
    QByteArray csv = "timestamp,api,region,status,count\n";
    for (int day = 1; day <= 3; ++day)
        for (int hour : {9, 11, 14, 20}) {
            csv += QStringLiteral("2026-10-%1T%2:10:00+08:00,general-text,cn-north-4,200,4000\n")
                       .arg(day, 2, 10, QLatin1Char('0'))
                       .arg(hour, 2, 10, QLatin1Char('0'))
                       .toUtf8();
            csv += QStringLiteral("2026-10-%1T%2:40:00+08:00,id-card,cn-north-4,200,500\n")
                       .arg(day, 2, 10, QLatin1Char('0'))
                       .arg(hour, 2, 10, QLatin1Char('0'))
                       .toUtf8();
        }
    return csv;
}

void verifyClean(test::TestAccount &acc)
{
    auto findings = acc.run([](Context &c) { return verifyAccount(c); });
    QVERIFY(findings);
    QVERIFY2(findings->isEmpty(), qPrintable(findings->join(u'\n')));
}

// Every row of every table of the account, hashed: the dry run must leave it byte for byte as it was.
QByteArray fingerprint(test::TestAccount &acc)
{
    Database &db = acc.engine->database();
    QSqlQuery tables(db.connection());
    tables.exec(db.isPostgres()
                    ? QStringLiteral("SELECT table_name FROM information_schema.tables WHERE "
                                     "table_schema = current_schema() ORDER BY 1")
                    : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    int count = 0;
    while (tables.next()) {
        const QString table = tables.value(0).toString();
        QSqlQuery rows(db.connection());
        if (!rows.exec(QStringLiteral("SELECT * FROM ") + table + QStringLiteral(" ORDER BY 1")))
            return "cannot read " + table.toUtf8();
        hash.addData(table.toUtf8());
        while (rows.next())
            for (int i = 0; i < rows.record().count(); ++i)
                hash.addData(rows.value(i).toString().toUtf8() + '|');
        ++count;
    }
    return count > 10 ? hash.result().toHex() : QByteArray("no tables");
}

Result<guards::DryRun> dryRun(test::TestAccount &acc, const Guard &g, int days)
{
    // As the command line does: the account is not even caught up; the scratch copy is.
    const QByteArray before = fingerprint(acc);
    auto r = guards::dryRun(*acc.engine, acc.clock.now(), acc.engine->actor(), g, days);
    if (fingerprint(acc) != before)
        return Error::internal(QStringLiteral("the dry run changed the account"));
    return r;
}
} // namespace

class TestGuards : public QObject
{
    Q_OBJECT

private slots:
    // The dry run on an account without the guard equals what the same account does with it: the
    // firing, the calls rejected, the charges and the arrears avoided, with a top-up in between.
    void dryRunEqualsReality_data()
    {
        QTest::addColumn<bool>("balance");
        QTest::addColumn<bool>("midway"); // set a day before now, over a day's dry run; else from the start
        QTest::addColumn<QString>("topUp");
        // On 3 October 08:30 in both: a top-up of this amount, "buy" (an id-card 100k package), or nothing.
        QTest::addColumn<QString>("later");
        const QString none;
        QTest::newRow("month-cost") << false << false << QStringLiteral("100") << none;
        QTest::newRow("balance-floor") << true << false << QStringLiteral("100") << none;
        QTest::newRow("month-cost set a day ago") << false << true << QStringLiteral("100") << none;
        QTest::newRow("balance-floor set a day ago") << true << true << QStringLiteral("100") << none;
        QTest::newRow("month-cost, arrears avoided") << false << false << QStringLiteral("20") << none;
        QTest::newRow("month-cost, arrears and a top-up")
            << false << false << QStringLiteral("20") << QStringLiteral("15");
        QTest::newRow("balance-floor, a top-up re-arms")
            << true << false << QStringLiteral("100") << QStringLiteral("50");
        QTest::newRow("month-cost, a package bought after")
            << false << false << QStringLiteral("500") << QStringLiteral("buy");
    }
    void dryRunEqualsReality()
    {
        QFETCH(bool, balance);
        QFETCH(bool, midway);
        QFETCH(QString, topUp);
        QFETCH(QString, later);
        const guards::GuardSpec spec = balance ? floorSpec(midway ? "60" : "40") : costSpec("30");
        test::TestAccount plain, guarded;
        prepare(plain, qPrintable(topUp));
        prepare(guarded, qPrintable(topUp));
        if (!midway)
            QVERIFY(setGuard(guarded, spec));
        // The calls of the first two days imported before their hours settle, the guard set at
        // 2 October 22:00 (midway), a top-up, the third day's calls after: as the calls came.
        const QByteArray calls = threeDays();
        const qsizetype day3 = calls.indexOf("2026-10-03");
        for (test::TestAccount *acc : {&plain, &guarded}) {
            acc->setNow("2026-10-02T22:00:00+08:00");
            QVERIFY(test::importCsv(*acc, calls.left(day3)));
            if (midway && acc == &guarded)
                QVERIFY(setGuard(guarded, spec));
            if (later == QLatin1String("buy")) {
                acc->setNow("2026-10-03T08:30:00+08:00");
                packages::BuyRequest buy;
                buy.api = kCard;
                buy.region = kBeijing;
                buy.sku = QStringLiteral("100k");
                QVERIFY(acc->run([&](Context &c) { return packages::buy(c, buy); }));
            } else if (!later.isEmpty()) {
                acc->setNow("2026-10-03T08:30:00+08:00");
                QVERIFY(acc->run([&](Context &c) { return funds::topUp(c, *Money::parse(later)); }).ok());
            }
            acc->setNow("2026-10-03T22:00:00+08:00");
            QVERIFY(test::importCsv(*acc, "timestamp,api,region,status,count\n" + calls.mid(day3)));
        }

        auto g = plain.run([&](Context &c) { return guards::fromSpec(c, spec); });
        QVERIFY(g);
        auto dry = dryRun(plain, *g, midway ? 1 : 3);
        QVERIFY2(dry, dry ? "" : qPrintable(dry.error().message));
        QVERIFY(dry->wouldFireAt);
        const std::vector<Guard> fired = listGuards(guarded);
        QCOMPARE(fired.size(), size_t(1));
        QVERIFY(fired[0].firedAt);
        auto firings = guarded.run([](Context &c) { return NotificationRepository(c.db).all(); });
        QVERIFY(firings);
        std::optional<Instant> first;
        for (const Notification &n : *firings)
            if (alertKindFromId(n.kind) == AlertKind::GuardFired && (!first || n.at < *first))
                first = n.at;
        QVERIFY(first);
        QCOMPARE(*dry->wouldFireAt, *first);
        QVERIFY(dry->callsRejected > 0);
        QVERIFY(dry->chargesAvoided > Money());

        // Without the guard minus with it: the calls rejected, the charges and arrears avoided.
        qint64 rejected = 0;
        Money avoided;
        for (const QString &api : {kText, kCard}) {
            const auto a = usage(plain, api), b = usage(guarded, api);
            rejected += a.calls - b.calls;
            avoided = avoided + (a.charged - b.charged);
        }
        QCOMPARE(dry->callsRejected, rejected);
        QCOMPARE(dry->chargesAvoided.toString(), avoided.toString());
        auto arrears = [](test::TestAccount &acc) {
            auto bill = acc.run([](Context &c) { return monthlyBill(c, QStringLiteral("2026-10")); });
            return bill ? bill->totals.arrears : Money();
        };
        QCOMPARE(dry->arrearsAvoided.toString(), (arrears(plain) - arrears(guarded)).toString());
        if (topUp == QLatin1String("20"))
            QVERIFY(dry->arrearsAvoided > Money());

        // On the account where the guard exists and fired, its dry run finds the same instant and
        // nothing left to reject or avoid: the account did it already.
        auto again = dryRun(guarded, fired[0], midway ? 1 : 3);
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QCOMPARE(again->wouldFireAt, dry->wouldFireAt);
        QCOMPARE(again->callsRejected, qint64(0));
        QCOMPARE(again->chargesAvoided, Money());

        // The dry runs left the accounts as they were (fingerprinted in dryRun()).
        QCOMPARE(usage(plain, kText).calls, qint64(12 * 4000));
        verifyClean(plain);
        verifyClean(guarded);
    }

    // A window the replay cannot make again after the hour before the firing is refused, naming it.
    void dryRunRefusesWhatItCannotReplay()
    {
        test::TestAccount acc;
        prepare(acc, "100");
        acc.setNow("2026-10-02T22:00:00+08:00");
        QVERIFY(test::importCsv(acc, threeDays().left(threeDays().indexOf("2026-10-03"))));
        acc.setNow("2026-10-03T09:00:00+08:00");
        QVERIFY(acc.run([](Context &c) {
                       return coupons::grant(c, money("5"), at("2026-11-01T00:00:00+08:00"), {});
                   })
                    .ok());
        auto g = acc.run([&](Context &c) { return guards::fromSpec(c, costSpec("30")); });
        QVERIFY(g);
        auto dry = dryRun(acc, *g, 3);
        QVERIFY(!dry);
        QCOMPARE(int(dry.error().code), int(ErrorCode::Refused));
        QVERIFY2(dry.error().message.contains(QLatin1String("grant-coupon")),
                 qPrintable(dry.error().message));
    }

    // §12.19: a guard set exactly at an hour end is first checked at the following one.
    void setAtHourEndWaitsForTheNext()
    {
        test::TestAccount acc;
        prepare(acc, "10");
        acc.setNow("2026-10-01T12:00:00+08:00");
        QVERIFY(setGuard(acc, floorSpec("50")));
        QVERIFY(!listGuards(acc)[0].fired);
        acc.setNow("2026-10-01T12:59:59+08:00");
        QVERIFY(!listGuards(acc)[0].fired);
        acc.setNow("2026-10-01T13:00:00+08:00");
        const Guard g = listGuards(acc)[0];
        QVERIFY(g.fired);
        QCOMPARE(*g.firedAt, at("2026-10-01T13:00:00+08:00"));
        verifyClean(acc);
    }

    // Removing a guard applies from now: removed before the hour's end, it never fires.
    void removalAppliesFromNow()
    {
        test::TestAccount acc;
        prepare(acc, "10");
        QVERIFY(setGuard(acc, floorSpec("50")));
        acc.setNow("2026-10-01T08:30:00+08:00");
        QVERIFY(acc.run([](Context &c) { return guards::remove(c, QStringLiteral("F")); }).ok());
        acc.setNow("2026-10-01T10:00:00+08:00");
        QVERIFY(listGuards(acc).empty());
        auto svc = acc.run([](Context &c) { return c.subscriptions.services(); });
        QVERIFY(svc);
        for (const ServiceState &s : *svc)
            if (s.region == kBeijing && (s.api == kText || s.api == kCard))
                QVERIFY(s.enabled);
    }

    // Bad specs change nothing and say why, with the documented kind of error.
    void badSpecs()
    {
        test::TestAccount acc;
        auto code = [&](guards::GuardSpec s) {
            auto r = setGuard(acc, s);
            return r ? 0 : int(r.error().code);
        };
        guards::GuardSpec s = costSpec("10");
        s.api = QStringLiteral("nope");
        QCOMPARE(code(s), int(ErrorCode::BadUsage));
        s = costSpec("1,5");
        QCOMPARE(code(s), int(ErrorCode::BadUsage));
        s = costSpec("0");
        QCOMPARE(code(s), int(ErrorCode::Refused));
        s = floorSpec("5");
        s.region = kBeijing;
        QCOMPARE(code(s), int(ErrorCode::BadUsage));
        s = costSpec("10");
        QCOMPARE(code(s), 0);
        QCOMPARE(code(s), int(ErrorCode::Refused)); // the same name again
        QCOMPARE(listGuards(acc).size(), size_t(1));
        auto dry = dryRun(acc, Guard{}, 400);
        QVERIFY(!dry);
        QCOMPARE(int(dry.error().code), int(ErrorCode::Refused));
    }
};

QTEST_GUILESS_MAIN(TestGuards)
#include "tst_guards.moc"
