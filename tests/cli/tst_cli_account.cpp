#include "clirunner.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace {
const QString T0 = QStringLiteral("2026-10-01T08:00:00+08:00");
const QString T1 = QStringLiteral("2026-10-01T09:30:00+08:00");
} // namespace

class TestCliAccount : public QObject
{
    Q_OBJECT
private slots:
    void initCreatesTheAccountOnce()
    {
        CliRunner cli;
        auto r = cli.run(T0, {QStringLiteral("init")});
        QCOMPARE(r.exitCode, 0);
        r = cli.run(T0, {QStringLiteral("init")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY(r.err.contains(QLatin1String("already")));
    }

    void statusHasTheContractFields()
    {
        CliRunner cli;
        QCOMPARE(cli.run(T0, {QStringLiteral("init"), QStringLiteral("--utc-offset"), QStringLiteral("+08:00")}).exitCode, 0);
        QCOMPARE(cli.run(T1, {QStringLiteral("topup"), QStringLiteral("7.5")}).exitCode, 0);
        auto r = cli.run(T1, {QStringLiteral("--json"), QStringLiteral("status")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        for (const char *key : {"now", "currency", "balance", "arrears", "state", "state_until", "coupons", "packages", "services"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o[QStringLiteral("now")].toString(), T1);
        QCOMPARE(o[QStringLiteral("currency")].toString(), QStringLiteral("USD"));
        QCOMPARE(o[QStringLiteral("balance")].toString(), QStringLiteral("7.50")); // a string, never a number
        QCOMPARE(o[QStringLiteral("arrears")].toString(), QStringLiteral("0.00"));
        QCOMPARE(o[QStringLiteral("state")].toString(), QStringLiteral("normal"));
        QVERIFY(o[QStringLiteral("state_until")].isNull());
        const QJsonArray services = o[QStringLiteral("services")].toArray();
        QCOMPARE(services.size(), 12 * 4);
        for (const auto &s : services) {
            QVERIFY(s.toObject()[QStringLiteral("enabled")].isBool());
            QVERIFY(!s.toObject()[QStringLiteral("enabled")].toBool()); // §12.1
        }
    }

    void exitCodesFollowTheContract_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2;
        QTest::newRow("no command") << QStringList{} << 2;
        QTest::newRow("unknown option") << QStringList{"--colour", "status"} << 2;
        QTest::newRow("unknown command option") << QStringList{"status", "--all"} << 2;
        QTest::newRow("topup malformed") << QStringList{"topup", "1e3"} << 2;
        QTest::newRow("topup negative") << QStringList{"topup", "-5"} << 2;
        QTest::newRow("topup locale") << QStringList{"topup", "1,5"} << 2;
        QTest::newRow("topup three decimals") << QStringList{"topup", "0.001"} << 2;
        QTest::newRow("topup missing") << QStringList{"topup"} << 2;
        QTest::newRow("topup extra") << QStringList{"topup", "5", "6"} << 2;
        QTest::newRow("topup zero") << QStringList{"topup", "0"} << 1;
        QTest::newRow("topup too much") << QStringList{"topup", "10000000.01"} << 1;
        QTest::newRow("bad now") << QStringList{"--now", "yesterday", "status"} << 2;
        QTest::newRow("now without offset") << QStringList{"--now", "2026-10-01T10:00:00", "status"} << 2;
        QTest::newRow("time backwards") << QStringList{"--now", "2026-10-01T07:00:00+08:00", "status"} << 1;
    }
    void exitCodesFollowTheContract()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        CliRunner cli;
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        const QByteArray before = cli.dbBytes();
        const bool hasNow = args.contains(QStringLiteral("--now"));
        auto r = cli.run(hasNow ? QString() : T1, args);
        QCOMPARE(r.exitCode, code);
        QCOMPARE(r.err.count(u'\n'), 1); // one line on stderr that says what and why
        QVERIFY(r.err.startsWith(QLatin1String("billingctl: ")));
        QCOMPARE(cli.dbBytes(), before); // a non-zero exit changes nothing
    }

    void missingAccountIsRefused()
    {
        CliRunner cli;
        auto r = cli.run(T0, {QStringLiteral("status")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QLatin1String("init")));
    }

    void verifyPassesThenCatchesAnAlteredLedgerRow()
    {
        CliRunner cli;
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        QCOMPARE(cli.run(T1, {QStringLiteral("topup"), QStringLiteral("100")}).exitCode, 0);
        QCOMPARE(cli.run(T1, {QStringLiteral("topup"), QStringLiteral("0.25")}).exitCode, 0);
        auto r = cli.run(T1, {QStringLiteral("verify")});
        QCOMPARE(r.exitCode, 0);
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(cli.db());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE ledger SET cash_delta = 20000000000 WHERE id = 1")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        r = cli.run(T1, {QStringLiteral("verify")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QLatin1String("ledger entry 1")), qPrintable(r.err));
        r = cli.run(T1, {QStringLiteral("--json"), QStringLiteral("verify")});
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(r.json()[QStringLiteral("ok")].toBool(), false);
    }

    void newerDatabaseIsBadData()
    {
        CliRunner cli;
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
            db.setDatabaseName(cli.db());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 999")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        auto r = cli.run(T1, {QStringLiteral("status")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains(QLatin1String("newer")));
    }

    // Human messages follow LC_ALL (here Simplified Chinese); JSON keys and values stay the same.
    void humanMessagesFollowTheLanguage()
    {
        CliRunner cli;
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        const CliResult english = cli.run(T1, {QStringLiteral("--json"), QStringLiteral("status")});
        cli.setLocale(QStringLiteral("zh_CN.UTF-8"));
        auto r = cli.run(T1, {QStringLiteral("topup"), QStringLiteral("7.5")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("已充值")), qPrintable(r.out));
        r = cli.run(T1, {QStringLiteral("topup"), QStringLiteral("abc")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("不是金额")), qPrintable(r.err));
        r = cli.run(T1, {QStringLiteral("--json"), QStringLiteral("status")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().keys(), english.json().keys());
        QCOMPARE(r.json()[QStringLiteral("balance")].toString(), QStringLiteral("7.50"));
        QCOMPARE(r.json()[QStringLiteral("state")].toString(), QStringLiteral("normal"));
    }

    void helpListsTheCommands()
    {
        auto r = CliRunner::raw({QStringLiteral("help")});
        QCOMPARE(r.exitCode, 0);
        for (const char *c : {"init", "topup", "status", "verify"})
            QVERIFY(r.out.contains(QLatin1String(c)));
    }
};

QTEST_GUILESS_MAIN(TestCliAccount)
#include "tst_cli_account.moc"
