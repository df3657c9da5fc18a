// `billingctl cost --measure cost|calls|unit-cost` as a person reads it (the JSON is checked by the
// scenario cost-unit-cost): unit costs at 8 decimals, "—" where a group has no billable calls, the output
// without --measure unchanged, and a bad measure refused as bad usage.
#include "clirunner.h"

namespace {
const QString kFrom = QStringLiteral("2026-10-01T00:00:00+08:00");
const QString kTo = QStringLiteral("2026-11-01T00:00:00+08:00");
const QString kNow = QStringLiteral("2026-10-05T00:00:00+08:00");

QStringList costArgs(const QStringList &more)
{
    return QStringList{
               QStringLiteral("cost"),          QStringLiteral("--from"), kFrom, QStringLiteral("--to"), kTo,
               QStringLiteral("--granularity"), QStringLiteral("month")} +
           more;
}
} // namespace

class TestCliUnitCost : public QObject
{
    Q_OBJECT

    CliRunner m_cli;

private slots:
    void initTestCase()
    {
        const QString t0 = QStringLiteral("2026-10-01T08:00:00+08:00");
        for (const QStringList &args :
             {QStringList{"init"}, QStringList{"enable", "general-text", "cn-north-4"},
              QStringList{"enable", "id-card", "cn-north-4"}, QStringList{"topup", "1000"}})
            QCOMPARE(m_cli.run(t0, args).exitCode, 0);
        const QString t1 = QStringLiteral("2026-10-03T00:00:00+08:00");
        CliResult r = m_cli.run(t1, {"import-calls", "-"},
                                "timestamp,api,region,status,enterprise_project,count\n"
                                "2026-10-01T10:00:00+08:00,general-text,cn-north-4,200,web,2000\n"
                                "2026-10-02T09:30:00+08:00,id-card,cn-north-4,200,batch,1000\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(m_cli.run(t1, {"buy", "general-text", "cn-north-4", "100k"}).exitCode, 0);
        r = m_cli.run(kNow, {"import-calls", "-"},
                      "timestamp,api,region,status,enterprise_project,count\n"
                      "2026-10-04T15:00:00+08:00,general-text,cn-north-4,200,web,10000\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

    void unitCostText()
    {
        const CliResult r = m_cli.run(kNow, costArgs({"--group-by", "project", "--measure", "unit-cost"}));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6); // title, header, 3 rows, total
        QVERIFY2(lines[0].startsWith(QStringLiteral("Cost per 1,000 billable calls from ")),
                 qPrintable(lines[0]));
        QVERIFY(lines[0].endsWith(QStringLiteral("by month, cash view")));
        QVERIFY2(lines[1].contains(QStringLiteral("Per 1,000")), qPrintable(lines[1]));
        // The shared purchase: 127.50 over no calls is undefined, shown "—", never 0.
        QVERIFY2(lines[2].contains(QStringLiteral("(shared)")), qPrintable(lines[2]));
        QVERIFY2(lines[2].simplified().endsWith(QStringLiteral(" 0 127.50 \u2014")), qPrintable(lines[2]));
        QVERIFY2(lines[3].simplified().endsWith(QStringLiteral("batch 1000 3.00 3.00000000")),
                 qPrintable(lines[3]));
        QVERIFY2(lines[4].simplified().endsWith(QStringLiteral("web 12000 3.00 0.25000000")),
                 qPrintable(lines[4]));
        QCOMPARE(lines[5], QStringLiteral("Total: 13000 calls, 133.50, 10.26923076 per 1,000 calls"));

        const CliResult a = m_cli.run(
            kNow, costArgs({"--group-by", "mode", "--view", "amortized", "--measure", "unit-cost"}));
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        QVERIFY2(a.out.contains(QStringLiteral("12.75 ")) && a.out.contains(QStringLiteral(" 1.27500000")),
                 qPrintable(a.out));
        QVERIFY2(a.out.contains(QStringLiteral("Total: 13000 calls, 18.75, 1.44230769 per 1,000 calls")),
                 qPrintable(a.out));
        // A range without calls: the total's unit cost is undefined too.
        const CliResult none = m_cli.run(kNow, {"cost", "--from", kNow, "--to", "2026-10-06T00:00:00+08:00",
                                                "--granularity", "day", "--measure", "unit-cost"});
        QVERIFY2(none.exitCode == 0, qPrintable(none.err));
        QVERIFY2(none.out.contains(QStringLiteral("Total: 0 calls, 0.00, \u2014 per 1,000 calls")),
                 qPrintable(none.out));
    }

    void costAndCallsText()
    {
        // Without --measure and with --measure cost: the same text as before the measure existed.
        const CliResult plain = m_cli.run(kNow, costArgs({"--group-by", "mode"}));
        const CliResult cost = m_cli.run(kNow, costArgs({"--group-by", "mode", "--measure", "cost"}));
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(cost.out, plain.out);
        QVERIFY(plain.out.startsWith(QStringLiteral("Cost from ")));
        QVERIFY(plain.out.contains(QStringLiteral("Total: 13000 calls, 133.50\n")));
        QVERIFY(!plain.out.contains(QStringLiteral("1,000")));
        const CliResult plainJson = m_cli.run(kNow, QStringList{"--json"} + costArgs({"--group-by", "mode"}));
        const CliResult costJson =
            m_cli.run(kNow, QStringList{"--json"} + costArgs({"--group-by", "mode", "--measure", "cost"}));
        QCOMPARE(costJson.out, plainJson.out);
        QVERIFY(!plainJson.json().contains(QStringLiteral("measure")));
        QVERIFY(!plainJson.json().contains(QStringLiteral("unit_cost")));

        const CliResult calls = m_cli.run(kNow, costArgs({"--group-by", "api", "--measure", "calls"}));
        QVERIFY2(calls.exitCode == 0, qPrintable(calls.err));
        QVERIFY(calls.out.startsWith(QStringLiteral("Billable calls from ")));
        QVERIFY2(!calls.out.contains(QStringLiteral("133.50")), qPrintable(calls.out)); // no money
        QVERIFY(calls.out.contains(QStringLiteral("Total: 13000 calls\n")));
    }

    void badMeasureIsBadUsage()
    {
        for (const QString &bad : {QStringLiteral("unit_cost"), QStringLiteral("Cost"), QStringLiteral("")}) {
            const QByteArray before = m_cli.dbBytes();
            const CliResult r = m_cli.run(kNow, costArgs({"--measure", bad}));
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(
                         QStringLiteral("--measure must be cost, calls or unit-cost, not \"%1\"").arg(bad)),
                     qPrintable(r.err));
            QCOMPARE(r.err.count(u'\n'), 1);
            QVERIFY(r.out.isEmpty());
            QCOMPARE(m_cli.dbBytes(), before);
        }
        // --measure without its value.
        const CliResult missing = m_cli.run(kNow, costArgs({"--measure"}));
        QCOMPARE(missing.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliUnitCost)
#include "tst_cli_unitcost.moc"
