#include "analysis/marginalprice.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "importcsv.h"
#include "testaccount.h"

#include <QBuffer>
#include <QTest>

using namespace billing;
using test::at;

namespace {
const QString kText = QStringLiteral("general-text");
const QString kBeijing = QStringLiteral("cn-north-4");

Money money(const char *text)
{
    return *Money::parse(QString::fromLatin1(text));
}

QByteArray calls(qint64 count)
{
    return "timestamp,api,region,status,count\n2026-10-01T09:15:00+08:00,general-text,cn-north-4,200," +
           QByteArray::number(count) + "\n";
}

MarginalPrice now(test::TestAccount &acc)
{
    auto prices = acc.run([](Context &c) { return marginalPrices(c, {{kText, kBeijing}}); });
    if (!prices || prices->size() != 1)
        qFatal("marginalPrices failed");
    return prices->front();
}
} // namespace

class TestMarginalPrice : public QObject
{
    Q_OBJECT
private slots:
    void tierBoundaries_data()
    {
        QTest::addColumn<QString>("api");
        QTest::addColumn<qint64>("counter");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("parts");
        // billing-rules §2: GENERAL 1.50 / 1.20 / 0.90, CARD 3.00 / 2.40 / 1.80, RECEIPT 4.00 / 3.20 / 2.40.
        QTest::newRow("general, first call") << kText << qint64(0) << "1.50000000" << 1;
        QTest::newRow("general, 500 + 500") << kText << qint64(999'500) << "1.35000000" << 2; // .75 + .60
        QTest::newRow("general, ends on the boundary") << kText << qint64(999'000) << "1.50000000" << 1;
        QTest::newRow("general, starts past it") << kText << qint64(1'000'000) << "1.20000000" << 1;
        // 1 × 2.40 + 999 × 1.80 = 1,800.60 per 1,000 × 1,000: a rate below the cent, kept to 8 decimals.
        QTest::newRow("card, 1 + 999")
            << QStringLiteral("passport") << qint64(4'999'999) << "1.80060000" << 2;
        // 1 × 4.00 + 999 × 3.20 = 3,200.80 → 3.20080000.
        QTest::newRow("receipt, 1 + 999")
            << QStringLiteral("vat-invoice") << qint64(999'999) << "3.20080000" << 2;
    }
    void tierBoundaries()
    {
        QFETCH(QString, api);
        QFETCH(qint64, counter);
        QFETCH(QString, expected);
        QFETCH(int, parts);
        const Catalog catalog = *Catalog::builtIn();
        auto m = marginalPrice(catalog, api, kBeijing, counter, {}, at("2026-10-15T12:00:00+08:00"));
        QVERIFY(m.ok());
        QCOMPARE(m->per1000, money(qPrintable(expected)));
        QCOMPARE(m->per1000.toString(8), expected);
        QCOMPARE(int(m->parts.size()), parts);
        qint64 sum = 0;
        for (const MarginalPart &p : m->parts)
            sum += p.calls;
        QCOMPARE(sum, kMarginalCalls);
        if (counter == 999'500) {
            QCOMPARE(m->parts[0].calls, qint64(500));
            QCOMPARE(m->parts[0].tier, 0);
            QCOMPARE(m->parts[1].calls, qint64(500));
            QCOMPARE(m->parts[1].tier, 1);
            QCOMPARE(m->parts[1].pricePer1000, money("1.20"));
        }
    }

    void packagesInForceAreDrawnOnFirstInDeductionOrder()
    {
        // Only packages of this API and region, in force at `at`, with quota left count; the one that
        // started first is drawn on first (billing-rules §5). 200 + 300 from packages, 500 at tier 2.
        const Catalog catalog = *Catalog::builtIn();
        const Instant when = at("2026-10-15T12:00:00+08:00");
        const auto pkg = [](qint64 id, const char *effective, const char *end, qint64 remaining) {
            Package p;
            p.id = id;
            p.api = kText;
            p.region = kBeijing;
            p.sku = QStringLiteral("100k");
            p.quota = 100'000;
            p.remaining = remaining;
            p.effectiveAt = at(effective);
            p.purchasedAt = p.effectiveAt;
            p.endAt = at(end);
            return p;
        };
        std::vector<Package> packages{
            pkg(1, "2026-10-10T00:00:00+08:00", "2026-11-10T00:00:00+08:00", 300),
            pkg(2, "2026-10-01T00:00:00+08:00", "2026-11-01T00:00:00+08:00", 200),
            pkg(3, "2026-10-16T00:00:00+08:00", "2026-11-16T00:00:00+08:00", 100'000), // not yet
            pkg(4, "2026-09-01T00:00:00+08:00", "2026-10-01T00:00:00+08:00", 90'000),  // expired
            pkg(5, "2026-10-01T00:00:00+08:00", "2026-11-01T00:00:00+08:00", 0),       // used up
            pkg(6, "2026-10-01T00:00:00+08:00", "2026-11-01T00:00:00+08:00", 50'000),  // cancelled
            pkg(7, "2026-10-01T00:00:00+08:00", "2026-11-01T00:00:00+08:00", 50'000),  // other region
        };
        packages[5].cancelledAt = at("2026-10-05T00:00:00+08:00");
        packages[6].region = QStringLiteral("cn-east-3");
        auto m = marginalPrice(catalog, kText, kBeijing, 1'000'000, packages, when);
        QVERIFY(m.ok());
        QCOMPARE(int(m->parts.size()), 3);
        QCOMPARE(m->parts[0].packageId, qint64(2));
        QCOMPARE(m->parts[0].calls, qint64(200));
        QCOMPARE(m->parts[1].packageId, qint64(1));
        QCOMPARE(m->parts[1].calls, qint64(300));
        QCOMPARE(m->parts[2].packageId, qint64(0));
        QCOMPARE(m->parts[2].calls, qint64(500));
        QCOMPARE(m->parts[2].tier, 1);
        QCOMPARE(m->per1000, money("0.60")); // 500 × 1.20 / 1,000
        // Enough quota: the next 1,000 calls cost nothing, whatever tier the counter stands in.
        packages[0].remaining = 5'000;
        m = marginalPrice(catalog, kText, kBeijing, 1'000'000, packages, when);
        QVERIFY(m.ok());
        QCOMPARE(m->per1000, Money());
        QCOMPARE(int(m->parts.size()), 2);
        QCOMPARE(m->parts[1].calls, qint64(800));
    }

    void unknownNamesAreRefused()
    {
        const Catalog catalog = *Catalog::builtIn();
        QVERIFY(!marginalPrice(catalog, QStringLiteral("nope"), kBeijing, 0, {}, 0).ok());
        QVERIFY(!marginalPrice(catalog, kText, QStringLiteral("mars"), 0, {}, 0).ok());
    }

    void fromTheAccountsCounterAndRollsOverWithTheMonth()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([](Context &c) { return services::setEnabled(c, kText, kBeijing, true); }).ok());
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, money("2000")); }).ok());
        QCOMPARE(now(acc).per1000, money("1.50"));
        acc.setNow("2026-10-01T09:30:00+08:00"); // after the calls
        QVERIFY(importCsv(acc, calls(999'500)).ok());
        acc.setNow("2026-10-01T11:00:00+08:00");
        MarginalPrice m = now(acc);
        QCOMPARE(m.monthCalls, qint64(999'500));
        QCOMPARE(m.per1000, money("1.35"));
        // A disabled service still shows what its calls would cost.
        QVERIFY(acc.run([](Context &c) { return services::setEnabled(c, kText, kBeijing, false); }).ok());
        QCOMPARE(now(acc).per1000, money("1.35"));
        // The next month's counter starts at 0: the first tier again.
        acc.setNow("2026-11-01T00:30:00+08:00");
        m = now(acc);
        QCOMPARE(m.monthCalls, qint64(0));
        QCOMPARE(m.per1000, money("1.50"));
    }

    void aPackageWithQuotaLeftCostsNothingThenItsRemainderAtTheTier()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([](Context &c) { return services::setEnabled(c, kText, kBeijing, true); }).ok());
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, money("200")); }).ok());
        packages::BuyRequest req;
        req.api = kText;
        req.region = kBeijing;
        req.sku = QStringLiteral("100k");
        auto bought = acc.run([&](Context &c) { return packages::buy(c, req); });
        QVERIFY(bought.ok());
        const qint64 id = bought->front().id;
        MarginalPrice m = now(acc);
        QCOMPARE(m.per1000, Money());
        QCOMPARE(int(m.parts.size()), 1);
        QCOMPARE(m.parts[0].packageId, id);
        QCOMPARE(m.parts[0].calls, qint64(1000));
        // 300 left: 300 from the package, 700 at tier 1 (the counter has not moved): 700 × 1.50 / 1000.
        acc.setNow("2026-10-01T09:30:00+08:00");
        QVERIFY(importCsv(acc, calls(99'700)).ok());
        acc.setNow("2026-10-01T11:00:00+08:00");
        m = now(acc);
        QCOMPARE(m.monthCalls, qint64(0));
        QCOMPARE(int(m.parts.size()), 2);
        QCOMPARE(m.parts[0].packageId, id);
        QCOMPARE(m.parts[0].calls, qint64(300));
        QCOMPARE(m.parts[1].packageId, qint64(0));
        QCOMPARE(m.parts[1].calls, qint64(700));
        QCOMPARE(m.per1000, money("1.05"));
    }
};

QTEST_GUILESS_MAIN(TestMarginalPrice)
#include "tst_marginalprice.moc"
