// Column profiles (issue #19, "Call logs as people have them"): the JSON definition and what it refuses,
// and logs in other layouts read through a profile exactly as strictly as the strict format.
#include "catalog/catalog.h"
#include "mapping/calllogmapping.h"
#include "mapping/columnprofile.h"
#include "mapping/preview.h"
#include "usage/callrecordreader.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>

using namespace billing;

namespace {

const Catalog &catalog()
{
    static const Catalog c = [] {
        auto r = Catalog::builtIn();
        if (!r.ok())
            qFatal("%s", qPrintable(r.error().message));
        return r.value();
    }();
    return c;
}

ColumnProfile profile(const char *json)
{
    auto p = profileFromJson(QByteArray(json), QStringLiteral("test"), catalog());
    if (!p)
        qFatal("bad test profile: %s", qPrintable(p.error().message));
    return *p;
}

// A gateway's log: its own column names, extra columns, epoch milliseconds, API and region names.
const char *const kGatewayProfile =
    R"({"kind":"call-log","columns":{"request_time_ms":"timestamp","service":"api","dc":"region",
        "http_code":"status","tenant":"enterprise_project","trace":"request_id","n":"count",
        "latency_ms":"ignore"},
        "time_format":"epoch-milliseconds",
        "values":{"api":{"General Text OCR":"general-text"},"region":{"Beijing":"cn-north-4"}}})";
const QByteArray kGatewayLog = "latency_ms,request_time_ms,service,dc,http_code,tenant,trace,n\n"
                               "12,1790812800000,General Text OCR,Beijing,200,alpha,t-1,\n"
                               "30,1790812801250,General Text,cn-north-4,200,,t-2,3\n"
                               "9,1790816400000,general-text,Beijing,500,alpha,t-3,1\n";
// The same calls in the strict format.
const QByteArray kStrictLog = "timestamp,api,region,status,enterprise_project,request_id,count\n"
                              "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200,alpha,t-1,\n"
                              "2026-10-01T08:00:01.250+08:00,general-text,cn-north-4,200,,t-2,3\n"
                              "2026-10-01T09:00:00+08:00,general-text,cn-north-4,500,alpha,t-3,1\n";

QString describe(const CallRecord &r)
{
    return QStringLiteral("%1 %2 %3 [%4] %5 x%6")
        .arg(r.ts)
        .arg(catalog().apis()[size_t(r.api)].id, catalog().regions()[size_t(r.region)].id, r.project)
        .arg(r.status)
        .arg(r.count);
}

// Every record of data, or the first error's message as the last entry.
QStringList readAll(const QByteArray &data, const MappingFactory &mapping, int threads = 1)
{
    QByteArray copy = data;
    QBuffer buf(&copy);
    buf.open(QIODevice::ReadOnly);
    CallRecordReader reader(buf, catalog());
    reader.setThreads(threads);
    if (mapping)
        reader.setMapping(mapping());
    QStringList out;
    CallRecord r;
    for (;;) {
        auto more = reader.next(r);
        if (!more) {
            out << QStringLiteral("ERROR ") + more.error().message;
            out << QStringLiteral("COLUMN ") + reader.lastBadLine().column;
            return out;
        }
        if (!*more)
            return out;
        out << describe(r);
    }
}

QByteArray compressed(const char *tool, const QByteArray &data)
{
    QProcess p;
    p.start(QString::fromLatin1(tool), {QStringLiteral("-c")});
    p.write(data);
    p.closeWriteChannel();
    p.waitForFinished();
    return p.readAllStandardOutput();
}

} // namespace

class TestColumnProfile : public QObject
{
    Q_OBJECT

private slots:
    void fieldsOfACallLogAreTheStrictColumns()
    {
        QStringList ids, required;
        for (const ProfileField &f : profileFields(ProfileKind::CallLog)) {
            ids << f.id;
            if (f.required)
                required << f.id;
        }
        QCOMPARE(ids, QStringList({"timestamp", "api", "region", "status", "enterprise_project", "request_id",
                                   "count"}));
        QCOMPARE(required, QStringList({"timestamp", "api", "region", "status"}));
    }

    void jsonRoundTrips()
    {
        const ColumnProfile p = profile(kGatewayProfile);
        QCOMPARE(p.timeFormat, TimeFormat::EpochMilliseconds);
        QCOMPARE(p.sourceOf("api"), QStringLiteral("service"));
        QVERIFY(p.sourceOf("ignored").isEmpty());
        QVERIFY(!p.columns.count("latency_ms")); // "ignore" is the same as not mentioning it
        const QByteArray json = QJsonDocument(profileToJson(p)).toJson();
        QCOMPARE(profileFromJson(json, "test", catalog()).value(), p);

        const ColumnProfile local = profile(
            R"({"kind":"call-log","columns":{"t":"timestamp","a":"api","r":"region","s":"status"},
                "time_format":"local","utc_offset":"+08:00"})");
        QCOMPARE(local.utcOffsetSeconds, 8 * 3600);
        QCOMPARE(profileFromJson(QJsonDocument(profileToJson(local)).toJson(), "test", catalog()).value(),
                 local);
    }

    void refusesBadProfilesNamingTheKey_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        const QByteArray cols = R"("columns":{"t":"timestamp","a":"api","r":"region","s":"status"})";
        QTest::newRow("not JSON") << QByteArray("{kind") << "not JSON";
        QTest::newRow("array") << QByteArray("[]") << "not a JSON object";
        QTest::newRow("unknown key") << QByteArray(R"({"kind":"call-log",)" + cols + R"(,"colour":1})")
                                     << "\"colour\": unknown key";
        QTest::newRow("key twice") << QByteArray(R"({"kind":"call-log",)" + cols + R"(,"kind":"call-log"})")
                                   << "\"kind\": the key appears twice";
        QTest::newRow("no kind") << QByteArray("{" + cols + "}") << "\"kind\": (missing) is not a kind";
        QTest::newRow("unknown field")
            << QByteArray(
                   R"({"kind":"call-log","columns":{"t":"timestamp","a":"api","r":"region","s":"stat"}})")
            << "\"columns\" \u203a \"s\": unknown field \"stat\"";
        QTest::newRow("required missing")
            << QByteArray(R"({"kind":"call-log","columns":{"t":"timestamp","a":"api","r":"region"}})")
            << "\"columns\": the required field \"status\" is not mapped";
        QTest::newRow("mapped twice")
            << QByteArray(
                   R"({"kind":"call-log","columns":{"t":"timestamp","a":"api","r":"region","s":"status","x":"api"}})")
            << "\"columns\" \u203a \"x\": the field \"api\" is mapped twice (also from \"a\")";
        QTest::newRow("unknown api id")
            << QByteArray(R"({"kind":"call-log",)" + cols + R"(,"values":{"api":{"OCR":"general-txt"}}})")
            << "\"values\" \u203a \"api\" \u203a \"OCR\": \"general-txt\" is not an API id";
        QTest::newRow("unknown region id")
            << QByteArray(R"({"kind":"call-log",)" + cols + R"(,"values":{"region":{"BJ":"cn-north-9"}}})")
            << "\"cn-north-9\" is not a region id";
        QTest::newRow("values of status")
            << QByteArray(R"({"kind":"call-log",)" + cols + R"(,"values":{"status":{"ok":"200"}}})")
            << "\"values\" \u203a \"status\": the field takes no value map";
        QTest::newRow("time format") << QByteArray(R"({"kind":"call-log",)" + cols +
                                                   R"(,"time_format":"rfc2822"})")
                                     << "\"time_format\": use iso8601";
        QTest::newRow("local without offset")
            << QByteArray(R"({"kind":"call-log",)" + cols + R"(,"time_format":"local"})")
            << "\"utc_offset\": a local time needs its UTC offset";
        QTest::newRow("offset without local")
            << QByteArray(R"({"kind":"call-log",)" + cols + R"(,"utc_offset":"+08:00"})")
            << "\"utc_offset\": applies only to the time format \"local\"";
    }
    void refusesBadProfilesNamingTheKey()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        auto p = profileFromJson(json, "test", catalog());
        QVERIFY(!p);
        QCOMPARE(p.error().code, ErrorCode::BadData);
        QVERIFY2(p.error().message.contains(message), qPrintable(p.error().message));
    }

    void gatewayLogReadsAsTheSameCallsInTheStrictFormat()
    {
        const QStringList strict = readAll(kStrictLog, {});
        QCOMPARE(strict.size(), 3);
        QCOMPARE(readAll(kGatewayLog, CallLogMapping::factory(profile(kGatewayProfile), catalog())), strict);
    }

    void localTimeInAnOffsetAndJsonLines()
    {
        const ColumnProfile local = profile(
            R"({"kind":"call-log","columns":{"when":"timestamp","svc":"api","zone":"region","code":"status",
                "calls":"count"},"time_format":"local","utc_offset":"+08:00"})");
        const QByteArray csv = "when,svc,zone,code,calls\n"
                               "2026-10-01 08:00:00,general-text,CN North-Beijing4,200,1\n"
                               "2026-10-01 08:00:01.250,General Text,cn-north-4,200,3\n";
        const QStringList expected = readAll("timestamp,api,region,status,count\n"
                                             "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200,1\n"
                                             "2026-10-01T00:00:01.250Z,general-text,cn-north-4,200,3\n",
                                             {});
        QCOMPARE(readAll(csv, CallLogMapping::factory(local, catalog())), expected);
        // JSON Lines through the same profile: keys instead of columns, numbers for counts.
        const QByteArray jsonl =
            R"({"when":"2026-10-01 08:00:00","svc":"general-text","zone":"cn-north-4","code":200,"calls":1})"
            "\n"
            R"({"when":"2026-10-01 08:00:01.250","svc":"General Text","zone":"cn-north-4","code":"200","calls":3,"other":true})"
            "\n";
        QCOMPARE(readAll(jsonl, CallLogMapping::factory(local, catalog())), expected);
    }

    void badLinesNameTheLineAndTheSourceColumn_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("column");
        QTest::newRow("unknown region") << QByteArray("1,1790812800000,General Text OCR,Mars,200,a,t,1")
                                        << "line 3, column \"dc\" (region): unknown region \"Mars\""
                                        << "dc";
        QTest::newRow("unknown api") << QByteArray("1,1790812800000,Generic OCR,Beijing,200,a,t,1")
                                     << "line 3, column \"service\" (api): unknown API \"Generic OCR\""
                                     << "service";
        QTest::newRow("bad time")
            << QByteArray("1,17908128x0000,General Text OCR,Beijing,200,a,t,1")
            << "line 3, column \"request_time_ms\" (timestamp): \"17908128x0000\" is not a "
               "time written as whole milliseconds"
            << "request_time_ms";
        QTest::newRow("status") << QByteArray("1,1790812800000,General Text OCR,Beijing,2000,a,t,1")
                                << "line 3, column \"http_code\" (status): \"2000\" is not an HTTP status"
                                << "http_code";
        QTest::newRow("count") << QByteArray("1,1790812800000,General Text OCR,Beijing,200,a,t,-1")
                               << "line 3, column \"n\" (count): \"-1\" is not a count"
                               << "n";
        QTest::newRow("project") << QByteArray("1,1790812800000,General Text OCR,Beijing,200,\"a\x01\",t,1")
                                 << "line 3, column \"tenant\" (enterprise_project): the enterprise project "
                                    "contains a control character"
                                 << "tenant";
        QTest::newRow("fields") << QByteArray("1,1790812800000,General Text OCR")
                                << "line 3: expected 8 fields as in the header, found 3"
                                << "";
    }
    void badLinesNameTheLineAndTheSourceColumn()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, message);
        QFETCH(QString, column);
        const QByteArray data =
            kGatewayLog.left(kGatewayLog.indexOf('\n', kGatewayLog.indexOf('\n') + 1) + 1) + line + "\n";
        const QStringList got = readAll(data, CallLogMapping::factory(profile(kGatewayProfile), catalog()));
        QCOMPARE(got.size(), 3);
        QVERIFY2(got[1].startsWith("ERROR " + message), qPrintable(got[1]));
        QCOMPARE(got[2], "COLUMN " + column);
    }

    void headerWithoutAProfileColumnIsRefused()
    {
        const QStringList got = readAll("request_time_ms,service,region,http_code\n1,a,b,200\n",
                                        CallLogMapping::factory(profile(kGatewayProfile), catalog()));
        QVERIFY2(got.value(0).startsWith(
                     "ERROR line 1: the profile's column \"dc\" (region) is not in the header"),
                 qPrintable(got.value(0)));
    }

    void compressedAndLargeLogsReadAlike()
    {
        QByteArray big = "request_time_ms,service,dc,http_code,tenant,trace,n,latency_ms\n";
        for (int i = 0; i < 40000; ++i)
            big += QByteArray::number(1790812800000 + i) + ",General Text OCR,Beijing,200,p" +
                   QByteArray::number(i % 7) + ",t,1,5\n";
        const MappingFactory mapping = CallLogMapping::factory(profile(kGatewayProfile), catalog());
        const QStringList one = readAll(big, mapping, 1);
        QCOMPARE(one.size(), 40000);
        QCOMPARE(readAll(big, mapping, 4), one); // blocks on worker threads, each with its own mapping
        QCOMPARE(readAll(compressed("gzip", big), mapping, 2), one);
        QCOMPARE(readAll(compressed("zstd", big), mapping, 2), one);
    }

    void previewShowsRowsAsTheyWillBeRead()
    {
        QByteArray data = kGatewayLog + "1,1790812800000,General Text OCR,Mars,200,a,t,1\n";
        QBuffer buf(&data);
        buf.open(QIODevice::ReadOnly);
        auto sample = sampleSource(buf, catalog(), 20);
        QVERIFY(sample);
        QCOMPARE(sample->columns.first(), QStringLiteral("latency_ms"));
        QCOMPARE(sample->rows.size(), size_t(4));
        QCOMPARE(sample->rows[0].cells.value(2), QStringLiteral("General Text OCR"));
        QCOMPARE(sample->rows[3].line, qint64(5));

        QBuffer again(&data);
        again.open(QIODevice::ReadOnly);
        const std::vector<PreviewRow> rows =
            previewRecords(again, catalog(), CallLogMapping::factory(profile(kGatewayProfile), catalog()), 3);
        QCOMPARE(rows.size(), size_t(3));
        QVERIFY(rows[0].record);
        QCOMPARE(rows[1].record->count, qint64(3));

        QBuffer third(&data);
        third.open(QIODevice::ReadOnly);
        const std::vector<PreviewRow> all = previewRecords(
            third, catalog(), CallLogMapping::factory(profile(kGatewayProfile), catalog()), 20);
        QCOMPARE(all.size(), size_t(4));
        QVERIFY(!all[3].record);
        QCOMPARE(all[3].line, qint64(5));
        QCOMPARE(all[3].column, QStringLiteral("dc"));

        // In the strict format the same file is refused at its header.
        QBuffer strict(&data);
        strict.open(QIODevice::ReadOnly);
        const std::vector<PreviewRow> refused = previewRecords(strict, catalog(), {}, 20);
        QCOMPARE(refused.size(), size_t(1));
        QVERIFY(refused[0].problem.contains("unknown column"));
    }
};

QTEST_GUILESS_MAIN(TestColumnProfile)
#include "tst_columnprofile.moc"
