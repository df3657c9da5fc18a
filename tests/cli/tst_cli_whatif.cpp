// `billingctl whatif` (issue #16, billing-rules §10): the scenario planner through the command line. The
// account has 1,000 general-text calls (cn-north-4) in every hour of the 28 days before now, so the
// synthesized future has 1,000 calls an hour: 1.50 an hour pay-per-use (first tier, 1.50 per 1,000).
#include "clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace {
const QString kNow = QStringLiteral("2026-10-29T00:00:00+08:00");

QByteArray hourly(const QDateTime &from, const QDateTime &to, int calls)
{
    QByteArray out("timestamp,api,region,status,count\n");
    for (QDateTime t = from; t < to; t = t.addSecs(3600))
        out += t.addSecs(1800).toString(Qt::ISODate).toUtf8() + ",general-text,cn-north-4,200," +
               QByteArray::number(calls) + '\n';
    return out;
}

QDateTime local(int y, int m, int d)
{
    return QDateTime(QDate(y, m, d), QTime(0, 0), QTimeZone(8 * 3600));
}

QJsonObject month(const QJsonObject &run, int i)
{
    return run.value(QStringLiteral("months")).toArray().at(i).toObject();
}
} // namespace

class TestCliWhatIf : public QObject
{
    Q_OBJECT

    CliRunner m_cli;
    QTemporaryDir m_dir;

    QString scenario(const QString &name, const QByteArray &json)
    {
        const QString path = m_dir.filePath(name + QStringLiteral(".json"));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(json);
        return path;
    }

    CliResult whatIf(const QStringList &args)
    {
        return m_cli.run(kNow, QStringList{"--json", "whatif"} + args);
    }

private slots:
    void initTestCase()
    {
        const QString t0 = QStringLiteral("2026-09-30T00:00:00+08:00");
        for (const QStringList &args :
             {QStringList{"init"}, QStringList{"enable", "general-text", "cn-north-4"},
              QStringList{"topup", "100000"}}) {
            const CliResult r = m_cli.run(t0, args);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        const CliResult r =
            m_cli.run(kNow, {"import-calls", "-"}, hourly(local(2026, 10, 1), local(2026, 10, 29), 1000));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void unchangedScenarioIsTheBaselineAndItsReplay()
    {
        const CliResult r =
            whatIf({scenario(QStringLiteral("same"), R"({"name": "same", "months": 2, "changes": []})")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject j = r.json();
        QCOMPARE(j.value("months_simulated").toInt(), 2);
        const QJsonObject base = j.value("baseline").toObject();
        const QJsonObject same = j.value("scenarios").toArray().at(0).toObject();
        QCOMPARE(same.value("months"), base.value("months"));
        QCOMPARE(same.value("difference").toArray(), (QJsonArray{"0.00", "0.00"}));
        // 720 and 744 hours of 1,000 calls at 1.50 per 1,000.
        QCOMPARE(month(base, 0).value("month").toString(), QStringLiteral("2026-11"));
        QCOMPARE(month(base, 0).value("charged").toString(), QStringLiteral("1080.00"));
        QCOMPARE(month(base, 1).value("charged").toString(), QStringLiteral("1116.00"));
        if (m_cli.onPostgres())
            return;
        // The replay: the same synthesized calls imported into a copy of the account by the engine.
        const QString copy = m_dir.filePath(QStringLiteral("replay.sqlite"));
        QVERIFY(QFile::copy(m_cli.db(), copy));
        CliResult imp =
            CliRunner::raw({"--db", copy, "--now", "2027-01-01T00:00:00+08:00", "import-calls", "-"},
                           hourly(local(2026, 10, 29), local(2027, 1, 1), 1000));
        QVERIFY2(imp.exitCode == 0, qPrintable(imp.err));
        for (int i = 0; i < 2; ++i) {
            const CliResult bill =
                CliRunner::raw({"--db", copy, "--now", "2027-01-01T00:00:00+08:00", "--json", "bill",
                                month(base, i).value("month").toString()});
            const QJsonObject totals = bill.json().value("totals").toObject();
            QCOMPARE(totals.value("charged").toString(), month(base, i).value("charged").toString());
            QCOMPARE(totals.value("fee").toString(), month(base, i).value("fee").toString());
        }
    }

    void thirtyPercentMoreIsExactlyOnePointThreeTimes()
    {
        const CliResult r =
            whatIf({scenario(QStringLiteral("plus30"),
                             R"({"name": "plus30", "changes": [{"type": "volume", "percent": 30}]})"),
                    "--months", "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject s = r.json().value("scenarios").toArray().at(0).toObject();
        QCOMPARE(s.value("name").toString(), QStringLiteral("plus30"));
        // 1,300 calls an hour: 1.95 an hour, 720 hours: 1404.00 = 1.3 × 1080.00 (no rounding).
        QCOMPARE(month(s, 0).value("charged").toString(), QStringLiteral("1404.00"));
        QCOMPARE(month(s, 0).value("fee").toString(), QStringLiteral("1404.00000000"));
        QCOMPARE(s.value("difference").toArray(), (QJsonArray{"324.00"}));
    }

    void aPackageBoughtOnADate()
    {
        // 100k on 2026-11-10 (127.50 = 100,000 × 0.0015 × 0.85) covers 100 hours: used up by the
        // settlement at 2026-11-14 04:00. November: 620 hours pay-per-use (930.00) + 127.50.
        const CliResult r =
            whatIf({scenario(QStringLiteral("buy"), R"({"name": "buy", "months": 1, "changes": [
            {"type": "buy", "api": "general-text", "region": "cn-north-4", "sku": "100k", "date": "2026-11-10"}]})")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject nov = month(r.json().value("scenarios").toArray().at(0).toObject(), 0);
        QCOMPARE(nov.value("charged").toString(), QStringLiteral("1057.50"));
        const QJsonArray exhausted = nov.value("quota_exhausted").toArray();
        QCOMPARE(exhausted.size(), 1);
        QCOMPARE(exhausted[0].toObject().value("package_id").toInteger(), 1);
        QCOMPARE(exhausted[0].toObject().value("at").toString(), QStringLiteral("2026-11-14T04:00:00+08:00"));
        QVERIFY(month(r.json().value("baseline").toObject(), 0).value("quota_exhausted").toArray().isEmpty());
    }

    void aGuardInAScenarioFires()
    {
        // From 2026-11-01 a 100.00 month-cost guard: 67 hours × 1.50 = 100.50 ≥ 100.00 at 2026-11-03 19:00;
        // general-text is disabled from then on, so November costs 100.50 and December nothing.
        const CliResult r =
            whatIf({scenario(QStringLiteral("guard"), R"({"name": "guard", "months": 2, "changes": [
            {"type": "guard", "name": "cap", "api": "general-text", "month_cost": "100.00", "date": "2026-11-01"}]})")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject s = r.json().value("scenarios").toArray().at(0).toObject();
        const QJsonArray firings = month(s, 0).value("guard_firings").toArray();
        QCOMPARE(firings.size(), 1);
        QCOMPARE(firings[0].toObject().value("guard").toString(), QStringLiteral("cap"));
        QCOMPARE(firings[0].toObject().value("at").toString(), QStringLiteral("2026-11-03T19:00:00+08:00"));
        QCOMPARE(month(s, 0).value("charged").toString(), QStringLiteral("100.50"));
        QCOMPARE(month(s, 1).value("charged").toString(), QStringLiteral("0.00"));
        QCOMPARE(s.value("difference").toArray(), (QJsonArray{"-979.50", "-1116.00"}));
    }

    void threeScenariosAtOnce()
    {
        const QString a = scenario(QStringLiteral("a"), R"({"name": "a", "changes": []})");
        const QString b = scenario(QStringLiteral("b"),
                                   R"({"name": "b", "changes": [{"type": "volume", "percent": -100}]})");
        CliResult r = whatIf({a, b, a, "--months", "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.json().value("scenarios").toArray().size(), 3);
        QCOMPARE(month(r.json().value("scenarios").toArray().at(1).toObject(), 0).value("charged").toString(),
                 QStringLiteral("0.00"));
        r = whatIf({a, b, a, b});
        QCOMPARE(r.exitCode, 2);
    }

    void movesAndServicesOnADate()
    {
        // Half of general-text's calls moved to general-table, which is not enabled: rejected, never billed
        // (540.00 = 720 h × 0.75); with general-table enabled from 2026-11-01 both halves are billed
        // (1080.00); general-text disabled from 2026-11-16: 15 days × 24 h × 1.50 = 540.00.
        const QString moved = scenario(QStringLiteral("move"), R"({"name": "move", "changes": [
            {"type": "move", "from_api": "general-text", "to_api": "general-table", "share_percent": 50}]})");
        const QString movedEnabled = scenario(QStringLiteral("move2"), R"({"name": "move2", "changes": [
            {"type": "move", "from_api": "general-text", "to_api": "general-table", "share_percent": 50},
            {"type": "enable", "api": "general-table", "region": "cn-north-4", "date": "2026-11-01"}]})");
        const QString disabled = scenario(QStringLiteral("off"), R"({"name": "off", "changes": [
            {"type": "disable", "api": "general-text", "region": "cn-north-4", "date": "2026-11-16"}]})");
        const CliResult r = whatIf({moved, movedEnabled, disabled, "--months", "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray s = r.json().value("scenarios").toArray();
        QCOMPARE(month(s[0].toObject(), 0).value("charged").toString(), QStringLiteral("540.00"));
        QCOMPARE(month(s[1].toObject(), 0).value("charged").toString(), QStringLiteral("1080.00"));
        QCOMPARE(month(s[2].toObject(), 0).value("charged").toString(), QStringLiteral("540.00"));
    }

    void badInputChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("says");
        QTest::newRow("malformed") << QByteArray("{\"name\": \"x\",\n \"changes\": [}") << 3 << "line 2";
        QTest::newRow("unknown key") << QByteArray(R"({"name": "x", "colour": 1})") << 2 << "colour";
        QTest::newRow("unknown change key")
            << QByteArray(R"({"name": "x", "changes": [{"type": "volume", "percent": 5, "pct": 1}]})") << 2
            << "changes[0]";
        QTest::newRow("below -100 %")
            << QByteArray(R"({"name": "x", "changes": [{"type": "volume", "percent": -101}]})") << 2
            << "percent";
        QTest::newRow("months 13") << QByteArray(R"({"name": "x", "months": 13})") << 2 << "months";
        QTest::newRow("past date")
            << QByteArray(
                   R"({"name": "x", "changes": [{"type": "disable", "api": "general-text", "region": "cn-north-4", "date": "2026-10-28"}]})")
            << 1 << "2026-10-28";
        QTest::newRow("unknown key of a buy")
            << QByteArray(
                   R"({"name": "x", "changes": [{"type": "buy", "api": "general-text", "region": "cn-north-4", "sku": "1m", "date": "2026-11-02", "price": "1"}]})")
            << 2 << "unknown key \"price\" for a buy change";
        QTest::newRow("today")
            << QByteArray(
                   R"({"name": "x", "changes": [{"type": "enable", "api": "general-table", "region": "cn-north-4", "date": "2026-10-29"}]})")
            << 1 << "not after today";
        QTest::newRow("after the months")
            << QByteArray(
                   R"({"name": "x", "months": 1, "changes": [{"type": "enable", "api": "general-table", "region": "cn-north-4", "date": "2026-12-01"}]})")
            << 2 << "after the simulated months";
        QTest::newRow("move to itself")
            << QByteArray(
                   R"({"name": "x", "changes": [{"type": "move", "from_api": "general-text", "to_api": "general-text", "share_percent": 5}]})")
            << 2 << "must differ";
        QTest::newRow("share above 100 %")
            << QByteArray(
                   R"({"name": "x", "changes": [{"type": "move", "from_api": "general-text", "to_api": "general-table", "share_percent": 101}]})")
            << 2 << "share_percent";
        QTest::newRow("unknown API")
            << QByteArray(R"({"name": "x", "changes": [{"type": "volume", "api": "ocr-x", "percent": 5}]})")
            << 2 << "ocr-x";
        QTest::newRow("unknown SKU")
            << QByteArray(
                   R"({"name": "x", "changes": [{"type": "buy", "api": "general-text", "region": "cn-north-4", "sku": "7k", "date": "2026-11-02"}]})")
            << 2 << "7k";
        QTest::newRow("unknown package")
            << QByteArray(
                   R"({"name": "x", "changes": [{"type": "renew", "package_id": 9, "date": "2026-11-02"}]})")
            << 2 << "package 9";
    }

    void badInputChangesNothing()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, exitCode);
        QFETCH(QString, says);
        const QByteArray before = m_cli.dbBytes();
        const CliResult r = whatIf({scenario(QStringLiteral("bad"), json)});
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(says), qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1);
        QCOMPARE(m_cli.dbBytes(), before);
        QCOMPARE(whatIf({scenario(QStringLiteral("ok"), R"({"name": "ok"})"), "--months", "0"}).exitCode, 2);
    }

    void theAccountIsUntouched()
    {
        const QByteArray before = m_cli.dbBytes();
        const CliResult r =
            whatIf({scenario(QStringLiteral("buy2"), R"({"name": "b", "months": 1, "changes": [
            {"type": "buy", "api": "general-text", "region": "cn-north-4", "sku": "1m", "date": "2026-11-02"}]})")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(m_cli.dbBytes(), before);
    }

    // A second account: a 1m package bought 2025-11-10 (1200.00, term to 2026-11-11 00:00) and 100 calls an
    // hour in the 28 days before now.
    void aPackagesLapsedQuotaAndRefusedChanges()
    {
        CliRunner pkg;
        for (const QStringList &args :
             {QStringList{"init"}, QStringList{"enable", "general-text", "cn-north-4"},
              QStringList{"topup", "10000"}, QStringList{"buy", "general-text", "cn-north-4", "1m"}}) {
            const CliResult r = pkg.run(QStringLiteral("2025-11-10T10:00:00+08:00"), args);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        CliResult r =
            pkg.run(kNow, {"import-calls", "-"}, hourly(local(2026, 10, 1), local(2026, 10, 29), 100));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray before = pkg.dbBytes();
        r = pkg.run(kNow,
                    {"--json", "whatif", scenario(QStringLiteral("refused"), R"({"name": "no", "changes": [
            {"type": "unsubscribe", "package_id": 1, "date": "2026-11-02"},
            {"type": "enable", "api": "general-text", "region": "cn-north-4", "date": "2026-11-03"}]})"),
                     "--months", "1"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(pkg.dbBytes(), before);
        // 98,400 calls used (41 days × 2,400), 901,600 lapse at the term's end: 1200.00 × 0.9016 = 1081.92.
        const QJsonArray lapsed =
            month(r.json().value("baseline").toObject(), 0).value("lapsed_quota").toArray();
        QCOMPARE(lapsed.size(), 1);
        QCOMPARE(lapsed[0].toObject().value("package_id").toInteger(), 1);
        QCOMPARE(lapsed[0].toObject().value("calls").toInteger(), 901600);
        QCOMPARE(lapsed[0].toObject().value("worth").toString(), QStringLiteral("1081.92"));
        const QJsonArray refused =
            r.json().value("scenarios").toArray().at(0).toObject().value("refused_changes").toArray();
        QCOMPARE(refused.size(), 2);
        QCOMPARE(refused[0].toObject().value("change").toInt(), 0);
        QCOMPARE(refused[0].toObject().value("at").toString(), QStringLiteral("2026-11-02T00:00:00+08:00"));
        QVERIFY2(refused[0].toObject().value("message").toString().contains(
                     QStringLiteral("package 1 is in force since 2025-11-10")),
                 qPrintable(refused[0].toObject().value("message").toString()));
        QCOMPARE(refused[1].toObject().value("change").toInt(), 1);
        QCOMPARE(refused[1].toObject().value("message").toString(),
                 QStringLiteral("general-text in cn-north-4 is already enabled: the change does nothing"));
        // The text output names them too.
        r = pkg.run(kNow, {"whatif", m_dir.filePath(QStringLiteral("refused.json")), "--months", "1"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("changes[1] refused at 2026-11-03T00:00:00+08:00")),
                 qPrintable(r.out));
    }

    // Last: it adds a budget to the account.
    void budgetCrossings()
    {
        CliResult r = m_cli.run(kNow, {"budget", "set", "monthly", "1000", "--actual", "80,100"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = whatIf({scenario(QStringLiteral("same2"), R"({"name": "same", "months": 1})")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // 1.50 an hour: 801.00 ≥ 80 % after 534 hours (2026-11-23 06:00), 1000.50 ≥ 100 % after 667 hours.
        QStringList actual;
        for (const QJsonValue &v :
             month(r.json().value("baseline").toObject(), 0).value("budget_crossings").toArray())
            if (v.toObject().value("kind").toString() == QLatin1String("actual"))
                actual << QString::number(v.toObject().value("threshold").toInt()) + u'@' +
                              v.toObject().value("at").toString();
        QCOMPARE(actual, (QStringList{"80@2026-11-23T06:00:00+08:00", "100@2026-11-28T19:00:00+08:00"}));
    }

    // Last (SQLite: members by --as): an analyst may run the planner; the copy runs as an owner.
    void anAnalystMayPlan()
    {
        if (m_cli.onPostgres())
            QSKIP("roles on PostgreSQL are the server's grants");
        QCOMPARE(m_cli.run(kNow, {"--as", "boss", "member", "set", "boss", "owner"}).exitCode, 0);
        QCOMPARE(m_cli.run(kNow, {"--as", "boss", "member", "set", "ana", "analyst"}).exitCode, 0);
        const QByteArray before = m_cli.dbBytes();
        const CliResult r = m_cli.run(
            kNow,
            {"--as", "ana", "--json", "whatif",
             scenario(QStringLiteral("plus30b"),
                      R"({"name": "p", "months": 1, "changes": [{"type": "volume", "percent": 30}]})")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(month(r.json().value("scenarios").toArray().at(0).toObject(), 0).value("charged").toString(),
                 QStringLiteral("1404.00"));
        QCOMPARE(m_cli.dbBytes(), before);
    }
};

QTEST_GUILESS_MAIN(TestCliWhatIf)
#include "tst_cli_whatif.moc"
