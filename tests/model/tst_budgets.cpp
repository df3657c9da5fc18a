// Budgets (billing-rules §10): thresholds on actual and forecast spend, each alerting once a month.
#include "analysis/budgets.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/services.h"
#include "storage/budgetrepository.h"
#include "storage/database.h"
#include "storage/notificationrepository.h"
#include "testaccount.h"

#include <QBuffer>
#include <QTest>

using namespace billing;
using test::at;

namespace {
Status importCsv(test::TestAccount &acc, const QByteArray &csv)
{
    QByteArray data = "timestamp,api,region,status,enterprise_project,count\n" + csv;
    QBuffer buf(&data);
    buf.open(QIODevice::ReadOnly);
    auto r = acc.engine->runThenCatchUp([&](Context &c) {
        return importCalls(c, buf, ImportOptions{QStringLiteral("t"), false});
    });
    if (!r)
        return r.error();
    return {};
}

QByteArray calls(const char *ts, qint64 count)
{
    return QByteArray(ts) + ",general-text,cn-north-4,200,web," + QByteArray::number(count) + '\n';
}

// Notifications of a kind, as "month:threshold".
QStringList alerts(test::TestAccount &acc, const char *kind)
{
    auto all = acc.run([](Context &c) { return NotificationRepository(c.db).all(); });
    QStringList out;
    if (!all)
        return out;
    for (const Notification &n : *all)
        if (n.kind == QLatin1String(kind))
            out << n.args.value(QStringLiteral("month")).toString() + u':' +
                       QString::number(n.args.value(QStringLiteral("threshold")).toInt());
    out.sort();
    return out;
}
} // namespace

class TestBudgets : public QObject
{
    Q_OBJECT

private slots:
    void repositoryValidatesAndRoundTrips()
    {
        test::TestAccount acc;
        QCOMPARE(parseThresholds(QStringLiteral("100, 80,80%")).value(), (QList<int>{80, 100}));
        QVERIFY(!parseThresholds(QStringLiteral("0")));
        QVERIFY(!parseThresholds(QStringLiteral("x")));
        Budget b{0, QStringLiteral("OCR"), Money::fromCents(1000), {50, 100}, {100}};
        auto id = acc.run([&](Context &c) { return BudgetRepository(c.db).put(b); });
        QVERIFY(id);
        auto dup = acc.run([&](Context &c) { return BudgetRepository(c.db).put(b); });
        QVERIFY(!dup);
        QCOMPARE(dup.error().code, ErrorCode::Refused);
        b.amount = Money::fromUnits(1); // a fraction of a cent
        QVERIFY(!validateBudget(b));
        auto all = acc.run([](Context &c) { return BudgetRepository(c.db).all(); });
        QVERIFY(all);
        QCOMPARE(all->size(), size_t(1));
        QCOMPARE(all->front().actualThresholds, (QList<int>{50, 100}));
        QCOMPARE(all->front().amount, Money::fromCents(1000));
    }

    void eachThresholdAlertsOncePerMonth()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QVERIFY(acc.run([](Context &c) {
            return services::setEnabled(c, QStringLiteral("general-text"), QStringLiteral("cn-north-4"),
                                        true);
        }));
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(100000)); }));
        Budget b{0, QStringLiteral("OCR"), Money::fromCents(1000), {50, 100}, {}};
        auto put = acc.run([&](Context &c) { return BudgetRepository(c.db).put(b); });
        QVERIFY2(put, qPrintable(put ? QString() : put.error().message));

        acc.setNow("2026-10-01T12:00:00+08:00");
        QVERIFY(importCsv(acc, calls("2026-10-01T09:10:00+08:00", 4000))); // 6.00: 60 %
        QCOMPARE(alerts(acc, "budget-actual"), QStringList{"2026-10:50"});
        acc.setNow("2026-10-02T12:00:00+08:00");
        QVERIFY(importCsv(acc, calls("2026-10-02T09:10:00+08:00", 4000))); // 12.00: 120 %
        QCOMPARE(alerts(acc, "budget-actual"), (QStringList{"2026-10:100", "2026-10:50"}));
        acc.setNow("2026-10-03T12:00:00+08:00");
        QVERIFY(importCsv(acc, calls("2026-10-03T09:10:00+08:00", 4000))); // still above: nothing new
        QCOMPARE(alerts(acc, "budget-actual").size(), 2);
        // A new month alerts again, once per threshold.
        acc.setNow("2026-11-02T12:00:00+08:00");
        QVERIFY(importCsv(acc, calls("2026-11-01T09:10:00+08:00", 8000)));
        QCOMPARE(alerts(acc, "budget-actual"),
                 (QStringList{"2026-10:100", "2026-10:50", "2026-11:100", "2026-11:50"}));
        auto text = acc.run([](Context &c) { return NotificationRepository(c.db).all(); });
        QVERIFY(text);
    }

    void forecastAlertsOnceThreeDaysAreComplete()
    {
        test::TestAccount acc("2026-10-01T00:00:00+08:00");
        QVERIFY(acc.run([](Context &c) {
            return services::setEnabled(c, QStringLiteral("general-text"), QStringLiteral("cn-north-4"),
                                        true);
        }));
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(100000)); }));
        // 3.00 a day → about 93 for October: above a budget of 50.00, while the spend stays below 20 %.
        Budget b{0, QStringLiteral("Forecast"), Money::fromCents(5000), {}, {100}};
        QVERIFY(acc.run([&](Context &c) { return BudgetRepository(c.db).put(b); }));
        acc.setNow("2026-10-03T23:30:00+08:00");
        QVERIFY(importCsv(acc, calls("2026-10-01T09:10:00+08:00", 2000) +
                                   calls("2026-10-02T09:10:00+08:00", 2000) +
                                   calls("2026-10-03T09:10:00+08:00", 2000)));
        QCOMPARE(alerts(acc, "budget-forecast"), QStringList()); // 2 complete days only
        // Budgets are checked after each settled hour with usage.
        acc.setNow("2026-10-04T01:00:00+08:00");
        QVERIFY(importCsv(acc, calls("2026-10-04T00:10:00+08:00", 1)));
        QCOMPARE(alerts(acc, "budget-forecast"), QStringList{"2026-10:100"});
        auto st = acc.run([](Context &c) { return budgetStatuses(c); });
        QVERIFY(st);
        QCOMPARE(st->size(), size_t(1));
        QCOMPARE(st->front().actual, Money::fromCents(900));
        QCOMPARE(st->front().forecast.projected.truncatedToCents(),
                 Money::fromCents(9300)); // flat 3.00 a day
        QCOMPARE(st->front().forecastPercent, 186);
        acc.setNow("2026-10-06T01:00:00+08:00");
        QVERIFY(importCsv(acc, calls("2026-10-06T00:10:00+08:00", 4000)));
        QCOMPARE(alerts(acc, "budget-forecast").size(), 1);
    }

    void noBudgetsCostsNothing()
    {
        test::TestAccount acc;
        acc.setNow("2026-10-05T08:00:00+08:00");
        QVERIFY(acc.run([](Context &) { return Status(); }));
        QCOMPARE(alerts(acc, "budget-actual").size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBudgets)
#include "tst_budgets.moc"
