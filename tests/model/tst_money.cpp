#include "money/money.h"

#include <QLocale>
#include <QTest>

using billing::ErrorCode;
using billing::Int128;
using billing::Money;

class TestMoney : public QObject
{
    Q_OBJECT
private slots:
    void parsesExactDecimals_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("units");
        QTest::newRow("whole") << "12" << qint64(1'200'000'000);
        QTest::newRow("cents") << "12.34" << qint64(1'234'000'000);
        QTest::newRow("fee") << "0.04599822" << qint64(4'599'822);
        QTest::newRow("one unit") << "0.00000001" << qint64(1);
        QTest::newRow("negative") << "-2.50" << qint64(-250'000'000);
        QTest::newRow("zero") << "0" << qint64(0);
        QTest::newRow("max") << "92233720368.54775807" << std::numeric_limits<qint64>::max();
    }
    void parsesExactDecimals()
    {
        QFETCH(QString, text);
        QFETCH(qint64, units);
        const auto m = Money::parse(text);
        QVERIFY2(m.ok(), qPrintable(m.ok() ? QString() : m.error().message));
        QCOMPARE(m->units(), units);
    }

    void refusesGarbage_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *bad : {"", "-", ".5", "5.", "+5", "1e3", "1,5", " 1", "1 ", "0.000000001", "1.2.3",
                                "--1", "92233720368.54775808", "99999999999999999999", "abc", "1.-2", "１"})
            QTest::newRow(bad) << QString::fromUtf8(bad);
    }
    void refusesGarbage()
    {
        QFETCH(QString, text);
        const auto m = Money::parse(text);
        QVERIFY(!m.ok());
        QVERIFY(!m.error().message.isEmpty());
    }

    void truncatesToCentsKeepingTheRemainder()
    {
        // billing-rules §3 provider example.
        const Money fee = *Money::parse(u"0.04599822");
        QCOMPARE(fee.truncatedToCents().toString(), QStringLiteral("0.04"));
        QCOMPARE(fee.centRemainder().toString(8), QStringLiteral("0.00599822"));
        QCOMPARE(fee.truncatedToCents() + fee.centRemainder(), fee);
        // §11.8: one call costs 0.0015.
        const Money one = *Money::parse(u"0.0015");
        QCOMPARE(one.truncatedToCents(), Money());
        QCOMPARE(one.centRemainder().toString(8), QStringLiteral("0.00150000"));
        // Boundary: exactly one cent stays, one unit below a cent goes.
        QCOMPARE(Money::fromUnits(Money::CentUnits).truncatedToCents(), Money::fromCents(1));
        QCOMPARE(Money::fromUnits(Money::CentUnits - 1).truncatedToCents(), Money());
    }

    void formatsExactly()
    {
        QCOMPARE(Money::fromCents(1234).toString(), QStringLiteral("12.34"));
        QCOMPARE(Money::fromCents(-250).toString(), QStringLiteral("-2.50"));
        QCOMPARE(Money::fromUnits(150'000).toString(8), QStringLiteral("0.00150000"));
        QCOMPARE(Money::fromUnits(150'000).toString(2), QStringLiteral("0.0015")); // never rounded
        QCOMPARE(Money().toString(), QStringLiteral("0.00"));
        QCOMPARE(Money::fromUnits(std::numeric_limits<qint64>::max()).toString(),
                 QStringLiteral("92233720368.54775807"));
        for (const char *t : {"0.01", "-0.00000001", "10000000.00", "0.04599822"})
            QCOMPARE(Money::parse(QString::fromLatin1(t))->toString(2), QString::fromLatin1(t));
    }

    void displaysThroughTheLocale()
    {
        const Money m = Money::fromCents(123456789);
        QCOMPARE(m.toDisplayString(QLocale(QLocale::English, QLocale::UnitedStates)),
                 QStringLiteral("1,234,567.89"));
        QCOMPARE(m.toDisplayString(QLocale(QLocale::German, QLocale::Germany)),
                 QStringLiteral("1.234.567,89"));
        QCOMPARE((-m).toDisplayString(QLocale(QLocale::English, QLocale::UnitedStates)),
                 QStringLiteral("-1,234,567.89"));
    }

    void multipliesWith128BitIntermediates()
    {
        const Money price = *Money::parse(u"1.50");
        QCOMPARE(Money::times(price, 1000)->toString(), QStringLiteral("1500.00"));
        QVERIFY(!Money::times(Money::fromUnits(std::numeric_limits<qint64>::max() / 2), 3).ok());
        // 1.50 per 1000 calls × 1 call = 0.0015, floored at 8 decimals.
        QCOMPARE(Money::scaled(price, 1, 1000)->units(), qint64(150'000));
        QCOMPARE(Money::scaled(Money::fromUnits(1), 1, 3)->units(), qint64(0));
        QCOMPARE(Money::scaled(Money::fromUnits(-1), 1, 3)->units(), qint64(-1)); // floor, not toward zero
        // A product that overflows 64 bits on the way but not in the result.
        const Money big = Money::fromUnits(Money::LimitUnits);
        QCOMPARE(Money::scaled(big, 16, 32)->units(), Money::LimitUnits / 2);
    }

    // billing-rules §3 Range: ±10,000,000,000.00, named exactly when a result leaves it.
    void refusesAmountsOutOfRange()
    {
        QVERIFY(Money::inRange(Int128(Money::LimitUnits)).ok());
        QVERIFY(Money::inRange(-Int128(Money::LimitUnits)).ok());
        auto over = Money::inRange(Int128(Money::LimitUnits) + 1);
        QVERIFY(!over.ok());
        QCOMPARE(over.error().code, ErrorCode::Refused);
        QCOMPARE(
            over.error().message,
            QStringLiteral("the amount 10000000000.00000001 is outside the range of ±10,000,000,000.00"));
        QCOMPARE(Money::unitsToString(-Int128(Money::LimitUnits) * 1000),
                 QStringLiteral("-10000000000000.00"));
        QVERIFY(!Money::times(Money::fromCents(1'000'000'000), 1001).ok()); // 10,000,000.00 × 1001
        QVERIFY(!Money::fromUnits(Money::LimitUnits + 1).isInRange());
    }

    void compares()
    {
        QVERIFY(Money::fromCents(1) > Money());
        QVERIFY(Money::fromCents(-1).isNegative());
        QCOMPARE(Money::min(Money::fromCents(3), Money::fromCents(2)), Money::fromCents(2));
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
