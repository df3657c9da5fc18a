// The model additions behind the finance pages: exact decimal texts, the record queries' new filter
// fields and totals, and the opt-in check that lists every refused line of a call-record file while
// the reader's default (stop at the first bad line) stays as it was.
#include "catalog/catalog.h"
#include "engine/billview.h"
#include "usage/callrecordcheck.h"
#include "usage/callrecordreader.h"

#include <QBuffer>
#include <QTest>

using namespace billing;

namespace {
CallRecordCheck check(const QByteArray &text, const CallRecordCheckOptions &options = {})
{
    static const auto catalog = Catalog::builtIn();
    QByteArray data = text;
    QBuffer buf(&data);
    buf.open(QIODevice::ReadOnly);
    auto r = checkCallRecords(buf, *catalog, options);
    if (!r)
        qFatal("check failed: %s", qPrintable(r.error().message));
    return *r;
}
} // namespace

class TestBillView : public QObject
{
    Q_OBJECT

private slots:
    void exactDecimalTexts()
    {
        QCOMPARE(exactDecimalText(0, 11, 8), QStringLiteral("0.00000000"));
        QCOMPARE(exactDecimalText(Int128(5555) * 150000000, 11, 8), QStringLiteral("8.33250000"));
        QCOMPARE(exactDecimalText(Int128(333) * 150000000, 11, 8), QStringLiteral("0.49950000"));
        QCOMPARE(exactDecimalText(Int128(1) * 123456789, 11, 8), QStringLiteral("0.00123456789"));
        QCOMPARE(exactDecimalText(-Int128(1) * 150000000, 11, 8), QStringLiteral("-0.00150000"));
        QCOMPARE(exactDecimalText(Int128(12345), 2, 2), QStringLiteral("123.45"));
    }

    void checkListsEveryBadLineAndGoesOn()
    {
        const CallRecordCheck c = check("timestamp,api,region,status\n"
                                        "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200\n"
                                        "2026-10-01T08:00:00+08:00,nope,cn-north-4,200\n"
                                        "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200,x\n"
                                        "2026-10-01T08:00:00+08:00,general-text,cn-north-4,99\n"
                                        "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200\n");
        QCOMPARE(c.records, qint64(2));
        QCOMPARE(c.problems.size(), size_t(3));
        QCOMPARE(c.problems[0].line, qint64(3));
        QCOMPARE(c.problems[0].column, QStringLiteral("2 (api)"));
        QCOMPARE(c.problems[1].line, qint64(4));
        QVERIFY(c.problems[1].column.isEmpty());
        QVERIFY(c.problems[1].reason.contains(QStringLiteral("expected 4 fields")));
        QCOMPARE(c.problems[2].column, QStringLiteral("4 (status)"));
        QVERIFY(!c.stopped);
    }

    void checkReadsJsonLinesAndStopsAtABadHeader()
    {
        const CallRecordCheck json = check("{\"timestamp\":\"2026-10-01T08:00:00+08:00\",\"api\":\"x\","
                                           "\"region\":\"cn-north-4\",\"status\":200}\n"
                                           "{\"timestamp\":\"2026-10-01T08:00:00+08:00\",\"api\":\"general-"
                                           "text\",\"region\":\"cn-north-4\",\"status\":200}\n"
                                           "not json\n");
        QCOMPARE(json.records, qint64(1));
        QCOMPARE(json.problems.size(), size_t(2));
        QCOMPARE(json.problems[0].column, QStringLiteral("api"));
        QCOMPARE(json.problems[1].line, qint64(3));
        const CallRecordCheck header = check("timestamp,api,colour\n1,2,3\n");
        QVERIFY(header.stopped);
        QCOMPARE(header.problems.size(), size_t(1));
    }

    void checkNamesFutureAndLateRecordsAndStopsAtTheLimit()
    {
        CallRecordCheckOptions o;
        o.notAfter = *BillingCalendar::parseTimestamp(u"2026-10-01T10:00:00+08:00");
        o.settledBefore = *BillingCalendar::parseTimestamp(u"2026-10-01T09:00:00+08:00");
        const CallRecordCheck c = check("timestamp,api,region,status\n"
                                        "2026-10-01T08:30:00+08:00,general-text,cn-north-4,200\n"
                                        "2026-10-01T09:30:00+08:00,general-text,cn-north-4,200\n"
                                        "2026-10-01T10:30:00+08:00,general-text,cn-north-4,200\n",
                                        o);
        QCOMPARE(c.problems.size(), size_t(2));
        QCOMPARE(c.lateRecords, qint64(1));
        QVERIFY(c.problems[0].reason.startsWith(QStringLiteral("late")));
        QVERIFY(c.problems[1].reason.contains(QStringLiteral("later than now")));
        QByteArray many = "timestamp,api,region,status\n";
        for (int i = 0; i < 20; ++i)
            many += "bad,general-text,cn-north-4,200\n";
        CallRecordCheckOptions few;
        few.maxProblems = 5;
        const CallRecordCheck limited = check(many, few);
        QCOMPARE(limited.problems.size(), size_t(5));
        QVERIFY(limited.truncated);
    }

    void theReaderStillStopsAtTheFirstBadLineByDefault()
    {
        const auto catalog = Catalog::builtIn();
        QByteArray data = "timestamp,api,region,status\n"
                          "2026-10-01T08:00:00+08:00,nope,cn-north-4,200\n"
                          "2026-10-01T08:00:00+08:00,general-text,cn-north-4,200\n";
        QBuffer buf(&data);
        buf.open(QIODevice::ReadOnly);
        CallRecordReader reader(buf, *catalog);
        CallRecord rec;
        const auto first = reader.next(rec);
        QVERIFY(!first.ok());
        QVERIFY(reader.hasStopped());
        const auto again = reader.next(rec);
        QVERIFY(!again.ok());
        QCOMPARE(again.error().message, first.error().message);
    }
};

QTEST_MAIN(TestBillView)
#include "tst_billview.moc"
