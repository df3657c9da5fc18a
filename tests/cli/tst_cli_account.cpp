#include "clirunner.h"

#include <QUrl>

#include <QHash>
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
        QCOMPARE(
            cli.run(T0, {QStringLiteral("init"), QStringLiteral("--utc-offset"), QStringLiteral("+08:00")})
                .exitCode,
            0);
        QCOMPARE(cli.run(T1, {QStringLiteral("topup"), QStringLiteral("7.5")}).exitCode, 0);
        auto r = cli.run(T1, {QStringLiteral("--json"), QStringLiteral("status")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        for (const char *key : {"now", "currency", "balance", "arrears", "state", "state_until", "coupons",
                                "packages", "services"})
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

    void statusGivesEachServicesMarginalPrice()
    {
        // billing-rules §10: the next 1,000 calls, from a package's last 300 calls and then tier 1
        // (general-text), across the tier boundary (general-table: 500 × 1.50 + 500 × 1.20), or at tier 1.
        CliRunner cli;
        const QString later = QStringLiteral("2026-10-01T11:00:00+08:00");
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        for (const char *api : {"general-text", "general-table"})
            QCOMPARE(cli.run(T0, {QStringLiteral("enable"), QLatin1String(api), QStringLiteral("cn-north-4")})
                         .exitCode,
                     0);
        QCOMPARE(cli.run(T0, {QStringLiteral("topup"), QStringLiteral("2000")}).exitCode, 0);
        QCOMPARE(cli.run(T0, {QStringLiteral("buy"), QStringLiteral("general-text"),
                              QStringLiteral("cn-north-4"), QStringLiteral("100k")})
                     .exitCode,
                 0);
        const QByteArray csv = "timestamp,api,region,status,count\n"
                               "2026-10-01T09:15:00+08:00,general-text,cn-north-4,200,99700\n"
                               "2026-10-01T09:15:00+08:00,general-table,cn-north-4,200,999500\n";
        QCOMPARE(cli.run(T1, {QStringLiteral("import-calls"), QStringLiteral("-")}, csv).exitCode, 0);
        auto r = cli.run(later, {QStringLiteral("--json"), QStringLiteral("status")});
        QCOMPARE(r.exitCode, 0);
        QHash<QString, QString> price;
        for (const auto &v : r.json()[QStringLiteral("services")].toArray()) {
            const QJsonObject s = v.toObject();
            QVERIFY(s[QStringLiteral("marginal_price_per_1000")].isString()); // an amount: a string
            price.insert(s[QStringLiteral("api")].toString() + u' ' + s[QStringLiteral("region")].toString(),
                         s[QStringLiteral("marginal_price_per_1000")].toString());
        }
        QCOMPARE(price.size(), 12 * 4);
        QCOMPARE(price.value(QStringLiteral("general-text cn-north-4")), QStringLiteral("1.05000000"));
        QCOMPARE(price.value(QStringLiteral("general-table cn-north-4")), QStringLiteral("1.35000000"));
        QCOMPARE(price.value(QStringLiteral("passport cn-east-3")), QStringLiteral("3.00000000"));
        r = cli.run(later, {QStringLiteral("status")});
        QVERIFY2(r.out.contains(
                     QLatin1String("Enabled:  general-table in cn-north-4, next 1,000 calls 1.35000000")),
                 qPrintable(r.out));
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
        QVERIFY(
            cli.database().exec(QStringLiteral("UPDATE ledger SET cash_delta = 20000000000 WHERE id = 1")));
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
        QVERIFY(cli.database().exec(cli.onPostgres()
                                        ? QStringLiteral("UPDATE schema_version SET version = 999")
                                        : QStringLiteral("PRAGMA user_version = 999")));
        auto r = cli.run(T1, {QStringLiteral("status")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains(QLatin1String("newer")));
    }

    // On PostgreSQL the database enforces the roles of resources/postgres/roles.sql: an analyst's
    // write is refused by the server and reported on one line with exit 1; a finance user's is done.
    void databaseRolesDecideWhoMayWrite()
    {
        CliRunner cli;
        if (!cli.onPostgres())
            QSKIP("database roles exist only on PostgreSQL (tst_cli_account_pg)");
        const QString base = billing::test::postgresTestUrl();
        QFile script(qEnvironmentVariable("BILLING_TEST_DATA") +
                     QStringLiteral("/../../resources/postgres/roles.sql"));
        QVERIFY(script.open(QIODevice::ReadOnly));
        const QString schema = cli.database().schema();
        billing::test::postgresAdmin(
            base, {QStringLiteral("SET search_path = %1").arg(schema), QString::fromUtf8(script.readAll())});
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        billing::test::postgresAdmin(
            base,
            {QStringLiteral("CREATE ROLE a_%1 LOGIN PASSWORD 'a pw' IN ROLE billing_analyst").arg(schema),
             QStringLiteral("CREATE ROLE f_%1 LOGIN PASSWORD 'f pw' IN ROLE billing_finance").arg(schema)});
        auto as = [&](const QString &user, const QString &password) {
            QUrl url(cli.db());
            url.setUserName(user);
            url.setPassword(password);
            return url.toString(QUrl::FullyEncoded);
        };
        const QString analyst = as(QStringLiteral("a_") + schema, QStringLiteral("a pw"));
        const QString finance = as(QStringLiteral("f_") + schema, QStringLiteral("f pw"));

        const QByteArray before = cli.dbBytes();
        auto r = CliRunner::raw({QStringLiteral("--db"), analyst, QStringLiteral("--now"), T1,
                                 QStringLiteral("topup"), QStringLiteral("10")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(QLatin1String("analyst")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QLatin1String("a pw")), qPrintable(r.err));
        QCOMPARE(cli.dbBytes(), before);
        // Reading without changing anything is allowed.
        r = CliRunner::raw(
            {QStringLiteral("--db"), analyst, QStringLiteral("--now"), T1, QStringLiteral("verify")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        r = CliRunner::raw({QStringLiteral("--db"), finance, QStringLiteral("--now"), T1,
                            QStringLiteral("topup"), QStringLiteral("10")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = cli.run(T1, {QStringLiteral("--json"), QStringLiteral("status")});
        QCOMPARE(r.json()[QStringLiteral("balance")].toString(), QStringLiteral("10.00"));
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
