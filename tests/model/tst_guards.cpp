// Spend guards (issue #16, billing-rules §13, §12.19): the check at every settled hour's end, its instant
// rules, and the dry run, which must say what actually happens when the guard is set and the same calls
// are imported. Runs on SQLite and, as tst_guards_pg, PostgreSQL.
#include "engine/bills.h"
#include "engine/funds.h"
#include "engine/guards.h"
#include "engine/services.h"
#include "engine/verifier.h"
#include "importcsv.h"
#include "storage/guardrepository.h"

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
GuardRepository::Usage usage(test::TestAccount &acc, const QString &api)
{
    auto bill = acc.run([](Context &c) { return monthlyBill(c, QStringLiteral("2026-10")); });
    GuardRepository::Usage u;
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
} // namespace

class TestGuards : public QObject
{
    Q_OBJECT

private slots:
    // The dry run on an account without the guard equals what the same account does with it.
    void dryRunEqualsReality_data()
    {
        QTest::addColumn<bool>("balance");
        QTest::addColumn<bool>("midway"); // set a day before now, over a day's dry run; else from the start
        QTest::newRow("month-cost") << false << false;
        QTest::newRow("balance-floor") << true << false;
        QTest::newRow("month-cost set a day ago") << false << true;
        QTest::newRow("balance-floor set a day ago") << true << true;
    }
    void dryRunEqualsReality()
    {
        QFETCH(bool, balance);
        QFETCH(bool, midway);
        const guards::GuardSpec spec = balance ? floorSpec(midway ? "60" : "40") : costSpec("30");
        test::TestAccount plain, guarded;
        prepare(plain, "100");
        prepare(guarded, "100");
        const QByteArray calls = threeDays();
        if (midway) {
            // The calls of the first two days imported before their hours settle, the guard set at
            // 2 October 22:00, the third day's calls after: as one import of all three at the end.
            const qsizetype day3 = calls.indexOf("2026-10-03");
            guarded.setNow("2026-10-02T22:00:00+08:00");
            QVERIFY(test::importCsv(guarded, calls.left(day3)));
            QVERIFY(setGuard(guarded, spec));
            guarded.setNow("2026-10-03T22:00:00+08:00");
            QVERIFY(test::importCsv(guarded, "timestamp,api,region,status,count\n" + calls.mid(day3)));
        } else {
            QVERIFY(setGuard(guarded, spec));
            guarded.setNow("2026-10-03T22:00:00+08:00");
            QVERIFY(test::importCsv(guarded, calls));
        }
        plain.setNow("2026-10-03T22:00:00+08:00");
        QVERIFY(test::importCsv(plain, calls));

        auto dry = plain.run([&](Context &c) -> Result<guards::DryRun> {
            auto g = guards::fromSpec(c, spec);
            if (!g)
                return g.error();
            return guards::dryRun(c, *g, midway ? 1 : 3);
        });
        QVERIFY2(dry, dry ? "" : qPrintable(dry.error().message));
        QVERIFY(dry->wouldFireAt);
        const std::vector<Guard> fired = listGuards(guarded);
        QCOMPARE(fired.size(), size_t(1));
        QVERIFY(fired[0].firedAt);
        QCOMPARE(*dry->wouldFireAt, *fired[0].firedAt);
        QVERIFY(dry->callsRejected > 0);
        QVERIFY(dry->chargesAvoided > Money());

        // Without the guard minus with it: the calls rejected and the charges avoided.
        qint64 rejected = 0;
        Money avoided;
        for (const QString &api : {kText, kCard}) {
            const auto a = usage(plain, api), b = usage(guarded, api);
            rejected += a.calls - b.calls;
            avoided = avoided + (a.charged - b.charged);
        }
        QCOMPARE(dry->callsRejected, rejected);
        QCOMPARE(dry->chargesAvoided.toString(), avoided.toString());

        // On the account where the guard exists and fired, its dry run finds the same instant and the
        // same calls (rejected there already), and nothing left to avoid.
        auto again = guarded.run([&](Context &c) { return guards::dryRun(c, fired[0], midway ? 1 : 3); });
        QVERIFY(again);
        QCOMPARE(again->wouldFireAt, dry->wouldFireAt);
        QCOMPARE(again->callsRejected, dry->callsRejected);
        QCOMPARE(again->chargesAvoided, Money());

        // The dry run left the account as it was.
        QCOMPARE(usage(plain, kText).calls, qint64(12 * 4000));
        verifyClean(plain);
        verifyClean(guarded);
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
        auto dry = acc.run([](Context &c) { return guards::dryRun(c, Guard{}, 400); });
        QVERIFY(!dry);
        QCOMPARE(int(dry.error().code), int(ErrorCode::Refused));
    }
};

QTEST_GUILESS_MAIN(TestGuards)
#include "tst_guards.moc"
