// billingctl profile save|list|show|remove and import-calls --profile (issue #19): exit codes per
// cli-contract.md, and nothing changed on refusal; on SQLite and (tst_cli_profiles_pg) PostgreSQL.
#include "clirunner.h"

#include <QJsonArray>

namespace {
const QString T0 = QStringLiteral("2026-10-01T08:00:00+08:00");
const QString T1 = QStringLiteral("2026-10-01T11:00:00+08:00");
const QString T2 = QStringLiteral("2026-10-02T12:00:00+08:00");

const QByteArray kProfile =
    R"({"kind":"call-log","columns":{"time_ms":"timestamp","service":"api","dc":"region","code":"status"},
        "time_format":"epoch-milliseconds","values":{"api":{"General Text OCR":"general-text"},
        "region":{"Beijing":"cn-north-4"}}})";
// 2026-10-01T09:00:00+08:00 and a second later, through the profile and in the strict format.
const QByteArray kGatewayLog = "time_ms,service,dc,code,bytes\n"
                               "1790816400000,General Text OCR,Beijing,200,10\n"
                               "1790816401000,General Text OCR,Beijing,200,20\n";
const QByteArray kStrictLog = "timestamp,api,region,status\n"
                              "2026-10-01T09:00:00+08:00,general-text,cn-north-4,200\n"
                              "2026-10-01T09:00:01+08:00,general-text,cn-north-4,200\n";
} // namespace

class TestCliProfiles : public QObject
{
    Q_OBJECT

    static QString write(const CliRunner &cli, const char *name, const QByteArray &content)
    {
        const QString path = cli.dir() + u'/' + QLatin1String(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(content);
        return path;
    }

    static void start(CliRunner &cli)
    {
        QCOMPARE(cli.run(T0, {"init"}).exitCode, 0);
        QCOMPARE(cli.run(T0, {"enable", "general-text", "cn-north-4"}).exitCode, 0);
    }

private slots:
    void saveListShowRemove()
    {
        CliRunner cli;
        start(cli);
        const QString file = write(cli, "gw.json", kProfile);
        auto r = cli.run(T0, {"profile", "save", "gw", file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("Column profile gw saved."));
        r = cli.run(T0, {"--json", "profile", "list"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray list = r.json().value("profiles").toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject().value("name").toString(), QStringLiteral("gw"));
        QCOMPARE(list[0].toObject().value("definition").toObject().value("time_format").toString(),
                 QStringLiteral("epoch-milliseconds"));
        r = cli.run(T0, {"profile", "list"});
        QVERIFY2(r.out.contains(u"gw: timestamp \u2190 time_ms (epoch-milliseconds), api \u2190 service"),
                 qPrintable(r.out));
        r = cli.run(T0, {"profile", "show", "gw"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("\"General Text OCR\": \"general-text\""));

        // Saving the name again needs --replace; refused, it changes nothing.
        const QByteArray before = cli.dbBytes();
        r = cli.run(T0, {"profile", "save", "gw", file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("exists already"));
        QCOMPARE(cli.dbBytes(), before);
        r = cli.run(T0, {"--json", "profile", "save", "gw", file, "--replace"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value("replaced").toBool(), true);

        QCOMPARE(cli.run(T0, {"profile", "remove", "gw"}).exitCode, 0);
        r = cli.run(T0, {"profile", "remove", "gw"});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(cli.run(T0, {"profile", "list"}).out.trimmed(), QStringLiteral("No column profiles."));
    }

    void importWithAProfileBillsAsTheStrictFormat()
    {
        CliRunner strict, mapped;
        start(strict);
        start(mapped);
        QCOMPARE(mapped.run(T0, {"profile", "save", "gw", write(mapped, "gw.json", kProfile)}).exitCode, 0);
        auto a = strict.run(T1, {"import-calls", write(strict, "strict.csv", kStrictLog)});
        QVERIFY2(a.exitCode == 0, qPrintable(a.err));
        auto b = mapped.run(T1, {"import-calls", write(mapped, "gw.csv", kGatewayLog), "--profile", "gw"});
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        QCOMPARE(b.out, a.out);
        const CliResult billA = strict.run(T2, {"--json", "bill", "2026-10"});
        QCOMPARE(billA.json().value("lines").toArray().size(), 1);
        QCOMPARE(mapped.run(T2, {"--json", "bill", "2026-10"}).out, billA.out);
        // The same log from standard input, gzip-compressed.
        CliRunner piped;
        start(piped);
        QCOMPARE(piped.run(T0, {"profile", "save", "gw", write(piped, "gw.json", kProfile)}).exitCode, 0);
        QProcess gzip;
        gzip.start("gzip", {"-c"});
        gzip.write(kGatewayLog);
        gzip.closeWriteChannel();
        gzip.waitForFinished();
        auto c = piped.run(T1, {"import-calls", "-", "--profile", "gw"}, gzip.readAllStandardOutput());
        QVERIFY2(c.exitCode == 0, qPrintable(c.err));
        QCOMPARE(piped.run(T2, {"--json", "bill", "2026-10"}).out, billA.out);
    }

    // A provider-bill profile's name in use: refused (exit 1), nothing changed; --replace replaces it.
    void aBillProfileNameInUseIsRefused()
    {
        CliRunner cli;
        start(cli);
        const QString first =
            write(cli, "bills.json", R"({"kind":"provider-bill","columns":{"Svc":"api","Due":"charged"}})");
        const QString second = write(
            cli, "bills2.json", R"({"kind":"provider-bill","columns":{"Product":"api","Net":"charged"}})");
        QCOMPARE(cli.run(T1, {"profile", "save", "bills", first}).exitCode, 0);
        const QByteArray before = cli.dbBytes();
        const CliResult r = cli.run(T1, {"profile", "save", "bills", second});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("a column profile named \"bills\" exists already"), qPrintable(r.err));
        QCOMPARE(cli.dbBytes(), before);
        QVERIFY(cli.run(T1, {"profile", "show", "bills"}).out.contains("\"Svc\""));
        QCOMPARE(cli.run(T1, {"profile", "save", "bills", second, "--replace"}).exitCode, 0);
        QVERIFY(cli.run(T1, {"profile", "show", "bills"}).out.contains("\"Product\""));
    }

    void refusalsChangeNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown profile")
            << QStringList{"import-calls", "@", "--profile", "nope"} << kGatewayLog << 2
            << "there is no column profile named \"nope\"; the profiles are gw";
        QTest::newRow("bad line") << QStringList{"import-calls", "@", "--profile", "gw"}
                                  << QByteArray(kGatewayLog + "1790816402000,General Text OCR,Mars,200,1\n")
                                  << 3 << "line 4, column \"dc\" (region): unknown region \"Mars\"";
        QTest::newRow("bad time") << QStringList{"import-calls", "@", "--profile", "gw"}
                                  << QByteArray(kGatewayLog + "2026-10-01,General Text OCR,Beijing,200,1\n")
                                  << 3
                                  << "line 4, column \"time_ms\" (timestamp): \"2026-10-01\" is not a time";
        QTest::newRow("strict file, profile")
            << QStringList{"import-calls", "@", "--profile", "gw"} << kStrictLog << 3
            << "line 1: the profile's column \"time_ms\" (timestamp)";
        QTest::newRow("bad profile file")
            << QStringList{"profile", "save", "other", "@"}
            << QByteArray(R"({"kind":"call-log","columns":{"t":"timestamp","a":"api","r":"region"}})") << 3
            << "the required field \"status\" is not mapped";
        QTest::newRow("unknown catalog id")
            << QStringList{"profile", "save", "other", "@"}
            << QByteArray(kProfile).replace("\"cn-north-4\"", "\"cn-north-44\"") << 3
            << "\"values\" \u203a \"region\" \u203a \"Beijing\": \"cn-north-44\" is not a region id";
        QTest::newRow("profile not JSON")
            << QStringList{"profile", "save", "other", "@"} << QByteArray("timestamp") << 3 << "not JSON";
        QTest::newRow("no profile file") << QStringList{"profile", "save", "other", "/nonexistent/x.json"}
                                         << QByteArray() << 2 << "no file";
        // Provider-bill profiles (reconcile --profile): a missing required field, a field from two columns,
        // a column named twice, a name in use: the reason, and nothing saved.
        QTest::newRow("bill profile without amount due")
            << QStringList{"profile", "save", "bills", "@"}
            << QByteArray(R"({"kind":"provider-bill","columns":{"Svc":"api","Cycle":"billing_cycle"}})") << 3
            << "the required field \"charged\" is not mapped";
        QTest::newRow("bill profile, a field from two columns")
            << QStringList{"profile", "save", "bills", "@"}
            << QByteArray(
                   R"({"kind":"provider-bill","columns":{"Svc":"api","Net":"charged","Due":"charged"}})")
            << 3 << "the field \"charged\" is mapped twice";
        QTest::newRow("bill profile, a column twice")
            << QStringList{"profile", "save", "bills", "@"}
            << QByteArray(R"({"kind":"provider-bill","columns":{"Svc":"api","Due":"charged","Due":"fee"}})")
            << 3 << "\"Due\": the key appears twice";
        QTest::newRow("show unknown")
            << QStringList{"profile", "show", "nope"} << QByteArray() << 2 << "no column profile named";
    }
    void refusalsChangeNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, file);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        CliRunner cli;
        start(cli);
        QCOMPARE(cli.run(T1, {"profile", "save", "gw", write(cli, "gw.json", kProfile)}).exitCode, 0);
        args.replaceInStrings("@", write(cli, "input", file));
        const QByteArray before = cli.dbBytes();
        const CliResult r = cli.run(T1, args);
        QVERIFY2(r.exitCode == code, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
        QCOMPARE(cli.dbBytes(), before);
    }
};

QTEST_GUILESS_MAIN(TestCliProfiles)
#include "tst_cli_profiles.moc"
