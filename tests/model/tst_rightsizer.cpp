// The renewal right-sizer (issue #16, billing-rules §6 and §10), values computed by hand, on both backends.
#include "analysis/renewalsizer.h"
#include "engine/funds.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "importcsv.h"
#include "testaccount.h"

#include <QTest>

using namespace billing;
using test::at;

namespace {
const QString kText = QStringLiteral("general-text");
const QString kBeijing = QStringLiteral("cn-north-4");
const QString kShanghai = QStringLiteral("cn-east-3");
const QString kHongKong = QStringLiteral("ap-southeast-1");

Money money(const char *text)
{
    return *Money::parse(QString::fromLatin1(text));
}

QByteArray calls(const char *when, const QString &region, qint64 count)
{
    return "timestamp,api,region,status,count\n" + QByteArray(when) + ",general-text," + region.toLatin1() +
           ",200," + QByteArray::number(count) + "\n";
}

qint64 buy(test::TestAccount &acc, const QString &region, const char *sku = "100k")
{
    packages::BuyRequest req;
    req.api = kText;
    req.region = region;
    req.sku = QString::fromLatin1(sku);
    auto bought = acc.run([&](Context &c) { return packages::buy(c, req); });
    if (!bought)
        qFatal("buy failed: %s", qPrintable(bought.error().message));
    return bought->front().id;
}
} // namespace

class TestRightSizer : public QObject
{
    Q_OBJECT

    // Three 100k packages of general-text bought 2026-10-01 08:00 (+08:00), so each term's last second is
    // 2027-10-01 23:59:59; the account is looked at on 2027-09-22 00:30, 10 days before the term ends.
    // Beijing: 10,000 calls on 07-01 and 15,000 on 09-01 (in the 30-day window) → it lapses with quota.
    // Shanghai: 3,000 calls on 07-01 → pay-per-use is cheapest. Hong Kong: 300,000 on 07-01 → 1m.
    std::unique_ptr<test::TestAccount> m_acc;
    qint64 m_ids[3] = {0, 0, 0};
    qint64 m_later = 0; // a general-text 1m in Beijing bought 2027-07-01: its term ends in 2028

    std::vector<RightSizing> sized(int within = 30, std::optional<qint64> id = std::nullopt)
    {
        auto r = m_acc->run([&](Context &c) { return rightSize(c, within, id); });
        if (!r)
            qFatal("rightSize failed: %s", qPrintable(r.error().message));
        return *r;
    }

private slots:
    void initTestCase()
    {
        m_acc = std::make_unique<test::TestAccount>();
        test::TestAccount &acc = *m_acc;
        for (const QString &region : {kBeijing, kShanghai, kHongKong})
            QVERIFY(acc.run([&](Context &c) { return services::setEnabled(c, kText, region, true); }).ok());
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, money("5000")); }).ok());
        m_ids[0] = buy(acc, kBeijing);
        m_ids[1] = buy(acc, kShanghai);
        m_ids[2] = buy(acc, kHongKong);
        acc.setNow("2027-07-01T09:30:00+08:00");
        QVERIFY(importCsv(acc, calls("2027-07-01T09:15:00+08:00", kBeijing, 10'000)).ok());
        QVERIFY(importCsv(acc, calls("2027-07-01T09:15:00+08:00", kShanghai, 3'000)).ok());
        QVERIFY(importCsv(acc, calls("2027-07-01T09:15:00+08:00", kHongKong, 300'000)).ok());
        m_later = buy(acc, kBeijing, "1m");
        acc.setNow("2027-09-01T09:30:00+08:00");
        QVERIFY(importCsv(acc, calls("2027-09-01T09:15:00+08:00", kBeijing, 15'000)).ok());
        acc.setNow("2027-09-22T00:30:00+08:00");
    }

    void endingInTenDaysWithLapsingQuota()
    {
        const std::vector<RightSizing> list = sized();
        QCOMPARE(int(list.size()), 3); // the 1m bought in July ends in 2028
        const RightSizing &r = list[0];
        QCOMPARE(r.packageId, m_ids[0]);
        QCOMPARE(r.sku, QStringLiteral("100k"));
        QCOMPARE(r.termEnd, at("2027-10-01T23:59:59+08:00"));
        QVERIFY(r.endsWithin);
        // The 1m bought in July is drawn on after the 100k (bought first): all 25,000 calls on the 100k.
        QCOMPARE(r.used, qint64(25'000));
        // 15,000 calls in the last 30 days; 10 days left from the last settled hour → 5,000 more.
        QCOMPARE(r.rateCalls, qint64(15'000));
        QCOMPARE(r.projectedUse, qint64(30'000));
        QCOMPARE(r.lapsingCalls, qint64(70'000));
        // 70,000 × 127.50 / 100,000 = 89.25.
        QCOMPARE(r.lapsingWorth, money("89.25"));
        // 25,000 in 90 days → 8,333 a month (floor of ÷ 3) → 99,996 in a term.
        QCOMPARE(r.usageCalls, qint64(25'000));
        QCOMPARE(r.monthlyCalls, qint64(8'333));
        QCOMPARE(r.nextTermCalls, qint64(99'996));
        // Pay-per-use 8,333 × 1.50 / 1,000 = 12.4995 → 12.49 a month; 100k 127.50 / 12 = 10.625 → 10.62.
        QCOMPARE(r.best, QStringLiteral("100k"));
        QCOMPARE(r.bestCost, money("127.44"));
        QCOMPARE(r.currentCost, money("127.44"));
        QCOMPARE(r.yearlyDifference, Money());
    }

    void smallUsageMakesPayPerUseBest()
    {
        const RightSizing r = sized()[1];
        QCOMPARE(r.packageId, m_ids[1]);
        QCOMPARE(r.used, qint64(3'000));
        QCOMPARE(r.rateCalls, qint64(0));
        QCOMPARE(r.projectedUse, qint64(3'000));
        QCOMPARE(r.lapsingCalls, qint64(97'000));
        QCOMPARE(r.lapsingWorth, money("123.675")); // 97,000 × 0.001275, 8 decimals
        QCOMPARE(r.monthlyCalls, qint64(1'000));
        QCOMPARE(r.best, QStringLiteral("pay-per-use"));
        QCOMPARE(r.bestCost, money("18.00"));     // 12 × 1.50
        QCOMPARE(r.currentCost, money("127.44")); // 12 × 10.62
        QCOMPARE(r.yearlyDifference, money("109.44"));
    }

    void heavyUsageMakesABiggerSizeBest()
    {
        const RightSizing r = sized()[2];
        QCOMPARE(r.packageId, m_ids[2]);
        QCOMPARE(r.used, qint64(100'000));
        QCOMPARE(r.projectedUse, qint64(100'000));
        QCOMPARE(r.lapsingCalls, qint64(0));
        QCOMPARE(r.lapsingWorth, Money());
        QCOMPARE(r.monthlyCalls, qint64(100'000));
        QCOMPARE(r.nextTermCalls, qint64(1'200'000));
        // 1m: 1,200.00 / 12 = 100.00 + (100,000 − 83,333) × 1.50 / 1,000 = 25.0005 → 125.00 a month.
        // 100k: 10.62 + 91,667 × 1.50 / 1,000 = 137.5005 → 148.12. Pay-per-use 150.00, 5m 468.75.
        QCOMPARE(r.best, QStringLiteral("1m"));
        QCOMPARE(r.bestCost, money("1500.00"));
        QCOMPARE(r.currentCost, money("1777.44"));
        QCOMPARE(r.yearlyDifference, money("277.44"));
    }

    void figuresEqualThePriceCalculatorsForTheSameVolume()
    {
        for (const RightSizing &r : sized()) {
            auto quotes = m_acc->run(
                [&](Context &c) { return priceCalculator(c.catalog, r.api, r.monthlyCalls, c.now); });
            QVERIFY(quotes.ok());
            int matched = 0;
            for (const Quote &q : *quotes) {
                if (q.option == r.best) {
                    QCOMPARE(r.bestCost, *Money::times(q.monthlyCost, 12));
                    ++matched;
                }
                if (q.option == r.sku) {
                    QCOMPARE(r.currentCost, *Money::times(q.monthlyCost, 12));
                    ++matched;
                }
                // Nothing the calculator quotes is cheaper than the advice.
                QVERIFY(q.monthlyCost >= *Money::scaled(r.bestCost, 1, 12));
            }
            QCOMPARE(matched, 2);
            QCOMPARE(int(r.options.size()), int(quotes->size()));
        }
    }

    void anyPackageByIdAndTheWindow()
    {
        // The 1m ends 2028-07-01: not within 30 days, but shown when asked for by id, and within 366.
        std::vector<RightSizing> one = sized(30, m_later);
        QCOMPARE(int(one.size()), 1);
        QCOMPARE(one[0].packageId, m_later);
        QVERIFY(!one[0].endsWithin);
        QCOMPARE(one[0].used, qint64(0)); // Beijing's calls went to the older 100k first
        QCOMPARE(int(sized(366).size()), 4);
        QCOMPARE(int(sized(1).size()), 0);
    }

    void refusals()
    {
        auto unknown = m_acc->run([](Context &c) { return rightSize(c, 30, 999); });
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::Refused);
        for (int bad : {0, 367, -1}) {
            auto r = m_acc->run([bad](Context &c) { return rightSize(c, bad); });
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, ErrorCode::BadUsage);
        }
    }

    void aSizeSetForAutoRenewIsShownAndTheChainsLastTermIsSized()
    {
        const qint64 id = m_ids[2];
        QVERIFY(m_acc
                    ->run([&](Context &c) {
                        return packages::setAutoRenew(c, id, true, std::nullopt, QStringLiteral("1m"));
                    })
                    .ok());
        RightSizing r = sized(30, id)[0];
        QCOMPARE(r.renewSku, std::optional<QString>(QStringLiteral("1m")));
        // Renewed: the chain's last term is the new 1m term, which the right-sizer then sizes.
        auto renewed = m_acc->run([&](Context &c) { return packages::renew(c, id, QStringLiteral("1m")); });
        QVERIFY(renewed.ok());
        r = sized(30, id)[0];
        QCOMPARE(r.packageId, renewed->id);
        QCOMPARE(r.sku, QStringLiteral("1m"));
        QCOMPARE(r.best, QStringLiteral("1m"));
        QCOMPARE(r.yearlyDifference, Money());
        QCOMPARE(r.used, qint64(0));
        // The older term has left the list of terms ending within 30 days.
        for (const RightSizing &s : sized())
            QVERIFY(s.packageId != id);
    }
};

QTEST_GUILESS_MAIN(TestRightSizer)
#include "tst_rightsizer.moc"
