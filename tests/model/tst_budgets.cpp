// Budgets (billing-rules §10): thresholds on actual and forecast spend, each alerting once a month.
#include "analysis/analysissettings.h"
#include "analysis/budgets.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/notificationtext.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "storage/budgetrepository.h"
#include "storage/database.h"
#include "storage/notificationrepository.h"
#include "testaccount.h"

#include <QBuffer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace billing;
using test::at;

Q_DECLARE_METATYPE(billing::BudgetScope)
Q_DECLARE_METATYPE(billing::Money)
Q_DECLARE_METATYPE(std::vector<billing::Money>)

namespace {
Status importCsv(test::TestAccount &acc, const QByteArray &csv)
{
    QByteArray data = "timestamp,api,region,status,enterprise_project,count\n" + csv;
    QBuffer buf(&data);
    buf.open(QIODevice::ReadOnly);
    auto r = acc.engine->runThenCatchUp([&](Context &c) {
        return importCalls(c, buf, ImportOptions{QStringLiteral("t"), false});
    });
    if (!r) {
        qWarning("import: %s", qPrintable(r.error().message));
        return r.error();
    }
    return {};
}

QByteArray calls(const char *ts, qint64 count)
{
    return QByteArray(ts) + ",general-text,cn-north-4,200,web," + QByteArray::number(count) + '\n';
}

QByteArray line(const char *ts, const char *api, const char *region, const char *project, qint64 count)
{
    return QByteArray(ts) + ',' + api + ',' + region + ",200," + project + ',' + QByteArray::number(count) +
           '\n';
}

// Three days of calls and two packages (see scopedHistory()).
QByteArray dayCalls(const char *ts, bool thirdDay)
{
    QByteArray csv = line(ts, "general-text", "cn-east-3", "web", 2000) + // 3.00
                     line(ts, "id-card", "cn-north-4", "kyc", 1000);      // 3.00
    csv += line(ts, "general-text", "cn-north-4", "web", 2000);           // 3.00, on the package on day 3
    if (thirdDay)
        csv += line(ts, "general-text", "cn-north-4", "app", 2000); // on the package
    return csv;
}

Status buyPackage(test::TestAccount &acc, const char *region)
{
    auto r = acc.run([&](Context &c) {
        packages::BuyRequest req;
        req.api = QStringLiteral("general-text");
        req.region = QString::fromLatin1(region);
        req.sku = QStringLiteral("100k");
        return packages::buy(c, req);
    });
    if (!r)
        return r.error();
    return {};
}

// The history the scope tests compute by hand (UTC+08:00), every call at 09:10:
// - Oct 1 08:30: package P1, general-text ap-southeast-1 100k, 127.50 (covers nothing: no calls there).
// - Oct 1, Oct 2: general-text cn-north-4 web 2,000 (3.00), general-text cn-east-3 web 2,000 (3.00),
//   id-card cn-north-4 kyc 1,000 (3.00).
// - Oct 3 08:30: package P2, general-text cn-north-4 100k, 127.50.
// - Oct 3: the same, plus general-text cn-north-4 app 2,000; both cn-north-4 general-text lines are on P2
//   (0.00), which so covers web 2,000 and app 2,000.
// Cost tags: web and app "frontend", kyc "backend". The months runs to Oct 4 00:30.
void scopedHistory(test::TestAccount &acc)
{
    for (const char *region : {"cn-north-4", "cn-east-3"})
        QVERIFY(acc.run([&](Context &c) {
            return services::setEnabled(c, QStringLiteral("general-text"), QString::fromLatin1(region), true);
        }));
    QVERIFY(acc.run([](Context &c) {
        return services::setEnabled(c, QStringLiteral("id-card"), QStringLiteral("cn-north-4"), true);
    }));
    QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(100000)); }));
    // A pair, not a structured binding: clang 14 (the sanitizer build) cannot capture those.
    for (const auto &pt :
         {std::pair("web", "frontend"), std::pair("app", "frontend"), std::pair("kyc", "backend")})
        QVERIFY(acc.run([&](Context &c) {
            return setProjectTags(c, QString::fromLatin1(pt.first),
                                  QStringList{QString::fromLatin1(pt.second)});
        }));
    acc.setNow("2026-10-01T08:30:00+08:00");
    QVERIFY(buyPackage(acc, "ap-southeast-1"));
    acc.setNow("2026-10-01T12:00:00+08:00");
    QVERIFY(importCsv(acc, dayCalls("2026-10-01T09:10:00+08:00", false)));
    acc.setNow("2026-10-02T12:00:00+08:00");
    QVERIFY(importCsv(acc, dayCalls("2026-10-02T09:10:00+08:00", false)));
    acc.setNow("2026-10-03T08:30:00+08:00");
    QVERIFY(buyPackage(acc, "cn-north-4"));
    acc.setNow("2026-10-03T12:00:00+08:00");
    QVERIFY(importCsv(acc, dayCalls("2026-10-03T09:10:00+08:00", true)));
    acc.setNow("2026-10-04T00:30:00+08:00");
    QVERIFY(acc.run([](Context &) { return Status(); }));
}

BudgetScope scopeOf(QStringList apis, QStringList regions, QStringList projects, QStringList tags)
{
    return BudgetScope{apis, regions, projects, tags};
}

Money cents(qint64 c)
{
    return Money::fromCents(c);
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
        Budget b{0, QStringLiteral("OCR"), Money::fromCents(1000), {50, 100}, {100}, {}};
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
        Budget b{0, QStringLiteral("OCR"), Money::fromCents(1000), {50, 100}, {}, {}};
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
        for (const Notification &n : *text) // the whole account's alerts read as before scopes existed
            QVERIFY2(!notificationText(n).contains(QLatin1String("Scope")), qPrintable(notificationText(n)));
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
        Budget b{0, QStringLiteral("Forecast"), Money::fromCents(5000), {}, {100}, {}};
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

    void scopeIsNormalizedAndRoundTrips()
    {
        test::TestAccount acc;
        Budget b{0, QStringLiteral("Scoped"), cents(1000), {80}, {}, {}};
        b.scope = scopeOf({"id-card", "general-text", "id-card"}, {"cn-north-4"}, {"a,b", "web"}, {"x"});
        QCOMPARE(b.scope.normalized().apis, (QStringList{"general-text", "id-card"}));
        QCOMPARE(b.scope.key(), QStringLiteral("api=general-text,id-card;region=cn-north-4;"
                                               "project=a\\,b,web;tag=x"));
        QCOMPARE(BudgetScope().key(), QString());
        auto id = acc.run([&](Context &c) { return putBudget(c, b); });
        QVERIFY2(id, qPrintable(id ? QString() : id.error().message));
        auto back =
            acc.run([](Context &c) { return BudgetRepository(c.db).byName(QStringLiteral("Scoped")); });
        QVERIFY(back && *back);
        QCOMPARE((*back)->scope, b.scope.normalized());
        // Replacing it with the empty scope makes it account-wide again.
        Budget wide = **back;
        wide.scope = {};
        QVERIFY(acc.run([&](Context &c) { return putBudget(c, wide); }));
        auto all = acc.run([](Context &c) { return BudgetRepository(c.db).all(); });
        QVERIFY(all);
        QCOMPARE(all->size(), size_t(1));
        QVERIFY(all->front().scope.isEmpty());
        // An unknown API or region is bad usage and stores nothing.
        Budget bad{0, QStringLiteral("Bad"), cents(1000), {80}, {}, {}};
        bad.scope.apis = QStringList{"no-such-api"};
        auto r = acc.run([&](Context &c) { return putBudget(c, bad); });
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::BadUsage);
        QVERIFY(r.error().message.contains(QLatin1String("no-such-api")));
        bad.scope = scopeOf({}, {"mars-1"}, {}, {});
        r = acc.run([&](Context &c) { return putBudget(c, bad); });
        QVERIFY(!r);
        QVERIFY(r.error().message.contains(QLatin1String("mars-1")));
        bad.scope = scopeOf({}, {}, {" web"}, {});
        QVERIFY(!validateBudget(bad));
        all = acc.run([](Context &c) { return BudgetRepository(c.db).all(); });
        QCOMPARE(all->size(), size_t(1));
        // Removing a budget removes its scope.
        b.id = all->front().id;
        QVERIFY(acc.run([&](Context &c) { return putBudget(c, b); }));
        auto scoped =
            acc.run([](Context &c) { return BudgetRepository(c.db).byName(QStringLiteral("Scoped")); });
        QVERIFY(acc.run([&](Context &c) { return removeBudget(c, (*scoped)->id); }));
        QVERIFY(acc.run([&](Context &c) { return BudgetRepository(c.db).put(**scoped); }));
        scoped = acc.run([](Context &c) { return BudgetRepository(c.db).byName(QStringLiteral("Scoped")); });
        QCOMPARE((*scoped)->scope, b.scope.normalized()); // put back as it was (undo)
    }

    void scopedActualAndForecastCountTheMatchingChargesOnly_data()
    {
        QTest::addColumn<BudgetScope>("scope");
        QTest::addColumn<Money>("actual");
        QTest::addColumn<std::vector<Money>>("daily"); // Oct 1, 2, 3
        // Whole account: 9.00 a day of usage, 6.00 on day 3, and both packages.
        QTest::newRow("account") << BudgetScope() << cents(27900)
                                 << std::vector<Money>{cents(13650), cents(900), cents(13350)};
        QTest::newRow("api id-card") << scopeOf({"id-card"}, {}, {}, {}) << cents(900)
                                     << std::vector<Money>{cents(300), cents(300), cents(300)};
        // Packages count by their API and region.
        QTest::newRow("api general-text") << scopeOf({"general-text"}, {}, {}, {}) << cents(27000)
                                          << std::vector<Money>{cents(13350), cents(600), cents(13050)};
        QTest::newRow("region ap-southeast-1") << scopeOf({}, {"ap-southeast-1"}, {}, {}) << cents(12750)
                                               << std::vector<Money>{cents(12750), cents(0), cents(0)};
        QTest::newRow("general-text in cn-north-4")
            << scopeOf({"general-text"}, {"cn-north-4"}, {}, {}) << cents(13350)
            << std::vector<Money>{cents(300), cents(300), cents(12750)};
        QTest::newRow("two regions") << scopeOf({}, {"cn-east-3", "ap-southeast-1"}, {}, {}) << cents(13650)
                                     << std::vector<Money>{cents(13050), cents(300), cents(300)};
        // A project counts its share of a package: P1 covered nothing, so evenly over the month's
        // projects (app, kyc, web: 42.50 each); P2 by covered calls (web 2,000, app 2,000: 63.75 each).
        QTest::newRow("project web") << scopeOf({}, {}, {"web"}, {}) << cents(12125)
                                     << std::vector<Money>{cents(4850), cents(600), cents(6675)};
        QTest::newRow("tag frontend") << scopeOf({}, {}, {}, {"frontend"}) << cents(22750)
                                      << std::vector<Money>{cents(9100), cents(600), cents(13050)};
        QTest::newRow("project kyc in cn-north-4") << scopeOf({}, {"cn-north-4"}, {"kyc"}, {}) << cents(900)
                                                   << std::vector<Money>{cents(300), cents(300), cents(300)};
        QTest::newRow("web, general-text, ap-southeast-1")
            << scopeOf({"general-text"}, {"ap-southeast-1"}, {"web"}, {}) << cents(4250)
            << std::vector<Money>{cents(4250), cents(0), cents(0)};
        QTest::newRow("tag backend and project app") << scopeOf({}, {}, {"app"}, {"backend"}) << cents(0)
                                                     << std::vector<Money>{cents(0), cents(0), cents(0)};
    }

    void scopedActualAndForecastCountTheMatchingChargesOnly()
    {
        QFETCH(BudgetScope, scope);
        QFETCH(Money, actual);
        QFETCH(std::vector<Money>, daily);
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        scopedHistory(acc);
        if (QTest::currentTestFailed())
            return;
        Budget b{0, QStringLiteral("B"), cents(10000), {80}, {100}, scope};
        QVERIFY(acc.run([&](Context &c) { return putBudget(c, b); }));
        auto st = acc.run([](Context &c) { return budgetStatuses(c); });
        QVERIFY2(st, qPrintable(st ? QString() : st.error().message));
        QCOMPARE(st->size(), size_t(1));
        const BudgetStatus &s = st->front();
        QCOMPARE(s.month, QStringLiteral("2026-10"));
        QCOMPARE(s.actual, actual);
        QCOMPARE(s.forecast.completeDays, 3);
        QCOMPARE(s.forecast.daily, daily);
        QCOMPARE(s.forecast.projected, forecastFromDaily(daily, Money(), 31).projected);
        QCOMPARE(s.actualPercent, int(actual.units() * 100 / cents(10000).units()));
    }

    void aFlatScopeForecastsByHand()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        scopedHistory(acc);
        Budget b{0, QStringLiteral("Cards"), cents(10000), {80}, {100}, scopeOf({"id-card"}, {}, {}, {})};
        QVERIFY(acc.run([&](Context &c) { return putBudget(c, b); }));
        auto st = acc.run([](Context &c) { return budgetStatuses(c); });
        QVERIFY(st);
        QCOMPARE(st->front().actual, cents(900));
        QCOMPARE(st->front().forecast.projected.truncatedToCents(), cents(9300)); // 3.00 × 31
        QCOMPARE(st->front().forecastPercent, 93);
    }

    void alertsFireOncePerThresholdPerScopePerMonth()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        // The budgets exist from the start: checked after every settled hour with usage.
        Budget cards{0, QStringLiteral("Cards"), cents(500), {50, 100}, {}, scopeOf({"id-card"}, {}, {}, {})};
        Budget web{0, QStringLiteral("Web"), cents(10000), {50, 100}, {}, scopeOf({}, {}, {"web"}, {})};
        Budget wide{0, QStringLiteral("Wide"), cents(100000), {50}, {}, {}};
        for (const Budget *b : {&cards, &web, &wide})
            QVERIFY(acc.run([&](Context &c) { return putBudget(c, *b); }));
        auto byBudget = [&acc](const char *budget) {
            auto all = acc.run([](Context &c) { return NotificationRepository(c.db).all(); });
            QStringList out;
            for (const Notification &n : *all)
                if (n.kind == QLatin1String("budget-actual") &&
                    n.args.value(QStringLiteral("budget")).toString() == QLatin1String(budget))
                    out << n.args.value(QStringLiteral("month")).toString() + u':' +
                               QString::number(n.args.value(QStringLiteral("threshold")).toInt());
            out.sort();
            return out;
        };
        acc.setNow("2026-10-01T08:00:00+08:00");
        scopedHistory(acc);
        // Cards: 3.00 on Oct 1 (60 %), 6.00 on Oct 2 (120 %), 9.00 on Oct 3 (nothing new).
        QCOMPARE(byBudget("Cards"), (QStringList{"2026-10:100", "2026-10:50"}));
        // Web on Oct 1: 6.00 + half of P1 (kyc and web had usage) = 69.75 (69 %); on Oct 3 121.25.
        QCOMPARE(byBudget("Web"), (QStringList{"2026-10:100", "2026-10:50"}));
        QCOMPARE(byBudget("Wide"), QStringList()); // 279.00 of 1000.00
        auto all = acc.run([](Context &c) { return NotificationRepository(c.db).all(); });
        for (const Notification &n : *all)
            if (n.args.value(QStringLiteral("budget")).toString() == QLatin1String("Cards"))
                QVERIFY2(notificationText(n).endsWith(QLatin1String("so far). Scope: API id-card.")),
                         qPrintable(notificationText(n)));
            else if (n.args.value(QStringLiteral("budget")).toString() == QLatin1String("Web"))
                QVERIFY2(notificationText(n).endsWith(QLatin1String("so far). Scope: project web.")),
                         qPrintable(notificationText(n)));

        // Another amount: same scope, nothing again. Another scope: its thresholds alert anew.
        auto stored =
            acc.run([](Context &c) { return BudgetRepository(c.db).byName(QStringLiteral("Cards")); });
        Budget edited = **stored;
        edited.amount = cents(400);
        QVERIFY(acc.run([&](Context &c) { return putBudget(c, edited); }));
        acc.setNow("2026-10-04T12:00:00+08:00");
        QVERIFY(importCsv(acc, line("2026-10-04T09:10:00+08:00", "id-card", "cn-north-4", "kyc", 10)));
        QCOMPARE(byBudget("Cards").size(), 2);
        edited.scope = scopeOf({"id-card"}, {"cn-north-4"}, {}, {});
        QVERIFY(acc.run([&](Context &c) { return putBudget(c, edited); }));
        acc.setNow("2026-10-05T12:00:00+08:00");
        QVERIFY(importCsv(acc, line("2026-10-05T09:10:00+08:00", "id-card", "cn-north-4", "kyc", 10)));
        QCOMPARE(byBudget("Cards"), (QStringList{"2026-10:100", "2026-10:100", "2026-10:50", "2026-10:50"}));
        acc.setNow("2026-10-06T12:00:00+08:00");
        QVERIFY(importCsv(acc, line("2026-10-06T09:10:00+08:00", "id-card", "cn-north-4", "kyc", 10)));
        QCOMPARE(byBudget("Cards").size(), 4);
        // A new month alerts again, once per threshold: 3.00 of 4.00 is 75 %.
        acc.setNow("2026-11-01T12:00:00+08:00");
        QVERIFY(importCsv(acc, line("2026-11-01T09:10:00+08:00", "id-card", "cn-north-4", "kyc", 1000)));
        QCOMPARE(byBudget("Cards").filter(QStringLiteral("2026-11")), QStringList{"2026-11:50"});
        acc.setNow("2026-11-02T12:00:00+08:00");
        QVERIFY(importCsv(acc, line("2026-11-02T09:10:00+08:00", "id-card", "cn-north-4", "kyc", 1000)));
        QCOMPARE(byBudget("Cards").filter(QStringLiteral("2026-11")),
                 (QStringList{"2026-11:100", "2026-11:50"}));
        acc.setNow("2026-11-03T12:00:00+08:00");
        QVERIFY(importCsv(acc, line("2026-11-03T09:10:00+08:00", "id-card", "cn-north-4", "kyc", 1000)));
        QCOMPARE(byBudget("Cards").filter(QStringLiteral("2026-11")).size(), 2);
        QCOMPARE(byBudget("Web").filter(QStringLiteral("2026-11")), QStringList()); // no web usage yet
    }

    // Schema step 11 on a database from before it: the alerts already recorded belong to the whole
    // account's scope and do not fire again.
    void anAlertFromBeforeScopesDoesNotFireAgain()
    {
        if (test::onPostgres())
            QSKIP("the schema version is PRAGMA user_version here");
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QVERIFY(acc.run([](Context &c) {
            return services::setEnabled(c, QStringLiteral("general-text"), QStringLiteral("cn-north-4"),
                                        true);
        }));
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(100000)); }));
        Budget b{0, QStringLiteral("OCR"), Money::fromCents(1000), {50}, {}, {}};
        QVERIFY(acc.run([&](Context &c) { return BudgetRepository(c.db).put(b); }));
        acc.setNow("2026-10-01T12:00:00+08:00");
        QVERIFY(importCsv(acc, calls("2026-10-01T09:10:00+08:00", 4000))); // 6.00: 60 %
        QCOMPARE(alerts(acc, "budget-actual"), QStringList{"2026-10:50"});
        // As the database was before step 11 (and steps 12 and 13 after it).
        for (const char *sql :
             {"DROP TABLE guard", "ALTER TABLE package DROP COLUMN renew_sku", "DROP TABLE budget_scope",
              "CREATE TABLE budget_alert_old (budget_id INTEGER NOT NULL, month TEXT NOT NULL, threshold "
              "INTEGER NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('actual', 'forecast')), fired_at INTEGER "
              "NOT NULL, PRIMARY KEY (budget_id, month, threshold, kind))",
              "INSERT INTO budget_alert_old SELECT budget_id, month, threshold, kind, fired_at FROM "
              "budget_alert",
              "DROP TABLE budget_alert", "ALTER TABLE budget_alert_old RENAME TO budget_alert",
              "PRAGMA user_version = 10"}) {
            QSqlQuery q(acc.engine->database().connection());
            QVERIFY2(q.exec(QLatin1String(sql)), qPrintable(q.lastError().text()));
        }
        acc.engine.reset();
        auto reopened = Engine::open(acc.path, acc.clock);
        QVERIFY2(reopened.ok(), qPrintable(reopened.ok() ? QString() : reopened.error().message));
        acc.engine = std::move(reopened).value();
        auto all = acc.run([](Context &c) { return BudgetRepository(c.db).all(); });
        QVERIFY(all);
        QCOMPARE(all->size(), size_t(1));
        QVERIFY(all->front().scope.isEmpty());
        acc.setNow("2026-10-02T12:00:00+08:00");
        QVERIFY(importCsv(acc, calls("2026-10-02T09:10:00+08:00", 1000)));
        QCOMPARE(alerts(acc, "budget-actual"), QStringList{"2026-10:50"});
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
