#include "catalog/catalog.h"
#include "time/billingcalendar.h"
#include "usage/callrecordreader.h"
#include "usage/recordparser.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QRegularExpression>
#include <QTemporaryFile>
#include <QTest>

#include <algorithm>
#include <cstring>

#include <zlib.h>
#include <zstd.h>

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

Instant at(const char *iso)
{
    Instant t = 0;
    if (!BillingCalendar::parseTimestampFast(iso, iso + std::strlen(iso), t))
        qFatal("bad test timestamp %s", iso);
    return t;
}

// One record as a line of text, so whole files compare as string lists with readable failures.
QString describe(const CallRecord &r)
{
    return QStringLiteral("%1 %2 %3 [%4] %5 x%6 L%7")
        .arg(r.ts)
        .arg(catalog().apis()[size_t(r.api)].id, catalog().regions()[size_t(r.region)].id, r.project)
        .arg(r.status)
        .arg(r.count)
        .arg(r.line);
}

QString rec(const char *iso, const char *api, const char *region, const char *project, int status,
            qint64 count, int line)
{
    CallRecord r;
    r.ts = at(iso);
    r.api = catalog().apiIndex(QString::fromUtf8(api));
    r.region = catalog().regionIndex(QString::fromUtf8(region));
    r.project = QString::fromUtf8(project);
    r.status = status;
    r.count = count;
    r.line = line;
    return describe(r);
}

struct Outcome
{
    QStringList records;
    bool ok = true;
    Error error;
    CallRecordReader::BadLine bad;
    qint64 bytesRead = 0;
    QByteArray hash;
};

// threads: 0 keeps the reader's default.
Outcome readAll(QIODevice &dev, CallRecordReader::Format format = CallRecordReader::Format::Auto,
                int threads = 0)
{
    Outcome o;
    CallRecordReader reader(dev, catalog(), format);
    if (threads > 0)
        reader.setThreads(threads);
    CallRecord r;
    for (;;) {
        const Result<bool> more = reader.next(r);
        if (!more) {
            o.ok = false;
            o.error = more.error();
            o.bad = reader.lastBadLine();
            break;
        }
        if (!*more)
            break;
        o.records << describe(r);
    }
    o.bytesRead = reader.bytesRead();
    o.hash = reader.contentHash();
    return o;
}

Outcome readAll(const QByteArray &data, CallRecordReader::Format format = CallRecordReader::Format::Auto,
                int threads = 0)
{
    QBuffer buf;
    buf.setData(data);
    buf.open(QIODevice::ReadOnly);
    return readAll(buf, format, threads);
}

// Hands out the data a few bytes at a time (1..7, varying), so lines, CRLF pairs, the BOM, quoted
// fields and UTF-8 sequences all end up split across reads.
class TrickleDevice : public QIODevice
{
public:
    explicit TrickleDevice(QByteArray data) : m_data(std::move(data)) {}
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min({maxSize, qint64(1 + (m_calls++ * 5) % 7), qint64(m_data.size()) - m_pos});
        if (n <= 0)
            return 0;
        std::memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
    int m_calls = 0;
};

const char *const kHeader = "timestamp,api,region,status\n";

QByteArray csv(const QByteArray &body)
{
    return QByteArray(kHeader) + body;
}

// The data as gzip -c writes it (zlib's gzip wrapper).
QByteArray gzipped(const QByteArray &data)
{
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        qFatal("deflateInit2");
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size()))), Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        qFatal("deflate");
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

// The data as zstd -c writes it.
QByteArray zstded(const QByteArray &data)
{
    QByteArray out(qsizetype(ZSTD_compressBound(size_t(data.size()))), Qt::Uninitialized);
    const size_t n = ZSTD_compress(out.data(), size_t(out.size()), data.constData(), size_t(data.size()), 3);
    if (ZSTD_isError(n))
        qFatal("ZSTD_compress");
    out.resize(qsizetype(n));
    return out;
}

QByteArray generated(int lines)
{
    static const char *const apis[] = {"general-text", "id-card", "passport", "vat-invoice", "bank-card"};
    static const char *const regions[] = {"cn-north-4", "cn-east-3", "ap-southeast-1"};
    static const char *const projects[] = {"default", "sales", "\"R&D, \"\"core\"\"\"", "研发部"};
    QByteArray out = "\xEF\xBB\xBFtimestamp,api,region,status,enterprise_project,count\r\n";
    for (int i = 0; i < lines; ++i) {
        const qint64 second = i / 3;
        out += "2026-10-";
        out += QByteArray::number(1 + second / 86400).rightJustified(2, '0');
        out += 'T';
        out += QByteArray::number(second / 3600 % 24).rightJustified(2, '0') + ':';
        out += QByteArray::number(second / 60 % 60).rightJustified(2, '0') + ':';
        out += QByteArray::number(second % 60).rightJustified(2, '0');
        if (i % 3)
            out += '.' + QByteArray::number(i % 3 * 250); // ".250", ".500": still sorted
        out += "+08:00,";
        out += apis[i % 5];
        out += ',';
        out += regions[i % 3];
        out += ',';
        out += (i % 20 == 0) ? "429" : "200";
        out += ',';
        out += projects[(i / 7) % 4];
        out += ',';
        if (i % 4)
            out += QByteArray::number(1 + i % 9);
        out += (i % 2) ? "\r\n" : "\n";
    }
    return out;
}

// data with its line `line` (1-based, without its line end) replaced by text.
QByteArray withLine(const QByteArray &data, int line, const QByteArray &text)
{
    qsizetype b = 0;
    for (int i = 1; i < line; ++i)
        b = data.indexOf('\n', b) + 1;
    qsizetype e = data.indexOf('\n', b);
    if (e < 0)
        e = data.size();
    else if (data[e - 1] == '\r')
        --e;
    return data.left(b) + text + data.mid(e);
}

using Line = RecordParser::Line;

// A CSV parser that has read the header "timestamp,api,region,status,enterprise_project,count" on line 1.
RecordParser csvParser()
{
    RecordParser p(catalog(), RecordParser::Format::Auto);
    CallRecord r;
    const auto header = p.parse(1, "timestamp,api,region,status,enterprise_project,count", r);
    if (!header || *header != Line::Header)
        qFatal("the test header was refused");
    return p;
}

const char *const kGood = "2026-10-01T08:00:00+08:00,id-card,cn-north-4,200,sales,3";

} // namespace

class TestCallRecordReader : public QObject
{
    Q_OBJECT
private slots:
    void goodFiles_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("expected");

        const char *t0 = "2026-10-01T08:00:00+08:00";
        QTest::newRow("minimal") << csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4,200\n")
                                 << QStringList{rec(t0, "general-text", "cn-north-4", "default", 200, 1, 2)};
        QTest::newRow("no final newline")
            << csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4,200")
            << QStringList{rec(t0, "general-text", "cn-north-4", "default", 200, 1, 2)};
        QTest::newRow("reordered, all optional columns")
            << QByteArray("status,region,count,api,enterprise_project,timestamp,request_id\n"
                          "404,cn-east-3,5,passport,proj-a,2026-10-01T00:00:00Z,req-1\n"
                          "200,ap-southeast-1,,id-card,,2026-10-01T00:30:00-05:30,\n")
            << QStringList{rec("2026-10-01T00:00:00Z", "passport", "cn-east-3", "proj-a", 404, 5, 2),
                           rec("2026-10-01T06:00:00Z", "id-card", "ap-southeast-1", "default", 200, 1, 3)};
        QTest::newRow("quoted fields")
            << QByteArray(
                   "\"timestamp\",api,\"region\",status,enterprise_project\n"
                   "\"2026-10-01T08:00:00+08:00\",\"id-card\",cn-north-4,\"201\",\"Team \"\"A\"\", Sales\"\n"
                   "2026-10-01T08:00:00+08:00,id-card,cn-north-4,201,\"Team \"\"A\"\", Sales\"\n"
                   "2026-10-01T08:00:00+08:00,id-card,cn-north-4,201,\"\"\n")
            << QStringList{rec(t0, "id-card", "cn-north-4", "Team \"A\", Sales", 201, 1, 2),
                           rec(t0, "id-card", "cn-north-4", "Team \"A\", Sales", 201, 1, 3),
                           rec(t0, "id-card", "cn-north-4", "default", 201, 1, 4)};
        QTest::newRow("CRLF and BOM")
            << QByteArray("\xEF\xBB\xBFtimestamp,api,region,status\r\n"
                          "2026-10-01T08:00:00+08:00,web-image,cn-north-4,500\r\n")
            << QStringList{rec(t0, "web-image", "cn-north-4", "default", 500, 1, 2)};
        QTest::newRow("fractions") << csv("2026-10-01T08:00:00.250+08:00,general-text,cn-north-4,200\n"
                                          "2026-10-01T08:00:00.000001+08:00,general-text,cn-north-4,200\n"
                                          "2026-10-01T08:00:00.5Z,general-text,cn-north-4,200\n")
                                   << QStringList{rec("2026-10-01T00:00:00.25Z", "general-text", "cn-north-4",
                                                      "default", 200, 1, 2),
                                                  rec("2026-10-01T00:00:00.000001Z", "general-text",
                                                      "cn-north-4", "default", 200, 1, 3),
                                                  rec("2026-10-01T08:00:00.500000+00:00", "general-text",
                                                      "cn-north-4", "default", 200, 1, 4)};
        QTest::newRow("counts") << QByteArray(
                                       "timestamp,api,region,status,count\n"
                                       "2026-10-01T08:00:00+08:00,handwriting,cn-east-3,200,1000000000\n"
                                       "2026-10-01T08:00:00+08:00,handwriting,cn-east-3,200,007\n"
                                       "2026-10-01T08:00:00+08:00,handwriting,cn-east-3,200,\n")
                                << QStringList{
                                       rec(t0, "handwriting", "cn-east-3", "default", 200, 1000000000, 2),
                                       rec(t0, "handwriting", "cn-east-3", "default", 200, 7, 3),
                                       rec(t0, "handwriting", "cn-east-3", "default", 200, 1, 4)};
        QTest::newRow("blank lines keep line numbers")
            << QByteArray("\n  \n" + QByteArray(kHeader) +
                          "\r\n\n2026-10-01T08:00:00+08:00,passport,cn-north-4,200\n\n")
            << QStringList{rec(t0, "passport", "cn-north-4", "default", 200, 1, 6)};
        QTest::newRow("projects alternate (cache)")
            << QByteArray("timestamp,api,region,status,enterprise_project\n"
                          "2026-10-01T08:00:00+08:00,passport,cn-north-4,200,a\n"
                          "2026-10-01T08:00:00+08:00,passport,cn-north-4,200,b\n"
                          "2026-10-01T08:00:00+08:00,passport,cn-north-4,200,a\n"
                          "2026-10-01T08:00:00+08:00,passport,cn-north-4,200,研发部\n"
                          "2026-10-01T08:00:00+08:00,passport,cn-north-4,200,\n")
            << QStringList{rec(t0, "passport", "cn-north-4", "a", 200, 1, 2),
                           rec(t0, "passport", "cn-north-4", "b", 200, 1, 3),
                           rec(t0, "passport", "cn-north-4", "a", 200, 1, 4),
                           rec(t0, "passport", "cn-north-4", "研发部", 200, 1, 5),
                           rec(t0, "passport", "cn-north-4", "default", 200, 1, 6)};
        const QByteArray p64 = QByteArray(63, 'p') + "é"; // 64 characters, 65 bytes
        const QByteArray r128(128, 'r');
        QTest::newRow("longest project and request id")
            << QByteArray("timestamp,api,region,status,enterprise_project,request_id\n"
                          "2026-10-01T08:00:00+08:00,passport,cn-north-4,200," +
                          p64 + "," + r128 + "\n")
            << QStringList{rec(t0, "passport", "cn-north-4", p64.constData(), 200, 1, 2)};
        QTest::newRow("header spaces around names")
            << QByteArray(
                   "timestamp, api ,region,status\n2026-10-01T08:00:00+08:00,passport,cn-north-4,200\n")
            << QStringList{rec(t0, "passport", "cn-north-4", "default", 200, 1, 2)};
        QTest::newRow("empty input") << QByteArray() << QStringList{};
        QTest::newRow("only a BOM") << QByteArray("\xEF\xBB\xBF") << QStringList{};
        QTest::newRow("only blank lines") << QByteArray("\n\r\n  \n") << QStringList{};
        QTest::newRow("header only") << QByteArray(kHeader) << QStringList{};
        QTest::newRow("header only, no newline")
            << QByteArray("timestamp,api,region,status") << QStringList{};

        QTest::newRow("jsonl")
            << QByteArray(
                   "{\"timestamp\":\"2026-10-01T08:00:00+08:00\",\"api\":\"general-text\","
                   "\"region\":\"cn-north-4\",\"status\":200}\n"
                   "{\"status\":\"404\",\"api\":\"passport\",\"region\":\"cn-east-3\","
                   "\"timestamp\":\"2026-10-01T00:00:00.125Z\",\"count\":3,\"enterprise_project\":\"x\","
                   "\"request_id\":\"r-9\"}\n"
                   "{\"timestamp\":\"2026-10-01T08:00:00+08:00\",\"api\":\"id-card\","
                   "\"region\":\"cn-north-4\",\"status\":200,\"count\":\"7\",\"enterprise_project\":null}\n")
            << QStringList{rec(t0, "general-text", "cn-north-4", "default", 200, 1, 1),
                           rec("2026-10-01T00:00:00.125Z", "passport", "cn-east-3", "x", 404, 3, 2),
                           rec(t0, "id-card", "cn-north-4", "default", 200, 7, 3)};
        QTest::newRow("jsonl with BOM, CRLF, blank lines, indentation")
            << QByteArray(
                   "\xEF\xBB\xBF\r\n  {\"timestamp\":\"2026-10-01T08:00:00+08:00\",\"api\":\"vat-invoice\","
                   "\"region\":\"ap-southeast-3\",\"status\":200, \"count\": 1000000000}\r\n\r\n"
                   "{\"timestamp\":\"2026-10-01T08:00:00+08:00\",\"api\":\"vat-invoice\","
                   "\"region\":\"ap-southeast-3\",\"status\":599,\"enterprise_project\":\"研发部\"}")
            << QStringList{rec(t0, "vat-invoice", "ap-southeast-3", "default", 200, 1000000000, 2),
                           rec(t0, "vat-invoice", "ap-southeast-3", "研发部", 599, 1, 4)};
    }

    void goodFiles()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, expected);
        const Outcome o = readAll(input);
        QVERIFY2(o.ok, qPrintable(o.error.message));
        QCOMPARE(o.records, expected);
        QCOMPARE(o.bytesRead, qint64(input.size()));
        QCOMPARE(o.hash, QCryptographicHash::hash(input, QCryptographicHash::Blake2b_256).toHex());
        // The same bytes handed out a few at a time give the same records.
        TrickleDevice trickle(input);
        trickle.open(QIODevice::ReadOnly);
        const Outcome t = readAll(trickle);
        QVERIFY2(t.ok, qPrintable(t.error.message));
        QCOMPARE(t.records, expected);
        QCOMPARE(t.hash, o.hash);
    }

    void badFiles_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("column"); // must appear in the message

        const QByteArray ok = "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200\n";
        auto row = [&](const char *name, const QByteArray &input, int line, const char *column) {
            QTest::newRow(name) << input << line << QString::fromUtf8(column);
        };
        // Header
        row("missing column", "timestamp,api,status\n" + ok, 1, "region");
        row("missing columns", "api,status\n", 1, "timestamp, region");
        row("duplicate column", "timestamp,api,region,status,api\n", 1, "column 5 (api)");
        row("unknown column", "timestamp,api,region,status,cost\n", 1, "\"cost\" (column 5)");
        row("unknown columns", "timestamp,foo,api,region,status,bar\n", 1, "\"bar\" (column 6)");
        row("empty column name", "timestamp,api,,region,status\n", 1, "\"\" (column 3)");
        row("header unclosed quote", "timestamp,\"api,region,status\n", 1, "column 2");
        row("header after blank lines", "\n\ntimestamp,api,region\n", 3, "status");
        // Fields
        row("unknown api", csv(ok + "2026-10-01T08:00:00+08:00,general-txt,cn-north-4,200\n"), 3,
            "column 2 (api): unknown API \"general-txt\"");
        row("api case", csv("2026-10-01T08:00:00+08:00,General-Text,cn-north-4,200\n"), 2, "column 2 (api)");
        row("unknown region", csv("2026-10-01T08:00:00+08:00,general-text,eu-west-9,200\n"), 2,
            "column 3 (region): unknown region \"eu-west-9\"");
        row("empty region", csv("2026-10-01T08:00:00+08:00,general-text,,200\n"), 2, "column 3 (region)");
        row("status 99", csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4,99\n"), 2,
            "column 4 (status)");
        row("status 600", csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4,600\n"), 2,
            "column 4 (status)");
        row("status letters", csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4,2OO\n"), 2, "(status)");
        row("status space", csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4, 200\n"), 2, "(status)");
        row("status sign", csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4,+200\n"), 2, "(status)");
        row("status decimal", csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4,200.0\n"), 2,
            "(status)");
        row("status empty", csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4,\n"), 2, "(status)");
        row("status huge", csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4,99999999999999999999999\n"),
            2, "(status)");
        const QByteArray countHeader = "timestamp,api,region,status,count\n";
        row("count 0", countHeader + "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200,0\n", 2,
            "column 5 (count)");
        row("count too big",
            countHeader + "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200,1000000001\n", 2,
            "column 5 (count)");
        row("count negative", countHeader + "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200,-1\n", 2,
            "(count)");
        row("count exponent", countHeader + "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200,1e3\n", 2,
            "(count)");
        row("timestamp without offset", csv("2026-10-01T08:00:00,general-text,cn-north-4,200\n"), 2,
            "column 1 (timestamp)");
        row("timestamp 7 decimals", csv("2026-10-01T08:00:00.1234567Z,general-text,cn-north-4,200\n"), 2,
            "(timestamp)");
        row("timestamp no date", csv("2026-02-30T08:00:00Z,general-text,cn-north-4,200\n"), 2, "(timestamp)");
        row("timestamp empty", csv(",general-text,cn-north-4,200\n"), 2, "(timestamp)");
        const QByteArray projHeader = "timestamp,api,region,status,enterprise_project,request_id\n";
        row("project too long",
            projHeader + "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200," + QByteArray(65, 'p') +
                ",\n",
            2, "column 5 (enterprise_project)");
        row("project control char",
            projHeader + "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200,a\tb,\n", 2,
            "(enterprise_project)");
        row("project C1 control",
            projHeader + "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200,a\xC2\x85,\n", 2,
            "(enterprise_project)");
        row("request id too long",
            projHeader + "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200,p," + QByteArray(129, 'r') +
                "\n",
            2, "column 6 (request_id)");
        // Structure
        row("too many fields", csv(ok + ok + "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200,x\n"), 4,
            "expected 4 fields as in the header, found 5");
        row("too few fields", csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4\n"), 2,
            "expected 4 fields as in the header, found 3");
        row("unclosed quote", csv("2026-10-01T08:00:00+08:00,general-text,\"cn-north-4,200\n"), 2,
            "column 3 (region)");
        row("quoted field spanning lines",
            csv(ok + "2026-10-01T08:00:00+08:00,general-text,\"cn-\nnorth-4\",200\n"), 3,
            "may not span lines");
        row("text after closing quote", csv("2026-10-01T08:00:00+08:00,\"general-text\"x,cn-north-4,200\n"),
            2, "column 2 (api)");
        row("quote in unquoted field", csv("2026-10-01T08:00:00+08:00,general-text,cn\"north-4,200\n"), 2,
            "column 3 (region)");
        row("invalid UTF-8", csv(ok + "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200\xFF\n"), 3,
            "UTF-8");
        row("overlong UTF-8", csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4,2\xC0\xAF\n"), 2,
            "UTF-8");
        row("truncated UTF-8", csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4,200\xE7\xA0\n"), 2,
            "UTF-8");
        row("surrogate in UTF-8", csv("2026-10-01T08:00:00+08:00,general-text,cn-north-4,200\xED\xA0\x80\n"),
            2, "UTF-8");
        row("line too long", csv(ok + QByteArray(2 * 1024 * 1024, 'x') + "\n"), 3,
            "longer than 1048576 bytes");
        row("CRLF line numbers",
            "timestamp,api,region,status\r\n\r\n" + ok + ok + "\r\n" +
                "2026-10-01T08:00:00+08:00,general-text,cn-north-4,2000\r\n",
            6, "(status)");
        row("CR-only line endings", "timestamp,api,region,status\r" + QByteArray(ok).replace('\n', '\r'), 1,
            "line endings are CR only");
        QByteArray crOnlyBig = "timestamp,api,region,status\r";
        while (crOnlyBig.size() <= CallRecordReader::kMaxLineLength)
            crOnlyBig += QByteArray(ok).replace('\n', '\r');
        row("CR-only line endings, long file", crOnlyBig, 1, "line endings are CR only");
        // JSON Lines
        row("json array file",
            "[{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\",\"region\":\"cn-north-4\","
            "\"status\":200}]\n",
            1, "JSON Lines is one JSON object per line");
        row("json pretty array file", "\n[\n  {\"timestamp\": \"2026-10-01T08:00:00Z\"}\n]\n", 2,
            "JSON Lines is one JSON object per line");
        row("json duplicate key",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\",\"region\":\"cn-north-4\","
            "\"status\":200,\"status\":500}\n",
            1, "field \"status\": the field appears twice");
        row("json duplicate escaped key",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\",\"region\":\"cn-north-4\","
            "\"status\":200,\"\\u0073tatus\":500}\n",
            1, "field \"status\": the field appears twice");
        row("json syntax", "{\"timestamp\": \n", 1, "not a JSON object");
        row("json array line",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\",\"region\":\"cn-north-4\","
            "\"status\":200}\n[1,2]\n",
            2, "not a JSON object");
        row("json status bool",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\","
            "\"region\":\"cn-north-4\",\"status\":true}\n",
            1, "field \"status\"");
        row("json status fraction",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\","
            "\"region\":\"cn-north-4\",\"status\":200.5}\n",
            1, "field \"status\"");
        row("json status text",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\","
            "\"region\":\"cn-north-4\",\"status\":\"ok\"}\n",
            1, "field \"status\"");
        row("json missing region",
            "\n\n{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\",\"status\":200}\n", 3,
            "field \"region\"");
        row("json unknown field",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\","
            "\"region\":\"cn-north-4\",\"status\":200,\"cost\":1}\n",
            1, "field \"cost\"");
        row("json api number",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":7,"
            "\"region\":\"cn-north-4\",\"status\":200}\n",
            1, "field \"api\": must be a string");
        row("json count 0",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\","
            "\"region\":\"cn-north-4\",\"status\":200,\"count\":0}\n",
            1, "field \"count\"");
        row("json count negative",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\","
            "\"region\":\"cn-north-4\",\"status\":200,\"count\":-3}\n",
            1, "field \"count\"");
        row("json count huge",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\","
            "\"region\":\"cn-north-4\",\"status\":200,\"count\":1e30}\n",
            1, "field \"count\"");
        row("json timestamp no offset",
            "{\"timestamp\":\"2026-10-01T08:00:00\",\"api\":\"id-card\","
            "\"region\":\"cn-north-4\",\"status\":200}\n",
            1, "field \"timestamp\"");
        row("json project number",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\","
            "\"region\":\"cn-north-4\",\"status\":200,\"enterprise_project\":5}\n",
            1, "field \"enterprise_project\"");
        row("json unknown region",
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\","
            "\"region\":\"cn-north-4\",\"status\":200}\n\n"
            "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\",\"region\":\"eu-west-9\",\"status\":"
            "200}\n",
            3, "field \"region\": unknown region \"eu-west-9\"");
    }

    void badFiles()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, line);
        QFETCH(QString, column);
        const Outcome o = readAll(input);
        QVERIFY2(!o.ok, "the input was accepted");
        QCOMPARE(o.error.code, ErrorCode::BadData);
        const QRegularExpression lineRe(QStringLiteral("\\bline %1\\b").arg(line));
        QVERIFY2(lineRe.match(o.error.message).hasMatch(), qPrintable(o.error.message));
        QVERIFY2(o.error.message.contains(column), qPrintable(o.error.message));
    }

    void echoedValuesAreShort_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("shows");
        const QByteArray t = "2026-10-01T08:00:00+08:00,";
        QTest::newRow("long region") << csv(t + "general-text," + QByteArray(5000, 'r') + ",200\n")
                                     << QString(80, u'r') + QChar(0x2026);
        QTest::newRow("long header name") << "timestamp,api,region,status," + QByteArray(100000, 'h') + "\n"
                                          << QString(80, u'h') + QChar(0x2026);
        QTest::newRow("long json key") << "{\"" + QByteArray(300, 'k') + "\":1}\n"
                                       << QString(80, u'k') + QChar(0x2026);
        QTest::newRow("NUL and ESC in a region")
            << csv(t + "general-text,cn\x1b[2J" + QByteArray(1, '\0') + "x,200\n")
            << QStringLiteral("cn\\x1b[2J\\x00x");
        QTest::newRow("CR in an api")
            << csv(t + "gen\reral,cn-north-4,200\n") << QStringLiteral("gen\\x0deral");
    }
    void echoedValuesAreShort()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, shows);
        const Outcome o = readAll(input);
        QVERIFY(!o.ok);
        QVERIFY2(o.error.message.size() < 400, qPrintable(o.error.message.left(400)));
        QVERIFY2(o.error.message.contains(shows), qPrintable(o.error.message));
        for (const QChar c : o.error.message)
            QVERIFY2(c.unicode() >= 0x20, qPrintable(o.error.message));
    }

    // A gzip or Zstandard file reads as the plain file: the same records, line numbers, errors and
    // content hash (so a compressed copy of an imported file is refused as imported before); progress
    // counts the compressed bytes.
    void compressedFiles_data()
    {
        QTest::addColumn<QByteArray>("plain");
        QTest::addColumn<int>("threads");
        QTest::newRow("small") << generated(300) << 1;
        QTest::newRow("large, parallel") << generated(120'000) << 2;
        QTest::newRow("error on a late line")
            << generated(60'000) + "2026-10-01T08:00:00+08:00,general-text,eu-west-9,200\n"
            << 2;
    }
    void compressedFiles()
    {
        QFETCH(QByteArray, plain);
        QFETCH(int, threads);
        const Outcome expected = readAll(plain, CallRecordReader::Format::Auto, threads);
        for (const QByteArray &packed :
             {gzipped(plain), gzipped(plain.left(plain.size() / 3)) + gzipped(plain.mid(plain.size() / 3)),
              zstded(plain)}) {
            const Outcome o = readAll(packed, CallRecordReader::Format::Auto, threads);
            QCOMPARE(o.ok, expected.ok);
            QCOMPARE(o.error.message, expected.error.message);
            QCOMPARE(o.records, expected.records);
            QCOMPARE(o.hash, expected.hash);
            if (o.ok)
                QCOMPARE(o.bytesRead, qint64(packed.size()));
            // Handed out a few bytes at a time, as a pipe might.
            TrickleDevice trickle(packed);
            trickle.open(QIODevice::ReadOnly);
            const Outcome pieces = readAll(trickle);
            QCOMPARE(pieces.error.message, expected.error.message);
            QCOMPARE(pieces.records, expected.records);
        }
    }

    void damagedCompressedFiles_data()
    {
        QTest::addColumn<QByteArray>("packed");
        QTest::addColumn<QString>("says");
        const QByteArray plain = generated(2000);
        QByteArray flipped = gzipped(plain);
        flipped[10] = char(flipped[10] | 0x06); // the first block's type: 3 does not exist
        QTest::newRow("gzip flipped") << flipped << QStringLiteral("gzip data is");
        const QByteArray gz = gzipped(plain);
        QTest::newRow("gzip cut off") << gz.left(gz.size() - 100) << QStringLiteral("cut off");
        QByteArray zflipped = zstded(plain);
        zflipped[4] = char(zflipped[4] | 0x08); // the frame header's reserved bit
        QTest::newRow("zstd flipped") << zflipped << QStringLiteral("Zstandard data is");
        const QByteArray zs = zstded(plain);
        QTest::newRow("zstd cut off") << zs.left(zs.size() - 100) << QStringLiteral("cut off");
        QTest::newRow("gzip header only") << QByteArray("\x1f\x8b") << QStringLiteral("gzip");
    }
    void damagedCompressedFiles()
    {
        QFETCH(QByteArray, packed);
        QFETCH(QString, says);
        const Outcome o = readAll(packed);
        QVERIFY(!o.ok);
        QCOMPARE(o.error.code, ErrorCode::BadData);
        QVERIFY2(o.error.message.contains(says), qPrintable(o.error.message));
    }

    void errorsAreSticky()
    {
        QBuffer buf;
        buf.setData(csv("2026-10-01T08:00:00+08:00,nope,cn-north-4,200\n"
                        "2026-10-01T08:00:00+08:00,passport,cn-north-4,200\n"));
        buf.open(QIODevice::ReadOnly);
        CallRecordReader reader(buf, catalog());
        CallRecord r;
        const auto first = reader.next(r);
        QVERIFY(!first.ok());
        const auto second = reader.next(r);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().message, first.error().message);
    }

    void explicitFormat()
    {
        const QByteArray json = "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\","
                                "\"region\":\"cn-north-4\",\"status\":200}\n";
        QVERIFY(readAll(json, CallRecordReader::Format::JsonLines).ok);
        const Outcome asCsv = readAll(json, CallRecordReader::Format::Csv);
        QVERIFY(!asCsv.ok);
        QCOMPARE(asCsv.error.code, ErrorCode::BadData);
        const Outcome asJson = readAll(csv("2026-10-01T08:00:00+08:00,passport,cn-north-4,200\n"),
                                       CallRecordReader::Format::JsonLines);
        QVERIFY(!asJson.ok);
        QVERIFY2(asJson.error.message.contains("line 1"), qPrintable(asJson.error.message));
    }

    void chunkBoundaries()
    {
        // Quoted, escaped, multi-byte and CRLF-terminated fields cut at every few bytes.
        const QByteArray data = generated(3000);
        const Outcome whole = readAll(data);
        QVERIFY2(whole.ok, qPrintable(whole.error.message));
        QCOMPARE(whole.records.size(), 3000);
        TrickleDevice trickle(data);
        trickle.open(QIODevice::ReadOnly);
        const Outcome pieces = readAll(trickle);
        QVERIFY2(pieces.ok, qPrintable(pieces.error.message));
        QCOMPARE(pieces.records, whole.records);
        QCOMPARE(pieces.bytesRead, qint64(data.size()));
        QCOMPARE(pieces.hash, whole.hash);
    }

    void longFile()
    {
        // 200k lines are far more than one 1 MiB chunk: lines straddle many chunk ends.
        const int n = 200'000;
        const QByteArray data = generated(n);
        QVERIFY(data.size() > 8 * CallRecordReader::kChunkSize);
        QTemporaryFile file;
        QVERIFY(file.open());
        QCOMPARE(file.write(data), qint64(data.size()));
        QVERIFY(file.seek(0));
        CallRecordReader reader(file, catalog());
        CallRecord r;
        qint64 records = 0, calls = 0, lastLine = 0;
        Instant lastTs = 0;
        for (;;) {
            const auto more = reader.next(r);
            QVERIFY2(more.ok(), qPrintable(more.ok() ? QString() : more.error().message));
            if (!*more)
                break;
            ++records;
            calls += r.count;
            QCOMPARE(r.line, lastLine ? lastLine + 1 : 2);
            QVERIFY(r.ts >= lastTs);
            lastLine = r.line;
            lastTs = r.ts;
        }
        qint64 expectedCalls = 0;
        for (int i = 0; i < n; ++i)
            expectedCalls += (i % 4) ? 1 + i % 9 : 1;
        QCOMPARE(records, qint64(n));
        QCOMPARE(calls, expectedCalls);
        QCOMPARE(reader.bytesRead(), qint64(data.size()));
        QCOMPARE(reader.contentHash(),
                 QCryptographicHash::hash(data, QCryptographicHash::Blake2b_256).toHex());
    }

    // Past the first chunk the lines are parsed in blocks on worker threads: the same records, errors,
    // line numbers, byte counts and hash as on one thread, wherever the bad line falls.
    void parallelBlocks_data()
    {
        QTest::addColumn<QByteArray>("data");
        const QByteArray base = generated(120'000); // ~8 MiB: many blocks after the first chunk
        QVERIFY(base.size() > 6 * CallRecordReader::kChunkSize);
        QTest::newRow("good") << base;
        QTest::newRow("good without a last newline") << base.chopped(2);
        QTest::newRow("unknown region deep")
            << withLine(base, 90'001, "2026-10-02T00:00:00+08:00,id-card,eu-west-9,200,,");
        QTest::newRow("bad timestamp in the second block")
            << withLine(base, 16'000, "2026-13-02T00:00:00+08:00,id-card,cn-north-4,200,,");
        QTest::newRow("too few fields on the last line")
            << withLine(base.chopped(2), 120'001, "2026-10-02T00:00:00+08:00");
        QTest::newRow("invalid UTF-8")
            << withLine(base, 70'000, "2026-10-02T00:00:00+08:00,id-card,cn-north-4,200,\xC3\x28,");
        QTest::newRow("stray quote") << withLine(base, 50'000,
                                                 "2026-10-02T00:00:00+08:00,id\"card,cn-north-4,200,,");
        QTest::newRow("blank lines") << withLine(withLine(base, 40'000, " \t"), 80'000, QByteArray());
        QTest::newRow("overlong line")
            << withLine(base, 60'000, QByteArray(CallRecordReader::kMaxLineLength + 10, 'x'));
        QTest::newRow("overlong last line") << base + QByteArray(CallRecordReader::kMaxLineLength + 10, 'x');
        QTest::newRow("two bad lines: the first wins") << withLine(
            withLine(base, 100'000, "x"), 30'000, "2026-10-02T00:00:00+08:00,nope,cn-north-4,200,,");
    }

    void parallelBlocks()
    {
        QFETCH(QByteArray, data);
        const Outcome serial = readAll(data, CallRecordReader::Format::Auto, 1);
        const Outcome parallel = readAll(data, CallRecordReader::Format::Auto, 3);
        QCOMPARE(parallel.ok, serial.ok);
        QCOMPARE(parallel.error.message, serial.error.message);
        QCOMPARE(parallel.bad.line, serial.bad.line);
        QCOMPARE(parallel.bad.column, serial.bad.column);
        QCOMPARE(parallel.bad.reason, serial.bad.reason);
        QCOMPARE(parallel.records.size(), serial.records.size());
        QCOMPARE(parallel.records, serial.records);
        if (serial.ok) {
            QCOMPARE(parallel.bytesRead, serial.bytesRead);
            QCOMPARE(parallel.hash, serial.hash);
        }
    }

    void parallelJsonLines()
    {
        QByteArray json;
        for (int i = 0; i < 40'000; ++i)
            json += "{\"timestamp\":\"2026-10-01T08:00:00Z\",\"api\":\"id-card\",\"region\":\"cn-north-4\","
                    "\"status\":" +
                    QByteArray::number(200 + i % 3) + ",\"count\":" + QByteArray::number(1 + i % 5) + "}\n";
        QVERIFY(json.size() > 2 * CallRecordReader::kChunkSize);
        for (const QByteArray &data : {json, withLine(json, 35'000, "{\"timestamp\":1}")}) {
            const Outcome serial = readAll(data, CallRecordReader::Format::Auto, 1);
            const Outcome parallel = readAll(data, CallRecordReader::Format::Auto, 2);
            QCOMPARE(parallel.ok, serial.ok);
            QCOMPARE(parallel.error.message, serial.error.message);
            QCOMPARE(parallel.records, serial.records);
        }
    }

    void contentHash()
    {
        const QByteArray a = csv("2026-10-01T08:00:00+08:00,passport,cn-north-4,200\n");
        QByteArray b = a;
        b[b.size() - 3] = '1'; // status 210: still valid, one byte different
        const Outcome oa1 = readAll(a), oa2 = readAll(a), ob = readAll(b);
        QVERIFY(oa1.ok && oa2.ok && ob.ok);
        QCOMPARE(oa1.hash.size(), 64); // 256 bits in hex
        QCOMPARE(oa1.hash, oa2.hash);
        QVERIFY(oa1.hash != ob.hash);
        QCOMPARE(readAll(QByteArray()).hash,
                 QCryptographicHash::hash(QByteArray(), QCryptographicHash::Blake2b_256).toHex());
    }

    // The record parser on its own: one line at a time, without a device.
    void parserCsvRecord()
    {
        RecordParser p(catalog(), RecordParser::Format::Auto);
        CallRecord r;
        QVERIFY(!p.readsRecords());
        QCOMPARE(*p.parse(1, "\xEF\xBB\xBFtimestamp,api,region,status,enterprise_project,count\r", r),
                 Line::Header);
        QVERIFY(p.readsRecords());
        QCOMPARE(*p.parse(2, "  \t\r", r), Line::Blank);
        QCOMPARE(*p.parse(3, QByteArray(kGood) + "\r", r), Line::Record);
        QCOMPARE(r.ts, at("2026-10-01T08:00:00+08:00"));
        QCOMPARE(r.api, catalog().apiIndex(u"id-card"));
        QCOMPARE(r.region, catalog().regionIndex(u"cn-north-4"));
        QCOMPARE(r.project, QStringLiteral("sales"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.count, qint64(3));
        QCOMPARE(r.line, qint64(3));
        // Empty optional fields: the default project, one call.
        QCOMPARE(*p.parse(4, "2026-10-01T08:00:00Z,passport,cn-east-3,404,,", r), Line::Record);
        QCOMPARE(r.project, QStringLiteral("default"));
        QCOMPARE(r.count, qint64(1));
        QCOMPARE(r.line, qint64(4));
    }

    void parserJsonRecord()
    {
        RecordParser p(catalog(), RecordParser::Format::Auto);
        CallRecord r;
        QCOMPARE(*p.parse(1, "", r), Line::Blank);
        QVERIFY(!p.readsRecords());
        QCOMPARE(
            *p.parse(2,
                     " {\"timestamp\":\"2026-10-01T00:00:00Z\",\"api\":\"id-card\",\"region\":\"cn-north-4\","
                     "\"status\":\"201\",\"count\":7}",
                     r),
            Line::Record);
        QVERIFY(p.readsRecords());
        QCOMPARE(r.status, 201);
        QCOMPARE(r.count, qint64(7));
        QCOMPARE(r.project, QStringLiteral("default"));
        QCOMPARE(r.line, qint64(2));
    }

    void parserFieldErrors()
    {
        RecordParser p = csvParser();
        CallRecord r;
        const auto bad = p.parse(17, "2026-10-01T08:00:00+08:00,id-card,eu-west-9,200,,", r);
        QVERIFY(!bad);
        QCOMPARE(bad.error().code, ErrorCode::BadData);
        QCOMPARE(bad.error().message,
                 QStringLiteral("line 17, column 3 (region): unknown region \"eu-west-9\""));
        QCOMPARE(p.lastBad().line, qint64(17));
        QCOMPARE(p.lastBad().column, QStringLiteral("3 (region)"));
        QCOMPARE(p.lastBad().reason, QStringLiteral("unknown region \"eu-west-9\""));
        // The parser goes on with the next line.
        QCOMPARE(*p.parse(18, kGood, r), Line::Record);

        RecordParser json(catalog(), RecordParser::Format::JsonLines);
        const auto missing =
            json.parse(5, "{\"timestamp\":\"2026-10-01T00:00:00Z\",\"api\":\"id-card\",\"status\":200}", r);
        QVERIFY(!missing);
        QCOMPARE(missing.error().message,
                 QStringLiteral("line 5, field \"region\": the field is required but missing"));
        QCOMPARE(json.lastBad().column, QStringLiteral("region"));
    }

    void parserWholeLineErrors()
    {
        RecordParser p = csvParser();
        CallRecord r;
        const auto few = p.parse(4, "2026-10-01T08:00:00+08:00,id-card", r);
        QVERIFY(!few);
        QCOMPARE(few.error().message, QStringLiteral("line 4: expected 6 fields as in the header, found 2"));
        QCOMPARE(p.lastBad().line, qint64(4));
        QVERIFY(p.lastBad().column.isEmpty());
        QCOMPARE(p.lastBad().reason, few.error().message);
        QVERIFY(!p.headerFailed());
        // A BOM counts only at the start of the file.
        const auto bom = p.parse(5, "\xEF\xBB\xBF" + QByteArray(kGood), r);
        QVERIFY(!bom);
        QCOMPARE(p.lastBad().column, QStringLiteral("1 (timestamp)"));
    }

    void parserBadHeader()
    {
        RecordParser p(catalog(), RecordParser::Format::Auto);
        CallRecord r;
        const auto bad = p.parse(2, "timestamp,api,status", r);
        QVERIFY(!bad);
        QCOMPARE(bad.error().message,
                 QStringLiteral("line 2: the header lacks the required column(s) region"));
        QVERIFY(p.headerFailed());
        QCOMPARE(p.lastBad().line, qint64(0)); // not a record line one could skip
    }

    // Strict UTF-8 (QByteArrayView::isValidUtf8): the lines below are refused, the characters are not.
    void parserUtf8_data()
    {
        QTest::addColumn<QByteArray>("project");
        QTest::addColumn<bool>("valid");
        QTest::newRow("two bytes") << QByteArray("\xC3\xA9") << true;
        QTest::newRow("three bytes") << QByteArray("\xE7\xA0\x94") << true;
        QTest::newRow("four bytes") << QByteArray("\xF0\x9F\x98\x80") << true;
        QTest::newRow("U+10FFFF") << QByteArray("\xF4\x8F\xBF\xBF") << true;
        QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << false;
        QTest::newRow("overlong two") << QByteArray("\xC0\xAF") << false;
        QTest::newRow("overlong three") << QByteArray("\xE0\x80\xAF") << false;
        QTest::newRow("overlong four") << QByteArray("\xF0\x80\x80\xAF") << false;
        QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << false;
        QTest::newRow("lone continuation") << QByteArray("\x80") << false;
        QTest::newRow("truncated") << QByteArray("\xE7\xA0") << false;
        QTest::newRow("F5") << QByteArray("\xF5\x80\x80\x80") << false;
        QTest::newRow("FF") << QByteArray("\xFF") << false;
    }

    void parserUtf8()
    {
        QFETCH(QByteArray, project);
        QFETCH(bool, valid);
        RecordParser p = csvParser();
        CallRecord r;
        const auto got = p.parse(2, "2026-10-01T08:00:00+08:00,id-card,cn-north-4,200," + project + ",1", r);
        QCOMPARE(got.ok(), valid);
        if (valid)
            QCOMPARE(r.project, QString::fromUtf8(project));
        else
            QCOMPARE(got.error().message, QStringLiteral("line 2: the text is not valid UTF-8"));
    }

    // Plain ASCII digits (std::from_chars on an unsigned type), at most 18 of them.
    void parserNumbers_data()
    {
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<int>("expected"); // 0: refused
        QTest::newRow("plain") << QByteArray("404") << 404;
        QTest::newRow("leading zeros") << QByteArray("0200") << 200;
        QTest::newRow("18 digits") << QByteArray("000000000000000200") << 200;
        QTest::newRow("19 digits") << QByteArray("0000000000000000200") << 0;
        QTest::newRow("sign") << QByteArray("+200") << 0;
        QTest::newRow("minus") << QByteArray("-200") << 0;
        QTest::newRow("space") << QByteArray(" 200") << 0;
        QTest::newRow("trailing") << QByteArray("200x") << 0;
        QTest::newRow("hex") << QByteArray("0x1F4") << 0;
        QTest::newRow("empty") << QByteArray() << 0;
    }

    void parserNumbers()
    {
        QFETCH(QByteArray, status);
        QFETCH(int, expected);
        RecordParser p = csvParser();
        CallRecord r;
        const auto got = p.parse(2, "2026-10-01T08:00:00+08:00,id-card,cn-north-4," + status + ",,", r);
        QCOMPARE(got.ok(), expected != 0);
        if (expected)
            QCOMPARE(r.status, expected);
        else
            QCOMPARE(p.lastBad().column, QStringLiteral("4 (status)"));
    }

    void parserBlockCopies()
    {
        RecordParser p = csvParser();
        RecordParser block = p.forBlock();
        CallRecord a, b;
        QCOMPARE(*p.parse(9, kGood, a), Line::Record);
        QCOMPARE(*block.parse(9, kGood, b), Line::Record);
        QCOMPARE(b.project, a.project);
        QCOMPARE(b.line, a.line);
        QVERIFY(!b.project.isSharedWith(a.project)); // each block decodes its own strings
    }
};

QTEST_GUILESS_MAIN(TestCallRecordReader)
#include "tst_callrecordreader.moc"
