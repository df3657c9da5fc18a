#include "engine/accountstatus.h"
#include "engine/bills.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/payment.h"
#include "engine/services.h"
#include "engine/settlement.h"
#include "engine/verifier.h"
#include "testaccount.h"

#include <QBuffer>
#include <QTest>

using namespace billing;
using test::at;

namespace {
Package pkg(qint64 id, const char *effective, const char *lastDay, const char *purchased)
{
    Package p;
    p.id = id;
    p.effectiveAt = at(effective);
    p.endAt = at(lastDay) + kMicrosPerDay;
    p.purchasedAt = at(purchased);
    return p;
}

Result<ImportSummary> importCsv(test::TestAccount &acc, const QByteArray &csv, bool late = false)
{
    QByteArray data = csv;
    QBuffer buf(&data);
    buf.open(QIODevice::ReadOnly);
    return acc.engine->runThenCatchUp([&](Context &c) {
        return importCalls(c, buf, ImportOptions{QStringLiteral("t"), late});
    });
}
} // namespace

class TestSettlement : public QObject
{
    Q_OBJECT
private slots:
    void deductionOrderFollowsTheProviderExample()
    {
        // A effective 01-01 expires 12-31, B effective 01-01 expires 06-30, C effective 02-01 expires 06-30 →
        // B, A, C.
        std::vector<Package> ps = {
            pkg(1, "2024-01-01T00:00:00+08:00", "2024-12-31T00:00:00+08:00", "2023-12-01T00:00:00+08:00"),
            pkg(2, "2024-01-01T00:00:00+08:00", "2024-06-30T00:00:00+08:00", "2023-12-02T00:00:00+08:00"),
            pkg(3, "2024-02-01T00:00:00+08:00", "2024-06-30T00:00:00+08:00", "2023-11-01T00:00:00+08:00")};
        std::sort(ps.begin(), ps.end(), deductsBefore);
        QCOMPARE(ps[0].id, qint64(2));
        QCOMPARE(ps[1].id, qint64(1));
        QCOMPARE(ps[2].id, qint64(3));
        // Ties: earlier purchase, then lower id.
        Package a =
            pkg(7, "2024-01-01T00:00:00+08:00", "2024-12-31T00:00:00+08:00", "2023-12-01T00:00:00+08:00");
        Package b = a;
        b.id = 5;
        QVERIFY(deductsBefore(b, a));
        b.purchasedAt += 1;
        QVERIFY(deductsBefore(a, b));
    }

    void couponsPayScopedFirstThenEarlierExpiry()
    {
        std::vector<Coupon> cs(4);
        cs[0] = {1,    Money::fromCents(500), Money::fromCents(500), 0, at("2027-01-01T00:00:00Z"), QString(),
                 false};
        cs[1] = {2,    Money::fromCents(500), Money::fromCents(500), 0, at("2026-12-01T00:00:00Z"), QString(),
                 false};
        cs[2] = {3,    Money::fromCents(500),      Money::fromCents(500),
                 0,    at("2027-06-01T00:00:00Z"), QStringLiteral("passport"),
                 false};
        cs[3] = {4,    Money::fromCents(500), Money::fromCents(500), 0, at("2026-01-01T00:00:00Z"), QString(),
                 false}; // expired
        const auto order = payment::usableCoupons(cs, QStringLiteral("passport"), at("2026-06-01T00:00:00Z"));
        QCOMPARE(order.size(), size_t(3));
        QCOMPARE(order[0]->id, qint64(3));
        QCOMPARE(order[1]->id, qint64(2));
        QCOMPARE(order[2]->id, qint64(1));
        QCOMPARE(payment::usableCoupons(cs, QStringLiteral("id-card"), at("2026-06-01T00:00:00Z")).size(),
                 size_t(2));
        // A coupon is valid strictly before its expiry (§12.4).
        QCOMPARE(payment::usableCoupons(cs, QStringLiteral("id-card"), at("2026-12-01T00:00:00Z")).size(),
                 size_t(1));
    }

    void chargesCreateArrearsOnlyForTheUncoveredPart()
    {
        std::vector<Coupon> none;
        auto plan =
            payment::planCharge(none, QStringLiteral("x"), Money::fromCents(500), Money::fromCents(200), 0);
        QCOMPARE(plan.fromCash, Money::fromCents(200));
        QCOMPARE(plan.arrears, Money::fromCents(300));
        plan =
            payment::planCharge(none, QStringLiteral("x"), Money::fromCents(500), Money::fromCents(-100), 0);
        QCOMPARE(plan.fromCash, Money());
        QCOMPARE(plan.arrears, Money::fromCents(500));
        // Purchases never use a negative balance and never create arrears.
        QVERIFY(!payment::planPurchase(none, QStringLiteral("x"), Money::fromCents(100),
                                       Money::fromCents(-100), 0));
        QVERIFY(payment::planPurchase(none, QStringLiteral("x"), Money::fromCents(100), Money::fromCents(100),
                                      0));
    }

    void autoRenewAttemptsStartNDaysBeforeExpiryAt0300()
    {
        test::TestAccount acc("2023-03-08T15:00:00+08:00");
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(12750)); }).ok());
        acc.setNow("2023-03-08T15:50:04+08:00");
        packages::BuyRequest req;
        req.api = QStringLiteral("general-text");
        req.region = QStringLiteral("cn-north-4");
        req.sku = QStringLiteral("100k");
        req.autoRenew = true;
        auto bought = acc.run([&](Context &c) { return packages::buy(c, req); });
        QVERIFY(bought.ok());
        auto attempts = acc.run([](Context &c) {
            auto all = c.subscriptions.packages();
            std::vector<Instant> out;
            Instant t = c.now;
            while (auto a = packages::nextAutoRenewAttempt(c, *all, all->front(), t)) {
                out.push_back(*a);
                t = *a;
            }
            return Result<std::vector<Instant>>(out);
        });
        QVERIFY(attempts.ok());
        QCOMPARE(attempts->size(), size_t(8));
        QCOMPARE(attempts->front(), at("2024-03-01T03:00:00+08:00"));
        QCOMPARE(attempts->back(), at("2024-03-08T03:00:00+08:00"));
    }

    void sameCallsInOneFileOrSeveralGiveTheSameBill()
    {
        // billing-rules §1: imported in one file or in several, as long as each arrives before its hours
        // settle.
        QByteArray header("timestamp,api,region,status,enterprise_project,count\n");
        QList<QByteArray> rows;
        for (int h = 0; h < 6; ++h)
            for (int m = 0; m < 60; m += 7)
                rows << QStringLiteral("2026-10-01T%1:%2:00+08:00,%3,cn-north-4,%4,%5,%6\n")
                            .arg(9 + h, 2, 10, QLatin1Char('0'))
                            .arg(m, 2, 10, QLatin1Char('0'))
                            .arg(m % 2 ? QStringLiteral("general-text") : QStringLiteral("id-card"))
                            .arg(m % 5 ? 200 : 429)
                            .arg(m % 3 ? QStringLiteral("default") : QStringLiteral("app"))
                            .arg(1000 + 37 * m + h)
                            .toLatin1();
        auto setUp = [](test::TestAccount &acc) {
            for (const char *api : {"general-text", "id-card"})
                QVERIFY(acc.run([&](Context &c) {
                               return services::setEnabled(c, QLatin1String(api),
                                                           QStringLiteral("cn-north-4"), true);
                           })
                            .ok());
            QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(5000)); }).ok());
        };
        test::TestAccount one, many;
        setUp(one);
        setUp(many);
        one.setNow("2026-10-01T15:00:00+08:00");
        QVERIFY(importCsv(one, header + rows.join()).ok());
        for (int h = 0; h < 6; ++h) {
            many.clock.set(at("2026-10-01T10:00:00+08:00") + h * kMicrosPerHour);
            QByteArray part = header;
            for (const QByteArray &r : rows)
                if (r.mid(11, 2).toInt() == 9 + h)
                    part += r;
            auto r = importCsv(many, part);
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
        }
        many.setNow("2026-10-01T15:00:00+08:00");
        auto billOne = one.run([](Context &c) { return monthlyBill(c, QStringLiteral("2026-10")); });
        auto billMany = many.run([](Context &c) { return monthlyBill(c, QStringLiteral("2026-10")); });
        QVERIFY(billOne.ok() && billMany.ok());
        QVERIFY(billOne->totals.calls > 0);
        QCOMPARE(billOne->lines.size(), billMany->lines.size());
        QCOMPARE(billOne->totals.fee, billMany->totals.fee);
        QCOMPARE(billOne->totals.charged, billMany->totals.charged);
        QCOMPARE(billOne->totals.calls, billMany->totals.calls);
    }
};

QTEST_GUILESS_MAIN(TestSettlement)
#include "tst_settlement.moc"
