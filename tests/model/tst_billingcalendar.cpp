#include "time/billingcalendar.h"
#include "time/clock.h"

#include <QTest>

using namespace billing;

namespace {
Instant ts(const char *iso)
{
    return *BillingCalendar::parseTimestamp(QString::fromLatin1(iso));
}
} // namespace

class TestBillingCalendar : public QObject
{
    Q_OBJECT
private slots:
    void parsesAndFormatsIso()
    {
        const BillingCalendar cal;
        QCOMPARE(cal.format(ts("2026-10-01T08:00:00+08:00")), QStringLiteral("2026-10-01T08:00:00+08:00"));
        QCOMPARE(cal.format(ts("2026-10-01T00:00:00Z")), QStringLiteral("2026-10-01T08:00:00+08:00"));
        QCOMPARE(cal.format(ts("2026-10-01T08:00:00.250+08:00")),
                 QStringLiteral("2026-10-01T08:00:00.250+08:00"));
        QCOMPARE(ts("2026-10-01T08:00:00.000001+08:00") - ts("2026-10-01T08:00:00+08:00"), Instant(1));
        QCOMPARE(ts("2026-10-01T03:00:00-05:00"), ts("2026-10-01T16:00:00+08:00"));
        QCOMPARE(BillingCalendar(-5 * 3600).format(ts("2026-10-01T16:00:00+08:00")),
                 QStringLiteral("2026-10-01T03:00:00-05:00"));
    }

    void refusesBadTimestamps_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *bad :
             {"2026-10-01T08:00:00", "2026-10-01", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
              "2026-10-01T24:00:00Z", "2026-10-01T08:00:00.+08:00", "2026-10-01T08:00:00.1234567Z",
              "2026-10-01T08:00:00+0800", "x", "", "2026-10-01T08:00:00+08:00 ", "1969-12-31T23:59:59Z"})
            QTest::newRow(bad) << QString::fromLatin1(bad);
    }
    void refusesBadTimestamps()
    {
        QFETCH(QString, text);
        QVERIFY(!BillingCalendar::parseTimestamp(text).ok());
    }

    void hourDayMonthBoundariesInTheBillingOffset()
    {
        const BillingCalendar cal; // UTC+08:00
        const Instant t = ts("2026-10-01T00:30:00+08:00");
        QCOMPARE(cal.format(cal.hourStart(t)), QStringLiteral("2026-10-01T00:00:00+08:00"));
        QCOMPARE(cal.format(cal.dayStart(t)), QStringLiteral("2026-10-01T00:00:00+08:00"));
        QCOMPARE(cal.format(cal.monthStart(t)), QStringLiteral("2026-10-01T00:00:00+08:00"));
        QCOMPARE(cal.monthKey(t), QStringLiteral("2026-10"));
        // The same instant is still September in UTC.
        QCOMPARE(BillingCalendar(0).monthKey(t), QStringLiteral("2026-09"));
        QCOMPARE(cal.format(cal.nextMonthStart(ts("2026-12-31T23:59:59+08:00"))),
                 QStringLiteral("2027-01-01T00:00:00+08:00"));
        QCOMPARE(cal.format(cal.addMonths(cal.monthStart(t), -10)),
                 QStringLiteral("2025-12-01T00:00:00+08:00"));
        QCOMPARE(cal.format(cal.hourStart(ts("2026-10-01T09:59:59.999999+08:00"))),
                 QStringLiteral("2026-10-01T09:00:00+08:00"));
        QCOMPARE(*cal.parseMonth(u"2026-10"), ts("2026-10-01T00:00:00+08:00"));
        QVERIFY(!cal.parseMonth(u"2026-13").ok());
        QVERIFY(!cal.parseMonth(u"26-10").ok());
    }

    void oneYearTermEndsOnTheSameDateAt235959()
    {
        const BillingCalendar cal;
        // Provider example: bought 2023-04-19 14:25:10 → valid until 2024-04-19 23:59:59.
        const Instant end = cal.oneYearTermEnd(ts("2023-04-19T14:25:10+08:00"));
        QCOMPARE(cal.format(end - kMicrosPerSecond), QStringLiteral("2024-04-19T23:59:59+08:00"));
        QCOMPARE(cal.format(end), QStringLiteral("2024-04-20T00:00:00+08:00"));
        // 29 February → 28 February of the next year (ours).
        QCOMPARE(cal.format(cal.oneYearTermEnd(ts("2024-02-29T10:00:00+08:00")) - kMicrosPerSecond),
                 QStringLiteral("2025-02-28T23:59:59+08:00"));
        QCOMPARE(BillingCalendar::sameDateNextYear({2023, 2, 28}), (CivilDate{2024, 2, 28}));
        QCOMPARE(BillingCalendar::sameDateNextYear({2024, 2, 29}), (CivilDate{2025, 2, 28}));
    }

    void civilDateRoundTrips()
    {
        for (qint64 d = -1000; d < 200000; d += 37)
            QCOMPARE(daysFromCivil(civilFromDays(d)), d);
        QCOMPARE(daysFromCivil({1970, 1, 1}), qint64(0));
        QCOMPARE(daysFromCivil({2000, 3, 1}), qint64(11017));
    }

    void parsesOffsets()
    {
        QCOMPARE(*BillingCalendar::parseOffset(u"+08:00"), 8 * 3600);
        QCOMPARE(*BillingCalendar::parseOffset(u"-05:30"), -(5 * 3600 + 1800));
        QCOMPARE(*BillingCalendar::parseOffset(u"Z"), 0);
        QVERIFY(!BillingCalendar::parseOffset(u"+8").ok());
        QVERIFY(!BillingCalendar::parseOffset(u"+15:00").ok());
    }

    void clocksAreInjected()
    {
        FixedClock c(ts("2026-10-01T08:00:00+08:00"));
        c.advance(kMicrosPerHour);
        QCOMPARE(BillingCalendar().format(c.now()), QStringLiteral("2026-10-01T09:00:00+08:00"));
        QVERIFY(SystemClock().now() > ts("2026-01-01T00:00:00Z"));
    }
};

QTEST_GUILESS_MAIN(TestBillingCalendar)
#include "tst_billingcalendar.moc"
