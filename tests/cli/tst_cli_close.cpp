// billingctl close MONTH --out DIR (issue #14, provider-bills.md §4) on a seeded demo account: the
// chargeback statements add up to the bill to the cent; two closes give the same content (the JSON byte
// for byte, the same hash, the same workbook sheets and PDF text but for the close's own stamp); the
// close is an audit entry holding the hash; verify is clean after it and finds a record of the closed
// month changed behind the engine's back (a record, a ledger entry, a tier row: each named, and clean
// again once put back); refusals (a month not final, bad month, a folder that cannot
// be written) write and change nothing. SQLite and (tst_cli_close_pg) PostgreSQL.
#include "clirunner.h"
#include "money/money.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>

#include <memory>

using namespace billing;

namespace {
const QString kNow = QStringLiteral("2026-04-10T08:00:00+08:00");
const QString kMonth = QStringLiteral("2026-03");

Money money(const QJsonValue &v)
{
    auto m = Money::parse(v.toString());
    return m ? *m : Money::fromUnits(-1);
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray tool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(60000);
    return p.readAllStandardOutput();
}
} // namespace

class TestCliClose : public QObject
{
    Q_OBJECT

    std::unique_ptr<CliRunner> m_cli;

    QString folder(const QString &name) const
    {
        const QString path = m_cli->dir() + '/' + name;
        QDir().mkpath(path);
        return path;
    }
    QString file(const QString &dir, const QString &suffix) const
    {
        return dir + QStringLiteral("/close-%1.%2").arg(kMonth, suffix);
    }
    QByteArrayList content() const
    {
        QByteArrayList lines = m_cli->dbBytes().split('\n');
        std::sort(lines.begin(), lines.end());
        return lines;
    }
    void expectRefused(const QStringList &args, int exitCode, const QString &mention)
    {
        const QString dir = folder(QStringLiteral("refused"));
        const QByteArrayList before = content();
        const CliResult r = m_cli->run(kNow, args);
        QVERIFY2(r.exitCode == exitCode, qPrintable(args.join(' ') + ": " + r.err + r.out));
        QVERIFY2(r.err.contains(mention), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
        QVERIFY(content() == before);
    }

private slots:
    void initTestCase()
    {
        m_cli = std::make_unique<CliRunner>();
        const CliResult r = m_cli->run(kNow, {"demo", "--months", "3", "--seed", "7"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Catch up once, so that the refusals below compare the account after it.
        QCOMPARE(m_cli->run(kNow, {"status"}).exitCode, 0);
    }

    void refusesWhatCannotBeClosed()
    {
        const QString dir = folder(QStringLiteral("refused"));
        expectRefused({"close", "2026-04", "--out", dir}, 1, QStringLiteral("not final"));
        expectRefused({"close", "2026-13", "--out", dir}, 2, QStringLiteral("2026-13"));
        expectRefused({"close", "March", "--out", dir}, 2, QStringLiteral("March"));
        expectRefused({"close", kMonth, "--out", dir + "/missing"}, 2, QStringLiteral("missing"));
        QFile plain(m_cli->dir() + "/plain.txt");
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.close();
        expectRefused({"close", kMonth, "--out", plain.fileName()}, 2, QStringLiteral("plain.txt"));
        expectRefused({"close", kMonth}, 2, QStringLiteral("--out"));
    }

    void closesAFinalMonth()
    {
        const QString dir = folder(QStringLiteral("first"));
        const CliResult r = m_cli->run(kNow, {"--json", "close", kMonth, "--out", dir});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject out = r.json();
        QCOMPARE(out.value("month").toString(), kMonth);
        QCOMPARE(out.value("files").toArray().size(), 3);
        for (const char *suffix : {"pdf", "xlsx", "json"})
            QVERIFY2(QFileInfo(file(dir, QLatin1String(suffix))).size() > 0, suffix);
        // The content hash is the JSON file's SHA-256.
        const QByteArray json = fileBytes(file(dir, "json"));
        const QString hash =
            QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex());
        QCOMPARE(out.value("content_sha256").toString(), hash);

        // The statements add up to the bill to the cent, and the bill is the one billingctl shows.
        const QJsonObject pack = QJsonDocument::fromJson(json).object();
        const CliResult bill = m_cli->run(kNow, {"--json", "bill", kMonth});
        QCOMPARE(bill.exitCode, 0);
        const Money charged = money(bill.json().value("totals").toObject().value("charged"));
        QCOMPARE(money(pack.value("bill").toObject().value("totals").toObject().value("charged")), charged);
        QCOMPARE(money(out.value("charged")), charged);
        const QJsonArray statements = pack.value("chargebacks").toArray();
        QVERIFY(statements.size() >= 2);
        Money sum;
        bool someShared = false;
        for (const QJsonValue &v : statements) {
            const QJsonObject s = v.toObject();
            QCOMPARE(money(s.value("direct")) + money(s.value("shared")), money(s.value("total")));
            Money items;
            for (const QJsonValue &i : s.value("items").toArray())
                items += money(i.toObject().value("amount"));
            QCOMPARE(items, money(s.value("total")));
            sum += money(s.value("total"));
            someShared = someShared || !money(s.value("shared")).isZero();
        }
        QCOMPARE(sum, charged);
        QVERIFY(someShared); // the demo buys packages: a shared cost was split
        QCOMPARE(pack.value("reconciliation").toObject().value("reconciled").toBool(), false);
        QVERIFY(!pack.value("rounded_off_ledger").toArray().isEmpty());

        // The close is an audit entry with the hash; verify is clean after it.
        const CliResult audit = m_cli->run(kNow, {"--json", "audit"});
        QVERIFY2(audit.out.contains(hash), qPrintable(audit.out.left(2000)));
        QVERIFY(audit.out.contains(QLatin1String("\"close\"")));
        const CliResult verify = m_cli->run(kNow, {"verify"});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
    }

    void closingTwiceGivesTheSameContent()
    {
        const QString first = folder(QStringLiteral("first")), second = folder(QStringLiteral("second"));
        const CliResult r = m_cli->run(kNow, {"--json", "close", kMonth, "--out", second});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(fileBytes(file(second, "json")), fileBytes(file(first, "json")));
        const QString hash = r.json().value("content_sha256").toString();
        QCOMPARE(
            QString::fromLatin1(
                QCryptographicHash::hash(fileBytes(file(first, "json")), QCryptographicHash::Sha256).toHex()),
            hash);
        // The workbook: every section's sheet the same; the first ("Close") holds the stamp, whose audit
        // head moved on by the first close's entry.
        const QStringList sheets = QString::fromUtf8(tool("unzip", {"-Z1", file(first, "xlsx")}))
                                       .split('\n', Qt::SkipEmptyParts)
                                       .filter(QStringLiteral("xl/worksheets/sheet"));
        QVERIFY2(sheets.size() >= 7, qPrintable(sheets.join(' ')));
        for (const QString &sheet : sheets) {
            if (sheet.endsWith(QLatin1String("sheet1.xml")))
                continue;
            QCOMPARE(tool("unzip", {"-p", file(second, "xlsx"), sheet}),
                     tool("unzip", {"-p", file(first, "xlsx"), sheet}));
        }
        // The PDF's text but for the stamp.
        auto text = [&](const QString &dir) {
            QStringList lines =
                QString::fromUtf8(tool("pdftotext", {"-layout", file(dir, "pdf"), "-"})).split('\n');
            lines.removeIf([](const QString &l) { return l.contains(QLatin1String("Audit chain head")); });
            return lines;
        };
        QCOMPARE(text(second), text(first));
    }

    // A guard that fired in the month and an accepted reconciliation are in the pack; before the
    // acceptance the pack says "not reconciled", after it the content (and its hash) changes.
    void guardsAndReconciliationAreInThePack()
    {
        CliRunner cli;
        int failures = 0;
        auto ok = [&](const QString &now, const QStringList &args, const QByteArray &in = {}) {
            const CliResult r = cli.run(now, args, in);
            if (r.exitCode != 0) {
                ++failures;
                qWarning("%s: %s", qPrintable(args.join(' ')), qPrintable(r.err));
            }
            return r;
        };
        const QString t0 = QStringLiteral("2026-10-01T08:00:00+08:00"),
                      t1 = QStringLiteral("2026-10-01T12:00:00+08:00");
        ok(t0, {"init"});
        ok(t0, {"enable", "general-text", "cn-north-4"});
        ok(t0, {"topup", "500"});
        ok(t0, {"guard", "set", "Text", "--api", "general-text", "--month-cost", "10"});
        ok(t1, {"import-calls", "-"},
           "timestamp,api,region,status,count\n2026-10-01T09:10:00+08:00,general-text,cn-north-4,200,4000\n"
           "2026-10-01T10:10:00+08:00,general-text,cn-north-4,200,4000\n");
        const QString later = QStringLiteral("2026-11-05T09:00:00+08:00");
        const QString dir = cli.dir() + "/pack";
        QVERIFY(QDir().mkpath(dir));
        QCOMPARE(failures, 0);
        const CliResult first = ok(later, {"--json", "close", "2026-10", "--out", dir});
        QCOMPARE(failures, 0);
        QJsonObject pack = QJsonDocument::fromJson(fileBytes(dir + "/close-2026-10.json")).object();
        const QJsonArray guards = pack.value("guards_fired").toArray();
        QCOMPARE(guards.size(), 1);
        QCOMPARE(guards.at(0).toObject().value("guard").toString(), QStringLiteral("Text"));
        QCOMPARE(guards.at(0).toObject().value("at").toString(), QStringLiteral("2026-10-01T11:00:00+08:00"));
        QCOMPARE(guards.at(0).toObject().value("services").toArray().at(0).toString(),
                 QStringLiteral("general-text/cn-north-4"));
        QCOMPARE(pack.value("reconciliation").toObject().value("reconciled").toBool(), false);

        ok(later, {"reconcile", "accept", "2026-10", "--note", "checked by hand"});
        const CliResult second = ok(later, {"--json", "close", "2026-10", "--out", dir});
        QCOMPARE(failures, 0);
        pack = QJsonDocument::fromJson(fileBytes(dir + "/close-2026-10.json")).object();
        const QJsonObject reconciliation = pack.value("reconciliation").toObject();
        QCOMPARE(reconciliation.value("reconciled").toBool(), true);
        QCOMPARE(reconciliation.value("note").toString(), QStringLiteral("checked by hand"));
        QVERIFY(first.json().value("content_sha256") != second.json().value("content_sha256"));
        const QString text =
            QString::fromUtf8(tool("pdftotext", {"-layout", dir + "/close-2026-10.pdf", "-"}));
        QVERIFY2(text.contains(QLatin1String("Reconciled")) &&
                     text.contains(QLatin1String("checked by hand")) &&
                     text.contains(QLatin1String("general-text/cn-north-4")),
                 qPrintable(text));
        QCOMPARE(cli.run(later, {"verify"}).exitCode, 0);
    }

    // Changes one row of the closed month behind the engine's back, expects verify to name it, and puts
    // the row back: verify is clean again.
    void expectVerifyFinds(const QString &change, const QString &undo, const QString &finding)
    {
        QVERIFY(m_cli->database().exec(change.arg(kMonth)));
        const CliResult verify = m_cli->run(kNow, {"verify"});
        QCOMPARE(verify.exitCode, 3);
        QVERIFY2((verify.out + verify.err).contains(finding.arg(kMonth)),
                 qPrintable(verify.out + verify.err));
        QVERIFY(m_cli->database().exec(undo.arg(kMonth)));
        const CliResult again = m_cli->run(kNow, {"verify"});
        QVERIFY2(again.exitCode == 0, qPrintable(again.out + again.err));
    }

    void verifyFindsAChangedClosedMonth_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("undo");
        QTest::addColumn<QString>("finding");
        const QString record = QStringLiteral(
            "(SELECT min(id) FROM record WHERE bill_month = '%1' AND type = 'usage' AND calls > 0)");
        QTest::newRow("record") << QStringLiteral("UPDATE record SET calls = calls + 1 WHERE id = ") + record
                                << QStringLiteral("UPDATE record SET calls = calls - 1 WHERE id = ") + record
                                << QStringLiteral("records of %1 changed after the month was closed");
        const QString entry = QStringLiteral("(SELECT min(id) FROM ledger WHERE record_id IN (SELECT id FROM "
                                             "record WHERE bill_month = '%1'))");
        QTest::newRow("ledger")
            << QStringLiteral("UPDATE ledger SET cash_delta = cash_delta + 1 WHERE id = ") + entry
            << QStringLiteral("UPDATE ledger SET cash_delta = cash_delta - 1 WHERE id = ") + entry
            << QStringLiteral("ledger entries of %1 changed after the month was closed");
        const QString tiered = QStringLiteral("(SELECT min(t.record_id) FROM record_tier t JOIN record r ON "
                                              "r.id = t.record_id WHERE r.bill_month = '%1')");
        QTest::newRow("tier")
            << QStringLiteral("UPDATE record_tier SET calls = calls + 1 WHERE record_id = ") + tiered
            << QStringLiteral("UPDATE record_tier SET calls = calls - 1 WHERE record_id = ") + tiered
            << QStringLiteral("tier rows of %1 changed after the month was closed");
    }

    void verifyFindsAChangedClosedMonth()
    {
        QFETCH(QString, change);
        QFETCH(QString, undo);
        QFETCH(QString, finding);
        QCOMPARE(m_cli->run(kNow, {"verify"}).exitCode, 0);
        expectVerifyFinds(change, undo, finding);
    }

    // Owner or finance closes; an analyst is refused (exit 1) and nothing is written. SQLite: on
    // PostgreSQL the database user acts and the server's grants decide.
    void anAnalystCannotClose()
    {
        if (m_cli->onPostgres())
            QSKIP("roles by --as are SQLite's");
        for (const QStringList &member :
             {QStringList{"olivia", "owner"}, QStringList{"fred", "finance"}, QStringList{"ana", "analyst"}})
            QCOMPARE(m_cli->run(kNow, QStringList{"--as", "olivia", "member", "set"} + member).exitCode, 0);
        const QString dir = folder(QStringLiteral("analyst"));
        const CliResult refused = m_cli->run(kNow, {"--as", "ana", "close", kMonth, "--out", dir});
        QVERIFY2(refused.exitCode == 1, qPrintable(refused.err));
        QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
        const CliResult finance = m_cli->run(kNow, {"--as", "fred", "close", kMonth, "--out", dir});
        QVERIFY2(finance.exitCode == 0, qPrintable(finance.err));
    }
};

QTEST_GUILESS_MAIN(TestCliClose)
#include "tst_cli_close.moc"
