// The scenario planner's changes against an account with a package (issue #16, billing-rules §10): the
// quota a package leaves unused when its term ends inside the simulated months (lapsed quota, exact), the
// changes the engine refuses while simulating (unsubscribing a package in force, enabling a service that is
// enabled, disabling one that is not) and what the planner's form flags before running (whatif::checkChange).
#include "engine/packages.h"
#include "engine/whatifchoices.h"
#include "importcsv.h"
#include "testaccount.h"

#include "engine/funds.h"
#include "engine/services.h"

#include <QTest>

using namespace billing;
using namespace billing::test;

namespace {
// 100 general-text calls (cn-north-4) in every hour of the 28 days before 2026-10-29.
QByteArray windowCalls()
{
    QByteArray out("timestamp,api,region,status,count\n");
    const BillingCalendar cal(8 * 3600);
    const Instant start = at("2026-10-01T00:30:00+08:00");
    for (int h = 0; h < 28 * 24; ++h)
        out += cal.format(start + h * kMicrosPerHour).toUtf8() + ",general-text,cn-north-4,200,100\n";
    return out;
}
} // namespace

class TestWhatIfChanges : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestAccount> m_acc;

private slots:
    void initTestCase()
    {
        // A 1m package (1,000,000 × 1.50 / 1000 × 0.80 = 1200.00) bought 2025-11-10: its term ends at
        // 2026-11-11 00:00:00, inside the first simulated month.
        m_acc = std::make_unique<TestAccount>("2025-11-10T10:00:00+08:00");
        QVERIFY(m_acc->run(
            [](Context &c) { return services::setEnabled(c, "general-text", "cn-north-4", true); }));
        QVERIFY(m_acc->run([](Context &c) { return funds::topUp(c, *Money::parse(u"10000")); }));
        packages::BuyRequest req;
        req.api = QStringLiteral("general-text");
        req.region = QStringLiteral("cn-north-4");
        req.sku = QStringLiteral("1m");
        QVERIFY(m_acc->run([&](Context &c) { return packages::buy(c, req); }));
        m_acc->setNow("2026-10-29T00:00:00+08:00");
        QVERIFY(importCsv(*m_acc, windowCalls()));
    }

    void lapsedQuotaIsExact()
    {
        auto r = whatif::plan(*m_acc->engine, m_acc->clock.now(), m_acc->engine->actor(), {}, 2);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        // 100 calls an hour from 2026-10-01 00:00 to 2026-11-11 00:00 (41 days) on the package: 98,400 used,
        // 901,600 lapse, worth 1200.00 × 901,600 / 1,000,000 = 1081.92.
        const whatif::MonthResult &nov = r->baseline.months[0];
        QCOMPARE(nov.month, QStringLiteral("2026-11"));
        QCOMPARE(int(nov.lapsedQuota.size()), 1);
        QCOMPARE(nov.lapsedQuota[0].packageId, 1);
        QCOMPARE(nov.lapsedQuota[0].calls, 901600);
        QCOMPARE(nov.lapsedQuota[0].worth.toString(), QStringLiteral("1081.92"));
        QVERIFY(nov.quotaExhausted.empty());
        QVERIFY(r->baseline.months[1].lapsedQuota.empty());
        // From then on pay-per-use: 20 days × 24 h × 0.15 in November, 31 × 24 × 0.15 in December.
        QCOMPARE(nov.charged.toString(), QStringLiteral("72.00"));
        QCOMPARE(r->baseline.months[1].charged.toString(), QStringLiteral("111.60"));
    }

    void refusedChangesAreListedAndTheRunGoesOn()
    {
        auto s = whatif::parseScenario(R"({"name": "no", "changes": [
            {"type": "unsubscribe", "package_id": 1, "date": "2026-11-02"},
            {"type": "enable", "api": "general-text", "region": "cn-north-4", "date": "2026-11-03"},
            {"type": "disable", "api": "general-table", "region": "cn-north-4", "date": "2026-11-04"}]})");
        QVERIFY(s);
        auto r = whatif::plan(*m_acc->engine, m_acc->clock.now(), m_acc->engine->actor(), {*s}, 1);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        const auto &refused = r->scenarios[0].refused;
        QCOMPARE(int(refused.size()), 3);
        QCOMPARE(refused[0].index, 0);
        QCOMPARE(refused[0].at, at("2026-11-02T00:00:00+08:00"));
        QVERIFY2(refused[0].message.contains(QStringLiteral("package 1 is in force since 2025-11-10")),
                 qPrintable(refused[0].message));
        QCOMPARE(refused[1].index, 1);
        QCOMPARE(refused[1].message,
                 QStringLiteral("general-text in cn-north-4 is already enabled: the change does nothing"));
        QCOMPARE(refused[2].message,
                 QStringLiteral("general-table in cn-north-4 is already disabled: the change does nothing"));
        // Nothing changed: the same months as the baseline.
        QCOMPARE(r->scenarios[0].months[0].charged, r->baseline.months[0].charged);
    }

    void theFormFlagsWhatWouldBeRefused()
    {
        auto ctx = m_acc->engine->inspect();
        QVERIFY(ctx);
        auto c = whatif::choices(**ctx);
        QVERIFY(c);
        QCOMPARE(c->today, QDate(2026, 10, 29));
        QCOMPARE(c->firstDate(), QDate(2026, 10, 30));
        QCOMPARE(c->lastDate(2), QDate(2026, 12, 31));
        QCOMPARE(int(c->packages.size()), 1);
        QCOMPARE(c->projects, QStringList{QStringLiteral("default")});
        // Package sizes per API, priced for it: 1m of general-text is 1200.00.
        bool found = false;
        for (const auto &sku : c->skusOf(QStringLiteral("general-text")))
            found =
                found || (sku.sku == QLatin1String("1m") && sku.price.toString() == QLatin1String("1200.00"));
        QVERIFY(found);

        auto s = whatif::parseScenario(R"({"name": "no", "changes": [
            {"type": "unsubscribe", "package_id": 1, "date": "2026-11-02"},
            {"type": "enable", "api": "general-text", "region": "cn-north-4", "date": "2026-11-03"},
            {"type": "disable", "api": "general-text", "region": "cn-north-4", "date": "2026-11-04"},
            {"type": "enable", "api": "general-text", "region": "cn-north-4", "date": "2026-11-05"},
            {"type": "move", "from_api": "general-text", "to_api": "general-table", "share_percent": 5},
            {"type": "buy", "api": "general-text", "region": "cn-north-4", "sku": "1m", "date": "2026-10-29"},
            {"type": "buy", "api": "general-text", "region": "cn-north-4", "sku": "1m", "date": "2027-01-01"},
            {"type": "guard", "name": "cap", "api": "all", "month_cost": "0", "date": "2026-11-01"},
            {"type": "renew", "package_id": 7, "date": "2026-11-01"}]})");
        QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
        s->changes[4].toApi = QStringLiteral("general-text"); // as a form could hold it before the check
        auto problem = [&](size_t i) { return whatif::checkChange(*c, *s, i, 2); };
        QVERIFY(problem(0).blocking);
        QVERIFY2(problem(0).message.contains(QStringLiteral("in force")), qPrintable(problem(0).message));
        QVERIFY(!problem(1).blocking); // a warning: a guard may have disabled it in the simulation
        QVERIFY(problem(1).message.contains(QStringLiteral("already enabled")));
        QVERIFY(problem(2).message.isEmpty());
        QVERIFY(problem(3).message.isEmpty()); // enabled again after the disable of 2026-11-04
        QVERIFY(problem(4).blocking && problem(4).message.contains(QStringLiteral("same API")));
        QVERIFY(problem(5).blocking && problem(5).message.contains(QStringLiteral("not after today")));
        QVERIFY(problem(6).blocking && problem(6).message.contains(QStringLiteral("2026-12-31")));
        QVERIFY(problem(7).blocking && problem(7).message.contains(QStringLiteral("amount")));
        QVERIFY(problem(8).blocking && problem(8).message.contains(QStringLiteral("package 7")));
    }
};

QTEST_GUILESS_MAIN(TestWhatIfChanges)
#include "tst_whatifchanges.moc"
