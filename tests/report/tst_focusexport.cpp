// billingctl export-focus (provider-bills.md §3) against what the account says elsewhere: each month's
// BilledCost adds up to `bill MONTH`'s amount due, EffectiveCost to `cost --view amortized`'s total; and
// bad input changes and writes nothing (cli-contract exit codes). Runs on SQLite and, as _pg, PostgreSQL.
#include "focusscenario.h"
#include "money/money.h"

#include <QDateTime>
#include <QTimeZone>

using namespace billing;
using namespace focustest;

namespace {

Money sum(const QList<QHash<QString, QString>> &rows, const QString &column,
          const std::function<bool(const QHash<QString, QString> &)> &keep = {})
{
    Money total;
    for (const auto &row : rows) {
        if (keep && !keep(row))
            continue;
        auto m = Money::parse(row.value(column));
        if (!m)
            qFatal("%s is not an amount: %s", qPrintable(column), qPrintable(row.value(column)));
        total += *m;
    }
    return total;
}

// "2026-09" → "2026-08-31T16:00:00Z" (the month's first instant in UTC+8, written in UTC).
QString periodStart(const QString &month)
{
    const QDateTime local(QDate::fromString(month + QStringLiteral("-01"), Qt::ISODate), QTime(0, 0),
                          QTimeZone(8 * 3600));
    return local.toUTC().toString(Qt::ISODate);
}

QStringList months(const QString &from, const QString &to)
{
    QStringList out;
    for (QDate d = QDate::fromString(from + QStringLiteral("-01"), Qt::ISODate);
         d.toString(QStringLiteral("yyyy-MM")) <= to; d = d.addMonths(1))
        out << d.toString(QStringLiteral("yyyy-MM"));
    return out;
}

} // namespace

class TestFocusExport : public QObject
{
    Q_OBJECT

    void checkSums(const CliRunner &cli, const QString &now, const QString &from, const QString &to)
    {
        const Table t = exportTable(cli, now, from, to);
        QVERIFY(!t.rows.isEmpty());
        qsizetype seen = 0;
        for (const QString &month : months(from, to)) {
            const QString start = periodStart(month);
            auto inMonth = [&start](const QHash<QString, QString> &row) {
                return row.value(QStringLiteral("BillingPeriodStart")) == start;
            };
            seen += std::count_if(t.rows.begin(), t.rows.end(), inMonth);
            const CliResult bill = cli.run(now, {"--json", "bill", month});
            QCOMPARE(bill.exitCode, 0);
            const QString due =
                bill.json()[QStringLiteral("totals")].toObject()[QStringLiteral("charged")].toString();
            QVERIFY2(Money::parse(due).ok(), qPrintable(bill.out));
            QCOMPARE(sum(t.rows, QStringLiteral("BilledCost"), inMonth).toString(),
                     Money::parse(due).value().toString());
        }
        QCOMPARE(seen, t.rows.size()); // every row lies in a month of the range
        const QString fromTime = QStringLiteral("%1-01T00:00:00+08:00").arg(from);
        const QString toTime =
            QDate::fromString(to + QStringLiteral("-01"), Qt::ISODate).addMonths(1).toString(Qt::ISODate) +
            QStringLiteral("T00:00:00+08:00");
        const CliResult cost = cli.run(now, {"--json", "cost", "--from", fromTime, "--to", toTime,
                                             "--granularity", "month", "--view", "amortized"});
        QCOMPARE(cost.exitCode, 0);
        const QString amortized = cost.json()[QStringLiteral("total")].toString();
        QCOMPARE(sum(t.rows, QStringLiteral("EffectiveCost")).toString(),
                 Money::parse(amortized).value().toString());
    }

private slots:
    void demoSumsMatchBillsAndAmortizedTotal()
    {
        CliRunner cli;
        QVERIFY(makeDemo(cli));
        checkSums(cli, DemoNow, DemoFrom, DemoTo);
    }

    void scenarioSumsMatchBillsAndAmortizedTotal()
    {
        CliRunner cli;
        QVERIFY(makeScenario(cli));
        checkSums(cli, ScenarioNow, ScenarioFrom, ScenarioTo);
        const Table t = exportTable(cli, ScenarioNow, ScenarioFrom, ScenarioTo);
        QStringList kinds;
        for (const auto &row : t.rows)
            kinds << row.value(QStringLiteral("ChargeCategory")) + u'/' +
                         row.value(QStringLiteral("CommitmentDiscountStatus")) + u'/' +
                         row.value(QStringLiteral("ChargeClass"));
        // A purchase, its refund (a negative row), usage, the late line, the unused quota.
        QVERIFY2(kinds.contains(QStringLiteral("Purchase//")), qPrintable(kinds.join(u' ')));
        QVERIFY2(kinds.contains(QStringLiteral("Usage/Used/")), qPrintable(kinds.join(u' ')));
        QVERIFY2(kinds.contains(QStringLiteral("Usage//Correction")), qPrintable(kinds.join(u' ')));
        QVERIFY2(kinds.contains(QStringLiteral("Usage/Unused/")), qPrintable(kinds.join(u' ')));
        QVERIFY(std::any_of(t.rows.begin(), t.rows.end(), [](const auto &row) {
            return row.value(QStringLiteral("ChargeCategory")) == QLatin1String("Purchase") &&
                   row.value(QStringLiteral("BilledCost")).startsWith(u'-');
        }));
        // Tags: the project's cost tags as a JSON object; top-ups are not exported.
        QVERIFY(std::any_of(t.rows.begin(), t.rows.end(), [](const auto &row) {
            return row.value(QStringLiteral("Tags")) ==
                   QLatin1String("{\"cost center 7\":null,\"finance\":null}");
        }));
        QCOMPARE(t.header.last(), QStringLiteral("x_RoundedOff"));
    }

    void badInputIsRefusedAndWritesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("bad month") << QStringList{"--from", "2026-13", "--to", "2026-10", "--out", "OUT"}
                                   << 2;
        QTest::newRow("not a month") << QStringList{"--from", "July", "--to", "2026-10", "--out", "OUT"} << 2;
        QTest::newRow("from after to")
            << QStringList{"--from", "2026-10", "--to", "2026-07", "--out", "OUT"} << 2;
        QTest::newRow("no to") << QStringList{"--from", "2026-07", "--out", "OUT"} << 2;
        QTest::newRow("no out") << QStringList{"--from", "2026-07", "--to", "2026-10"} << 2;
        QTest::newRow("missing folder")
            << QStringList{"--from", "2026-07", "--to", "2026-10", "--out", "DIR/x/y.csv"} << 3;
        QTest::newRow("a folder") << QStringList{"--from", "2026-07", "--to", "2026-10", "--out", "DIR"} << 3;
    }
    void badInputIsRefusedAndWritesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        CliRunner cli;
        QVERIFY(makeScenario(cli)); // small: PostgreSQL dumps a large account in no fixed order
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("focus.csv"));
        args.replaceInStrings(QStringLiteral("OUT"), out);
        args.replaceInStrings(QStringLiteral("DIR"), dir.path());
        const QByteArray before = cli.dbBytes();
        // A later clock: a command that went through would catch up and change the database.
        const CliResult r =
            cli.run(QStringLiteral("2026-09-20T08:00:00+08:00"), QStringList{"export-focus"} + args);
        QCOMPARE(r.exitCode, exitCode);
        QCOMPARE(r.err.count(u'\n'), 1);
        QCOMPARE(cli.dbBytes(), before);
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList());
    }

    void jsonSaysWhatWasWritten()
    {
        CliRunner cli;
        QVERIFY(makeScenario(cli));
        const QString out = QDir(cli.dir()).filePath(QStringLiteral("f.csv"));
        const CliResult r = cli.run(ScenarioNow, {"--json", "export-focus", "--from", ScenarioFrom, "--to",
                                                  ScenarioTo, "--out", out});
        QCOMPARE(r.exitCode, 0);
        const Table t = readTable(out);
        QCOMPARE(r.json()[QStringLiteral("rows")].toInteger(), t.rows.size());
        QCOMPARE(r.json()[QStringLiteral("file")].toString(),
                 QDir::toNativeSeparators(QFileInfo(out).absoluteFilePath()));
    }
};

QTEST_GUILESS_MAIN(TestFocusExport)
#include "tst_focusexport.moc"
