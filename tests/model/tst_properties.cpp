// Property tests: many random account histories (seeded), driven through the services; after each,
// every invariant verify knows must hold and the money must add up across views.
#include "engine/accountstatus.h"
#include "engine/bills.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "engine/verifier.h"
#include "storage/database.h"
#include "testaccount.h"

#include <QBuffer>
#include <QSqlQuery>
#include <QTest>

#include <random>

using namespace billing;

class TestProperties : public QObject
{
    Q_OBJECT
private slots:
    void randomHistoriesKeepEveryInvariant_data()
    {
        QTest::addColumn<int>("seed");
        for (int s = 1; s <= 12; ++s)
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(s))) << s;
    }
    void randomHistoriesKeepEveryInvariant()
    {
        QFETCH(int, seed);
        std::mt19937 rng(seed);
        auto pick = [&](int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
        test::TestAccount acc("2026-08-28T10:00:00+08:00");
        const QStringList apis{"general-text", "id-card", "vat-invoice"};
        const QStringList regions{"cn-north-4", "ap-southeast-1"};
        for (const QString &a : apis)
            QVERIFY(acc.run([&](Context &c) { return services::setEnabled(c, a, regions[0], true); }).ok());
        Instant now = acc.clock.now();
        int refused = 0, done = 0;
        for (int step = 0; step < 60; ++step) {
            now += std::uniform_int_distribution<qint64>(10 * kMicrosPerMinute, 30 * kMicrosPerHour)(rng);
            acc.clock.set(now);
            Status s;
            switch (pick(8)) {
            case 0:
                s = Status(acc.run([&](Context &c) {
                                  return funds::topUp(c, Money::fromCents(100 * (1 + pick(300))));
                              }).ok()
                               ? Status()
                               : Status(Error::refused(QString())));
                break;
            case 1: {
                packages::BuyRequest r;
                r.api = apis[pick(3)];
                r.region = regions[pick(2)];
                r.sku = pick(2) ? QStringLiteral("100k") : QStringLiteral("1m");
                r.autoRenew = pick(2);
                auto b = acc.run([&](Context &c) { return packages::buy(c, r); });
                s = b ? Status() : Status(b.error());
                break;
            }
            case 2: {
                auto b = acc.run([&](Context &c) {
                    return services::setEnabled(c, apis[pick(3)], regions[pick(2)], pick(3) > 0);
                });
                s = b ? Status() : Status(b.error());
                break;
            }
            case 3: {
                auto b = acc.run([&](Context &c) {
                    return coupons::grant(c, Money::fromCents(100 * (1 + pick(50))),
                                          now + kMicrosPerDay * (1 + pick(20)),
                                          pick(2) ? apis[pick(3)] : QString());
                });
                s = b ? Status() : Status(b.error());
                break;
            }
            case 4: {
                auto b = acc.run([&](Context &c) { return packages::unsubscribe(c, 1 + pick(5)); });
                s = b ? Status() : Status(b.error());
                break;
            }
            default: {
                // Calls spread over the unsettled part of the current hour and the hours since the last
                // command.
                QByteArray csv("timestamp,api,region,status,enterprise_project,count\n");
                const BillingCalendar cal;
                const Instant from = std::max(cal.hourStart(now) - 3 * kMicrosPerHour, now - kMicrosPerHour);
                for (int i = 0, n = 1 + pick(40); i < n; ++i) {
                    const Instant t = std::uniform_int_distribution<qint64>(from, now)(rng);
                    csv += cal.format(t).toLatin1() + ',' + apis[pick(3)].toLatin1() + ',' +
                           regions[pick(2)].toLatin1() + ',' + (pick(10) ? "200" : "503") + ',' +
                           (pick(2) ? "web" : "batch") + ',' + QByteArray::number(1 + pick(20000)) + '\n';
                }
                QBuffer buf(&csv);
                buf.open(QIODevice::ReadOnly);
                auto b = acc.engine->runThenCatchUp([&](Context &c) {
                    return importCalls(c, buf, ImportOptions{QStringLiteral("p"), true});
                });
                s = b ? Status() : Status(b.error());
            }
            }
            if (!s && s.error().code != ErrorCode::Refused)
                QFAIL(qPrintable(s.error().message));
            (s ? done : refused)++;
            auto ctx = acc.engine->inspect();
            auto findings = verifyAccount(**ctx);
            QVERIFY(findings.ok());
            QVERIFY2(
                findings->isEmpty(),
                qPrintable(
                    QStringLiteral("seed %1 step %2: %3").arg(seed).arg(step).arg(findings->join(u'\n'))));
        }
        QVERIFY(done > 20);
        // The sum of every bill's lines equals its totals, and the records of its month.
        acc.clock.set(now + 40 * kMicrosPerDay);
        auto months = acc.run([](Context &c) {
            QSqlQuery q(c.db.connection());
            q.exec(QStringLiteral("SELECT DISTINCT bill_month FROM record"));
            QStringList m;
            while (q.next())
                m << q.value(0).toString();
            return Result<QStringList>(m);
        });
        for (const QString &m : *months) {
            auto bill = acc.run([&](Context &c) { return monthlyBill(c, m); });
            QVERIFY(bill.ok());
            BillLine sum;
            for (const BillLine &l : bill->lines)
                sum += l;
            QCOMPARE(sum.charged, bill->totals.charged);
            QCOMPARE(sum.fee, bill->totals.fee);
            QCOMPARE(bill->totals.charged,
                     bill->totals.paidCoupon + bill->totals.paidCash + bill->totals.arrears);
            QCOMPARE(bill->totals.fee - bill->totals.charged, bill->totals.roundedOff);
            QVERIFY(bill->final);
        }
        auto ctx = acc.engine->inspect();
        QCOMPARE(verifyAccount(**ctx)->join(u'\n'), QString());
    }
};

QTEST_GUILESS_MAIN(TestProperties)
#include "tst_properties.moc"
