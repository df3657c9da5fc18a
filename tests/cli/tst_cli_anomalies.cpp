// billingctl anomalies --from TIME --to TIME (cli-contract.md, billing-rules §10 Anomalies): the text
// and --json forms, the causes summing to the difference, bad arguments exit 2; on SQLite and
// (tst_cli_anomalies_pg) PostgreSQL.
#include "clirunner.h"

#include <QJsonArray>

namespace {
const QString T0 = QStringLiteral("2026-10-01T00:00:00+08:00"); // a Thursday
const QString kNow = QStringLiteral("2026-11-05T00:00:00+08:00");
const QString kFrom = QStringLiteral("2026-10-29T00:00:00+08:00");

// Five weeks of general-text in cn-north-4 for "default": weekdays 20,000 calls (30.00), weekends 4,000
// (6.00), 5 failed calls an hour, and on Friday 2026-10-30 three times the volume (90.00).
QByteArray history()
{
    QByteArray csv = "timestamp,api,region,status,count\n";
    for (int day = 0; day < 35; ++day) {
        const QDate date = QDate(2026, 10, 1).addDays(day);
        const bool weekend = date.dayOfWeek() >= 6;
        const int calls = date == QDate(2026, 10, 30) ? 6000 : weekend ? 400 : 2000;
        for (int hour = 9; hour < 19; ++hour) {
            const QByteArray ts = date.toString(Qt::ISODate).toLatin1() + 'T' +
                                  QByteArray::number(hour).rightJustified(2, '0') + ":15:00+08:00";
            csv += ts + ",general-text,cn-north-4,200," + QByteArray::number(calls) + '\n';
            csv += ts + ",general-text,cn-north-4,503,5\n";
        }
    }
    return csv;
}

// An exact decimal amount in units of 1e-8.
qint64 units(const QString &amount)
{
    const bool negative = amount.startsWith(u'-');
    const QStringList parts = amount.mid(negative ? 1 : 0).split(u'.');
    qint64 v = parts[0].toLongLong() * 100000000;
    if (parts.size() == 2)
        v += parts[1].leftJustified(8, u'0').toLongLong();
    return negative ? -v : v;
}
} // namespace

class TestCliAnomalies : public QObject
{
    Q_OBJECT

    CliRunner m_cli;

private slots:
    void initTestCase()
    {
        QCOMPARE(m_cli.run(T0, {"init"}).exitCode, 0);
        QCOMPARE(m_cli.run(T0, {"enable", "general-text", "cn-north-4"}).exitCode, 0);
        QCOMPARE(m_cli.run(T0, {"topup", "1000"}).exitCode, 0);
        auto r = m_cli.run(kNow, {"import-calls", "-"}, history());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void json()
    {
        auto r = m_cli.run(kNow, {"--json", "anomalies", "--from", kFrom, "--to", kNow});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray list = r.json().value("anomalies").toArray();
        QCOMPARE(list.size(), 1);
        const QJsonObject a = list[0].toObject();
        QCOMPARE(a.value("day").toString(), QStringLiteral("2026-10-30"));
        QCOMPARE(a.value("api").toString(), QStringLiteral("general-text"));
        QCOMPARE(a.value("region").toString(), QStringLiteral("cn-north-4"));
        QCOMPARE(a.value("project").toString(), QStringLiteral("default"));
        QCOMPARE(a.value("cost").toString(), QStringLiteral("90.00"));
        QCOMPARE(a.value("baseline").toString(), QStringLiteral("30.00"));
        QCOMPARE(a.value("reference_day").toString(), QStringLiteral("2026-10-02"));
        QCOMPARE(a.value("difference").toString(), QStringLiteral("60.00"));
        QCOMPARE(a.value("calls").toInt(), 60000);
        QCOMPARE(a.value("reference_calls").toInt(), 20000);
        QCOMPARE(a.value("failed_calls").toInt(), 50);
        QCOMPARE(a.value("reference_failed_calls").toInt(), 50);
        QCOMPARE(a.value("dominant_cause").toString(), QStringLiteral("volume"));
        const QJsonObject causes = a.value("causes").toObject();
        qint64 sum = 0;
        for (const char *cause :
             {"volume", "package_coverage", "tier", "late_usage", "price", "failed_share"}) {
            QVERIFY2(causes.value(QLatin1String(cause)).isString(), cause);
            sum += units(causes.value(QLatin1String(cause)).toString());
        }
        QCOMPARE(sum, units(a.value("difference").toString()));
        QCOMPARE(causes.value("volume").toString(), QStringLiteral("60.00"));
    }

    void text()
    {
        auto r = m_cli.run(kNow, {"anomalies", "--from", kFrom, "--to", kNow});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(
            r.out.contains("2026-10-30 general-text cn-north-4 default: rise to 90.00 against a baseline of "
                           "30.00; reference day 2026-10-02 cost 30.00, difference 60.00"),
            qPrintable(r.out));
        QVERIFY(r.out.contains("main cause: volume"));
        r = m_cli.run(kNow, {"anomalies", "--from", kFrom, "--to", "2026-10-30T00:00:00+08:00"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(
            r.out.startsWith("No anomalies from 2026-10-29T00:00:00+08:00 to 2026-10-30T00:00:00+08:00."),
            qPrintable(r.out));
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no --to") << QStringList{"anomalies", "--from", kFrom}
                                 << QStringLiteral("--to TIME is required");
        QTest::newRow("no --from") << QStringList{"anomalies", "--to", kNow}
                                   << QStringLiteral("--from TIME is required");
        QTest::newRow("bad time") << QStringList{"anomalies", "--from", "yesterday", "--to", kNow}
                                  << QStringLiteral("anomalies: --from:");
        QTest::newRow("empty range") << QStringList{"anomalies", "--from", kNow, "--to", kNow}
                                     << QStringLiteral("the start of the range must be before its end");
        QTest::newRow("backwards") << QStringList{"anomalies", "--from", kNow, "--to", kFrom}
                                   << QStringLiteral("the start of the range must be before its end");
        QTest::newRow("stray argument")
            << QStringList{"anomalies", "x", "--from", kFrom, "--to", kNow} << QString();
    }
    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QByteArray before = m_cli.dbBytes();
        auto r = m_cli.run(kNow, args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY(m_cli.dbBytes() == before);
    }
};

QTEST_GUILESS_MAIN(TestCliAnomalies)
#include "tst_cli_anomalies.moc"
