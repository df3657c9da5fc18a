// Bad input, tried as a hostile user would: files, amounts, arguments, the stored catalog and databases.
// Each case must say what and where on one stderr line, exit with the documented code, and change nothing.
#include "clirunner.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <sys/stat.h>

namespace {
const QString T0 = QStringLiteral("2026-10-01T08:00:00+08:00");
const QString T1 = QStringLiteral("2026-10-01T11:30:00+08:00");
const QByteArray H = "timestamp,api,region,status\n";
const QByteArray OK = "2026-10-01T09:10:00+08:00,general-text,cn-north-4,200\n";

void sql(const QString &db, const QString &statement)
{
    {
        auto c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        c.setDatabaseName(db);
        QVERIFY(c.open());
        QSqlQuery q(c);
        QVERIFY2(q.exec(statement), qPrintable(statement));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
}
// A new account that bills general-text in cn-north-4.
void initWithGeneralText(const CliRunner &cli)
{
    QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
    QCOMPARE(
        cli.run(T0, {QStringLiteral("enable"), QStringLiteral("general-text"), QStringLiteral("cn-north-4")})
            .exitCode,
        0);
}
} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT
private slots:
    void callFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        auto row = [](const char *name, const QByteArray &c, int code, const char *mentions,
                      QStringList extra = {}) {
            QTest::newRow(name) << c << extra << code << QString::fromUtf8(mentions);
        };
        row("empty file", "", 3, "no call records");
        row("header only", H, 3, "no call records");
        row("unterminated quote", H + "\"2026-10-01T09:10:00+08:00,general-text,cn-north-4,200\n", 3,
            "line 2");
        row("quote inside field", H + "2026-10-01T09:10:00+08:00,gen\"eral-text,cn-north-4,200\n", 3,
            "line 2");
        row("too few fields", H + OK + "2026-10-01T09:11:00+08:00,general-text,200\n", 3, "line 3");
        row("too many fields", H + "2026-10-01T09:11:00+08:00,general-text,cn-north-4,200,9\n", 3, "line 2");
        row("missing column",
            "timestamp,api,status\n" + QByteArray("2026-10-01T09:10:00+08:00,general-text,200\n"), 3,
            "region");
        row("duplicate column", "timestamp,api,region,status,api\n" + QByteArray("x,y,z,200,y\n"), 3, "api");
        row("unknown column",
            "timestamp,api,region,status,price\n" +
                QByteArray("2026-10-01T09:10:00+08:00,general-text,cn-north-4,200,1\n"),
            3, "price");
        row("no header", OK + OK, 3, "line 1");
        row("status text", H + "2026-10-01T09:10:00+08:00,general-text,cn-north-4,ok\n", 3, "status");
        row("status below range", H + "2026-10-01T09:10:00+08:00,general-text,cn-north-4,99\n", 3, "status");
        row("status above range", H + "2026-10-01T09:10:00+08:00,general-text,cn-north-4,600\n", 3, "status");
        row("negative count",
            "timestamp,api,region,status,count\n" +
                QByteArray("2026-10-01T09:10:00+08:00,general-text,cn-north-4,200,-3\n"),
            3, "count");
        row("zero count",
            "timestamp,api,region,status,count\n" +
                QByteArray("2026-10-01T09:10:00+08:00,general-text,cn-north-4,200,0\n"),
            3, "count");
        row("decimal count",
            "timestamp,api,region,status,count\n" +
                QByteArray("2026-10-01T09:10:00+08:00,general-text,cn-north-4,200,1.5\n"),
            3, "count");
        row("huge count",
            "timestamp,api,region,status,count\n" +
                QByteArray("2026-10-01T09:10:00+08:00,general-text,cn-north-4,200,99999999999999999999\n"),
            3, "count");
        row("unknown api", H + "2026-10-01T09:10:00+08:00,cat-photo,cn-north-4,200\n", 3, "cat-photo");
        row("unknown region", H + "2026-10-01T09:10:00+08:00,general-text,eu-west-9,200\n", 3, "eu-west-9");
        row("timestamp without offset", H + "2026-10-01T09:10:00,general-text,cn-north-4,200\n", 3,
            "timestamp");
        row("timestamp out of range", H + "2026-13-01T09:10:00+08:00,general-text,cn-north-4,200\n", 3,
            "timestamp");
        row("timestamp 30 February", H + "2026-02-30T09:10:00+08:00,general-text,cn-north-4,200\n", 3,
            "timestamp");
        row("huge field",
            H + "2026-10-01T09:10:00+08:00,general-text,cn-north-4,200" + QByteArray(2 << 20, 'x') + "\n", 3,
            "line 2");
        row("project too long",
            "timestamp,api,region,status,enterprise_project\n" +
                QByteArray("2026-10-01T09:10:00+08:00,general-text,cn-north-4,200,") + QByteArray(200, 'p') +
                "\n",
            3, "enterprise_project");
        row("binary garbage", QByteArray("\x00\x01\xff\xfe garbage\x00\n", 14) + QByteArray(300, '\x9c'), 3,
            "line");
        row("invalid utf-8",
            H + "2026-10-01T09:10:00+08:00,general-text,cn-north-4,200\n2026-10-01T09:11:00+08:00,general-"
                "text,cn-north-4,200\xff\xfe\n",
            3, "line 3");
        row("json not an object",
            "{\"timestamp\":\"2026-10-01T09:10:00+08:00\",\"api\":\"general-text\",\"region\":\"cn-north-4\","
            "\"status\":200}\n[1,2]\n",
            3, "line 2");
        row("json wrong type",
            "{\"timestamp\":\"2026-10-01T09:10:00+08:00\",\"api\":\"general-text\",\"region\":\"cn-north-4\","
            "\"status\":true}\n",
            3, "status");
        row("json missing field",
            "{\"timestamp\":\"2026-10-01T09:10:00+08:00\",\"api\":\"general-text\",\"status\":200}\n", 3,
            "region");
        row("json duplicate key",
            "{\"timestamp\":\"2026-10-01T09:10:00+08:00\",\"api\":\"general-text\",\"region\":\"cn-north-4\","
            "\"status\":200,\"status\":500}\n",
            3, "line 1, field \"status\": the field appears twice");
        row("json array file",
            "[{\"timestamp\":\"2026-10-01T09:10:00+08:00\",\"api\":\"general-text\",\"region\":\"cn-north-"
            "4\","
            "\"status\":200}]\n",
            3, "JSON Lines is one JSON object per line");
        row("CR-only line endings", QByteArray(H + OK + OK).replace('\n', '\r'), 3,
            "line endings are CR only");
        row("control characters echoed",
            H + "2026-10-01T09:10:00+08:00,general-text,cn\x1b]0;x\x07" + QByteArray(1, '\0') + ",200\n", 3,
            "cn\\x1b]0;x\\x07\\x00");
        row("future record", H + OK + "2026-10-01T12:10:00+08:00,general-text,cn-north-4,200\n", 1, "line 3");
        row("late record", H + "2026-10-01T08:10:00+08:00,general-text,cn-north-4,200\n" + OK, 1, "late");
        // Issue #19: 110,000 lines of 1,000,000,000 calls in one hour made a fee of -85,467,438,937.09.
        QByteArray huge = "timestamp,api,region,status,count\n";
        for (int i = 0; i < 110'000; ++i)
            huge += "2026-10-01T09:10:00+08:00,general-text,cn-north-4,200,1000000000\n";
        row("fee out of range", huge, 1,
            "their fee, 99000001800.00, is outside the range of ±10,000,000,000.00");
        // Two lines each in range (6,000,301,800.00 and 6,000,300,000.00) whose charges pass the balance's.
        QByteArray two = "timestamp,api,region,status,enterprise_project,count\n";
        for (const char *project : {"a", "b"})
            for (int i = 0; i < 6'667; ++i)
                two += "2026-10-01T09:10:00+08:00,general-text,cn-north-4,200," + QByteArray(project) +
                       ",1000000000\n";
        row("balance out of range", two, 1,
            "(project b) in the hour from 2026-10-01T09:00:00+08:00: their charge would take the balance to "
            "-12000601800.00, outside the range of ±10,000,000,000.00");
    }
    void callFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, extra);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        CliRunner cli;
        initWithGeneralText(cli);
        // An hour is settled first, so that "late" can be late.
        QCOMPARE(cli.run(QStringLiteral("2026-10-01T09:00:00+08:00"), {QStringLiteral("settle")}).exitCode,
                 0);
        const QString file = cli.dir() + QStringLiteral("/calls.csv");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        const QByteArray before = cli.dbBytes();
        const CliResult r = cli.run(T1, QStringList{QStringLiteral("import-calls"), file} + extra);
        QVERIFY2(r.exitCode == code, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
        QCOMPARE(cli.dbBytes(), before);
    }

    void duplicateContentIsRefused()
    {
        CliRunner cli;
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        const QString file = cli.dir() + QStringLiteral("/calls.csv");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(H + OK);
        f.close();
        QCOMPARE(cli.run(QStringLiteral("2026-10-01T09:30:00+08:00"), {QStringLiteral("import-calls"), file})
                     .exitCode,
                 0);
        const QByteArray before = cli.dbBytes();
        const CliResult r =
            cli.run(QStringLiteral("2026-10-01T09:30:00+08:00"), {QStringLiteral("import-calls"), file});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QLatin1String("imported before")));
        QCOMPARE(cli.dbBytes(), before);
    }

    // Call logs as people have them: compressed, or coming through a pipe.
    void compressedAndStreamedFiles()
    {
        const QByteArray plain = H + OK + "2026-10-01T09:20:00+08:00,general-text,cn-north-4,200\n" +
                                 "2026-10-01T10:40:00+08:00,general-text,cn-north-4,429\n";
        QTemporaryDir work;
        const QString plainPath = work.filePath(QStringLiteral("calls.csv"));
        QFile f(plainPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(plain);
        f.close();
        QStringList files{plainPath};
        for (const char *tool : {"gzip", "zstd"}) {
            const QString packed = plainPath + (qstrcmp(tool, "gzip") == 0 ? ".gz" : ".zst");
            QProcess p;
            p.setStandardOutputFile(packed);
            p.start(QString::fromLatin1(tool), {QStringLiteral("-c"), plainPath});
            if (!p.waitForFinished() || p.exitCode() != 0)
                QSKIP(qPrintable(
                    QStringLiteral("%1 is not installed (scripts/setup.sh installs it)").arg(tool)));
            files << packed;
        }
        files << QStringLiteral("fifo");
        QJsonObject expected;
        for (const QString &file : files) {
            CliRunner cli;
            initWithGeneralText(cli);
            QString path = file;
            std::thread writer;
            if (file == QLatin1String("fifo")) {
                path = work.filePath(QStringLiteral("calls.fifo"));
                QCOMPARE(mkfifo(QFile::encodeName(path).constData(), 0600), 0);
                // Opened without blocking, so that a billingctl that never reads the FIFO ends the test.
                writer = std::thread([path, plain] {
                    const QByteArray name = QFile::encodeName(path);
                    int fd = -1;
                    for (int i = 0; i < 2000 && fd < 0; ++i) {
                        fd = ::open(name.constData(), O_WRONLY | O_NONBLOCK);
                        if (fd < 0)
                            std::this_thread::sleep_for(std::chrono::milliseconds(10));
                    }
                    if (fd < 0)
                        return;
                    ::fcntl(fd, F_SETFL, 0);
                    for (qsizetype done = 0; done < plain.size();) {
                        const ssize_t n = ::write(fd, plain.constData() + done, size_t(plain.size() - done));
                        if (n <= 0)
                            break;
                        done += n;
                    }
                    ::close(fd);
                });
            }
            const CliResult r = cli.run(T1, {QStringLiteral("import-calls"), path});
            if (writer.joinable())
                writer.join();
            QVERIFY2(r.exitCode == 0, qPrintable(file + QStringLiteral(": ") + r.err));
            QVERIFY2(r.out.contains(QLatin1String("Imported 3 record(s)")), qPrintable(r.out));
            const QJsonObject bill =
                cli.run(T1, {QStringLiteral("bill"), QStringLiteral("2026-10"), QStringLiteral("--json")})
                    .json();
            if (expected.isEmpty())
                expected = bill;
            QCOMPARE(bill, expected);
            // The same content, compressed or not, is the same file.
            if (file != plainPath && file != QLatin1String("fifo")) {
                const QByteArray before = cli.dbBytes();
                const CliResult again = cli.run(T1, {QStringLiteral("import-calls"), plainPath});
                QCOMPARE(again.exitCode, 1);
                QVERIFY2(again.err.contains(QLatin1String("imported before")), qPrintable(again.err));
                QCOMPARE(cli.dbBytes(), before);
            }
        }
    }

    void damagedOrEmptyStreams_data()
    {
        QTest::addColumn<QByteArray>("content"); // written to calls.csv.gz; empty: the path is /dev/null
        QTest::addColumn<QString>("mentions");
        QByteArray gz = QByteArray::fromHex("1f8b08000000000000034b4c4a06000000"); // a cut-off member
        QTest::newRow("cut-off gzip") << gz << QStringLiteral("calls.csv.gz: the gzip data ends");
        QTest::newRow("damaged gzip") << QByteArray::fromHex("1f8b0800000000000003ffffffff")
                                      << QStringLiteral("calls.csv.gz: the gzip data is damaged");
        QTest::newRow("/dev/null") << QByteArray() << QStringLiteral("no call records");
    }
    void damagedOrEmptyStreams()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, mentions);
        CliRunner cli;
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        QString path = QStringLiteral("/dev/null");
        if (!content.isEmpty()) {
            path = cli.dir() + QStringLiteral("/calls.csv.gz");
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        const QByteArray before = cli.dbBytes();
        const CliResult r = cli.run(T1, {QStringLiteral("import-calls"), path});
        QVERIFY2(r.exitCode == 3, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
        QCOMPARE(cli.dbBytes(), before);
    }

    void arguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        auto row = [](const char *name, QStringList a, int code, const QString &mentions) {
            QTest::newRow(name) << a << code << mentions;
        };
        row("amount too many decimals", {"topup", "1.234"}, 2, "1.234");
        row("amount exponent", {"topup", "1e3"}, 2, "1e3");
        row("amount negative", {"topup", "-5"}, 2, "-5");
        row("amount locale comma", {"topup", "1,5"}, 2, "1,5");
        row("amount with currency", {"topup", "$5"}, 2, "$5");
        row("amount with a final newline", {"topup", "10\n"}, 2, "10\\x0a");
        row("amount with a final CR", {"topup", "10\r"}, 2, "10\\x0d");
        row("amount very long", {"topup", QString(5000, u'9') + u'x'}, 2, QString(80, u'9') + QChar(0x2026));
        row("amount zero", {"topup", "0"}, 1, "0.01");
        row("amount above limit", {"topup", "10000000.01"}, 1, "10,000,000.00");
        row("amount overflow", {"topup", "99999999999999999999999"}, 1, "limit");
        // Issue #19: the calculator printed a negative cost.
        row("price out of range", {"price", "general-text", "110000000000000"}, 1,
            "110000000000000 calls a month would cost 99000001800.00 pay-per-use, outside the range of "
            "±10,000,000,000.00");
        row("coupon amount", {"grant-coupon", "0.001", "--expires", "2027-01-01T00:00:00+08:00"}, 2, "0.001");
        row("coupon expiry garbage", {"grant-coupon", "5", "--expires", "soon"}, 2, "soon");
        row("unknown command", {"refund-everything"}, 2, "refund-everything");
        row("missing argument", {"buy", "general-text"}, 2, "missing");
        row("unknown option", {"status", "--verbose"}, 2, "--verbose");
        row("option without value", {"buy", "general-text", "cn-north-4", "100k", "--quantity"}, 2,
            "--quantity");
        row("quantity zero", {"buy", "general-text", "cn-north-4", "100k", "--quantity", "0"}, 2, "quantity");
        row("days not a number", {"auto-renew", "1", "on", "--days", "x"}, 2, "days");
        row("auto-renew maybe", {"auto-renew", "1", "maybe"}, 2, "maybe");
        row("package id text", {"renew", "one"}, 2, "one");
        // Issue #16: a renewal size goes with `auto-renew ... on`, and needs a value.
        row("auto-renew off with a size", {"auto-renew", "1", "off", "--sku", "1m"}, 2, "--sku");
        row("renew size without value", {"renew", "1", "--sku"}, 2, "--sku");
        row("bad month", {"bill", "2026-13"}, 2, "2026-13");
        row("bad type", {"transactions", "--type", "gift"}, 2, "type");
        row("bad granularity",
            {"cost", "--from", "2026-10-01T00:00:00+08:00", "--to", "2026-10-02T00:00:00+08:00",
             "--granularity", "week"},
            2, "week");
        row("bad now", {"--now", "tomorrow", "status"}, 2, "tomorrow");
        row("unknown api", {"enable", "cat-photo", "cn-north-4"}, 2, "cat-photo");
        row("unknown region", {"enable", "general-text", "mars-1"}, 2, "mars-1");
        row("missing import file", {"import-calls", "/no/such/calls.csv"}, 2, "/no/such/calls.csv");
        row("import a folder", {"import-calls", "/tmp"}, 2, "/tmp");
        row("export to a folder", {"export-bill", "2026-10", "--format", "csv", "--out", "/tmp"}, 3, "/tmp");
        row("export over a device file", {"export-bill", "2026-10", "--format", "csv", "--out", "/dev/full"},
            3, "/dev/full");
        row("export bad format", {"export-bill", "2026-10", "--format", "docx", "--out", "/tmp/x.docx"}, 2,
            "docx");
    }
    void arguments()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        CliRunner cli;
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        const QByteArray before = cli.dbBytes();
        const bool hasNow = args.contains(QStringLiteral("--now"));
        const CliResult r = cli.run(hasNow ? QString() : T1, args);
        QVERIFY2(r.exitCode == code, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
        QCOMPARE(cli.dbBytes(), before);
    }

    void databases_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("corrupt file") << "corrupt" << 3 << "database";
        QTest::newRow("newer schema") << "newer" << 3 << "newer";
        QTest::newRow("read-only file") << "readonly" << 3 << "read-only";
        QTest::newRow("tampered catalog") << "catalog" << 3 << "price catalog";
        QTest::newRow("another program's database") << "foreign" << 3 << "another program";
        QTest::newRow("a folder") << "folder" << 3 << "directory";
        QTest::newRow("negative schema") << "negative" << 3 << "not a billing database of this program";
        // Issue #19: a package price (calls/1000 × tier price × discount) was narrowed to 64 bits unchecked.
        QTest::newRow("catalog package out of range")
            << "package" << 3 << "a package of 1000000000000000 calls of category";
    }
    void databases()
    {
        QFETCH(QString, damage);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        CliRunner cli;
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        QCOMPARE(cli.run(T0, {QStringLiteral("topup"), QStringLiteral("5")}).exitCode, 0);
        const QString db = cli.db();
        if (cli.onPostgres()) {
            if (damage == QLatin1String("newer"))
                QVERIFY(cli.database().exec(QStringLiteral("UPDATE schema_version SET version = 99")));
            else if (damage == QLatin1String("negative"))
                QVERIFY(cli.database().exec(QStringLiteral("UPDATE schema_version SET version = -1")));
            else if (damage == QLatin1String("catalog"))
                QVERIFY(cli.database().exec(
                    QStringLiteral("UPDATE catalog SET source = replace(source, '\"2.40\"', '\"-2.40\"')")));
            else if (damage == QLatin1String("package"))
                QVERIFY(cli.database().exec(
                    QStringLiteral("UPDATE catalog SET source = replace(source, '\"calls\": 100000,', "
                                   "'\"calls\": 1000000000000000,')")));
            else
                QSKIP("damage to an SQLite file; the PostgreSQL cases are newer, negative and catalog");
        } else if (damage == QLatin1String("corrupt")) {
            sql(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            QFile f(db);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(0);
            f.write(QByteArray(100, '\x42'));
            f.close();
        } else if (damage == QLatin1String("newer")) {
            sql(db, QStringLiteral("PRAGMA user_version = 99"));
        } else if (damage == QLatin1String("negative")) {
            sql(db, QStringLiteral("PRAGMA user_version = -1"));
        } else if (damage == QLatin1String("readonly")) {
            sql(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            sql(db, QStringLiteral("PRAGMA journal_mode = DELETE"));
            QFile::setPermissions(db, QFileDevice::ReadOwner);
            if (QFileInfo(db).isWritable()) // root ignores permission bits
                QSKIP("running as root: a read-only file stays writable");
        } else if (damage == QLatin1String("catalog")) {
            sql(db, QStringLiteral("UPDATE catalog SET source = replace(source, '\"2.40\"', '\"-2.40\"')"));
        } else if (damage == QLatin1String("package")) {
            sql(db, QStringLiteral("UPDATE catalog SET source = replace(source, '\"calls\": 100000,', "
                                   "'\"calls\": 1000000000000000,')"));
        } else if (damage == QLatin1String("foreign")) {
            QFile::remove(db);
            QFile::remove(db + QStringLiteral("-wal"));
            QFile::remove(db + QStringLiteral("-shm"));
            sql(db, QStringLiteral("CREATE TABLE photos (id INTEGER)"));
        } else if (damage == QLatin1String("folder")) {
            QFile::remove(db);
            QFile::remove(db + QStringLiteral("-wal"));
            QFile::remove(db + QStringLiteral("-shm"));
            QDir().mkpath(db);
        }
        const QByteArray before = cli.dbBytes();
        const CliResult r = cli.run(T1, {QStringLiteral("topup"), QStringLiteral("5")});
        QVERIFY2(r.exitCode == code, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
        QCOMPARE(cli.dbBytes(), before);
    }

    // Another program holds the write lock past billingctl's wait: say so, not "database is locked".
    void lockedByAnotherWriter()
    {
        CliRunner cli;
        if (cli.onPostgres())
            QSKIP("SQLite's write lock; PostgreSQL's writers queue on an advisory lock");
        QCOMPARE(cli.run(T0, {QStringLiteral("init")}).exitCode, 0);
        const QByteArray before = cli.dbBytes();
        CliResult r;
        {
            auto c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
            c.setDatabaseName(cli.db());
            QVERIFY(c.open());
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral("BEGIN IMMEDIATE")));
            r = cli.run(T1, {QStringLiteral("topup"), QStringLiteral("10")});
            QVERIFY(q.exec(QStringLiteral("ROLLBACK")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        QVERIFY2(r.exitCode != 0, qPrintable(r.err));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(QLatin1String("another program is changing this account")),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("10 seconds")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QLatin1String("Unable to fetch row")), qPrintable(r.err));
        QCOMPARE(cli.dbBytes(), before);
    }

    // Issue #19 defect 5: a refused open writes nothing: an empty file stays empty, and no journal
    // appears beside a pipe or a link to a device.
    void refusedDatabaseFilesStayAsTheyWere_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("empty file, topup") << "empty"
                                           << "topup" << 1 << "init";
        QTest::newRow("empty file, status") << "empty"
                                            << "status" << 1 << "init";
        QTest::newRow("empty file, verify") << "empty"
                                            << "verify" << 1 << "init";
        QTest::newRow("fifo, topup") << "fifo"
                                     << "topup" << 3 << "not a regular file";
        QTest::newRow("fifo, init") << "fifo"
                                    << "init" << 3 << "not a regular file";
        QTest::newRow("link to /dev/null, topup") << "null"
                                                  << "topup" << 3 << "not a regular file";
        QTest::newRow("link to /dev/null, init") << "null"
                                                 << "init" << 3 << "not a regular file";
    }
    void refusedDatabaseFilesStayAsTheyWere()
    {
        QFETCH(QString, kind);
        QFETCH(QString, command);
        QFETCH(int, code);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("account.sqlite"));
        if (kind == QLatin1String("empty")) {
            QFile f(db);
            QVERIFY(f.open(QIODevice::WriteOnly));
        } else if (kind == QLatin1String("fifo")) {
            QVERIFY(::mkfifo(QFile::encodeName(db).constData(), 0600) == 0);
        } else {
            QVERIFY(QFile::link(QStringLiteral("/dev/null"), db));
        }
        const auto listing = [&] {
            return QDir(dir.path())
                .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
        };
        const QStringList before = listing();
        QStringList args{QStringLiteral("--db"), db, QStringLiteral("--now"), T0, command};
        if (command == QLatin1String("topup"))
            args << QStringLiteral("5");
        const CliResult r = CliRunner::raw(args);
        QVERIFY2(r.exitCode == code, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QCOMPARE(r.err.count(u'\n'), 1);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
        QCOMPARE(listing(), before);
        if (kind == QLatin1String("empty"))
            QCOMPARE(QFileInfo(db).size(), 0);
    }

    void missingFolderForANewDatabase()
    {
        const CliResult r =
            CliRunner::raw({QStringLiteral("--db"), QStringLiteral("/no/such/folder/a.sqlite"),
                            QStringLiteral("--now"), T0, QStringLiteral("init")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains(QLatin1String("/no/such/folder")));
        QVERIFY(!QFile::exists(QStringLiteral("/no/such/folder/a.sqlite")));
    }
};

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
