// Cost management (billing-rules §10): cash and amortized views, allocation, forecast, advice, calculator.
#include "analysis/allocation.h"
#include "analysis/costanalysis.h"
#include "analysis/forecast.h"
#include "analysis/recommendations.h"
#include "engine/bills.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "engine/verifier.h"
#include "randomhistory.h"
#include "storage/database.h"
#include "storage/tagrepository.h"
#include "testaccount.h"

#include <QBuffer>
#include <QSqlQuery>
#include <QTest>

#include <random>

using namespace billing;
using test::at;
using test::importCsv;
using test::kHeader;
using test::randomHistory;

namespace {
const QString kGeneral = QStringLiteral("general-text");
const QString kNorth = QStringLiteral("cn-north-4");

Money m(const char *text)
{
    return *Money::parse(QString::fromLatin1(text));
}

QByteArray callLine(const char *ts, const QString &api, const QString &region, qint64 count,
                    const char *project = "default")
{
    return QByteArray(ts) + ',' + api.toLatin1() + ',' + region.toLatin1() + ",200," + project + ',' +
           QByteArray::number(count) + '\n';
}

Result<Money> cashTotalOf(test::TestAccount &acc, Instant from, Instant to)
{
    return acc.run([&](Context &c) { return cashTotal(c, from, to); });
}

Result<CostResult> cost(test::TestAccount &acc, Instant from, Instant to, CostQuery::Granularity g,
                        const QStringList &groupBy = {}, CostQuery::View view = CostQuery::Cash)
{
    CostQuery q;
    q.from = from;
    q.to = to;
    q.granularity = g;
    q.groupBy = groupBy;
    q.view = view;
    return acc.run([&](Context &c) { return analyzeCost(c, q); });
}

Money sumRows(const CostResult &r)
{
    Money s;
    for (const CostRow &row : r.rows)
        s += row.cost;
    return s;
}

QStringList billMonths(test::TestAccount &acc)
{
    auto months = acc.run([](Context &c) {
        QSqlQuery q(c.db.connection());
        q.exec(QStringLiteral("SELECT DISTINCT bill_month FROM record ORDER BY bill_month"));
        QStringList out;
        while (q.next())
            out << q.value(0).toString();
        return Result<QStringList>(out);
    });
    return *months;
}
} // namespace

class TestCostAnalysis : public QObject
{
    Q_OBJECT
private slots:
    // ---- allocation -------------------------------------------------------------------------------
    void splitGivesLeftoverCentsToLargestRemainders()
    {
        QCOMPARE(splitLargestRemainder(m("10.00"), {1, 1, 1}),
                 (std::vector<Money>{m("3.34"), m("3.33"), m("3.33")}));
        // ties go to the earlier index
        QCOMPARE(splitLargestRemainder(m("0.02"), {1, 1, 1}),
                 (std::vector<Money>{m("0.01"), m("0.01"), m("0")}));
        // 100.00 by 1:2:3 → 16.666…, 33.333…, 50 → remainders .666 and .333: the cent goes to the first
        QCOMPARE(splitLargestRemainder(m("100.00"), {1, 2, 3}),
                 (std::vector<Money>{m("16.67"), m("33.33"), m("50.00")}));
        // the largest remainder wins even at a later index
        // 100 cents by 1:1:5 → 14.28, 14.28, 71.43: remainders 2/7, 2/7, 3/7 → the cent goes to the third
        QCOMPARE(splitLargestRemainder(m("1.00"), {1, 1, 5}),
                 (std::vector<Money>{m("0.14"), m("0.14"), m("0.72")}));
        // equal remainders: the earlier indices win
        QCOMPARE(splitLargestRemainder(m("1.00"), {1, 1, 4}),
                 (std::vector<Money>{m("0.17"), m("0.17"), m("0.66")}));
        QCOMPARE(splitLargestRemainder(m("5.00"), {}), std::vector<Money>());
    }

    void splitHandlesZeroWeightsNegativeTotalsAndFractions()
    {
        // all zero → even
        QCOMPARE(splitLargestRemainder(m("1.00"), {0, 0, 0}),
                 (std::vector<Money>{m("0.34"), m("0.33"), m("0.33")}));
        // zero-weight parts never get a cent
        QCOMPARE(splitLargestRemainder(m("7.77"), {0, 5, 0}),
                 (std::vector<Money>{m("0"), m("7.77"), m("0")}));
        QCOMPARE(splitLargestRemainder(m("0.05"), {0, 1, 1, 0}),
                 (std::vector<Money>{m("0"), m("0.03"), m("0.02"), m("0")}));
        // negative weights count as zero
        QCOMPARE(splitLargestRemainder(m("2.00"), {-3, 1}), (std::vector<Money>{m("0"), m("2.00")}));
        // a refund splits like the charge, negated
        QCOMPARE(splitLargestRemainder(m("-10.00"), {1, 1, 1}),
                 (std::vector<Money>{m("-3.34"), m("-3.33"), m("-3.33")}));
        // a fraction of a cent goes to the largest weight (ties: earlier)
        QCOMPARE(splitLargestRemainder(m("0.0015"), {1, 1}), (std::vector<Money>{m("0.0015"), m("0")}));
        QCOMPARE(splitLargestRemainder(m("1.0015"), {1, 3}), (std::vector<Money>{m("0.25"), m("0.7515")}));
    }

    void splitAlwaysAddsUpToTheTotal()
    {
        std::mt19937 rng(42);
        for (int round = 0; round < 300; ++round) {
            const int n = 1 + int(rng() % (round < 290 ? 12 : 2000));
            std::vector<qint64> w(static_cast<size_t>(n));
            for (qint64 &x : w)
                x = rng() % 4 == 0 ? 0 : qint64(rng() % 1'000'000);
            const qint64 units = qint64(rng() % 10'000'000'000ULL) - 2'000'000'000;
            const Money total =
                Money::fromUnits(round % 3 == 0 ? units / Money::CentUnits * Money::CentUnits : units);
            const auto parts = splitLargestRemainder(total, w);
            QCOMPARE(int(parts.size()), n);
            Money sum;
            for (Money p : parts)
                sum += p;
            QCOMPARE(sum, total);
            // each part is within a cent of its exact share (plus the sub-cent fraction)
            Int128 wsum = 0;
            for (qint64 x : w)
                wsum += x;
            if (wsum > 0)
                for (size_t i = 0; i < parts.size(); ++i) {
                    const Int128 exact = Int128(total.truncatedToCents().units()) * w[i] / wsum;
                    const Int128 diff = Int128(parts[i].units()) - exact;
                    QVERIFY(diff < 2 * Money::CentUnits && diff > -2 * Money::CentUnits);
                }
        }
    }

    void sharedCostRules()
    {
        std::vector<ProjectShare> ps{{"web", 300, 5000}, {"batch", 100, 2500}, {"mobile", 0, 2500}};
        QCOMPARE(*allocateShared(m("127.50"), AllocationRule::Proportional, ps),
                 (std::vector<Money>{m("95.63"), m("31.87"), m("0")}));
        QCOMPARE(*allocateShared(m("127.50"), AllocationRule::Even, ps),
                 (std::vector<Money>{m("42.50"), m("42.50"), m("42.50")}));
        QCOMPARE(*allocateShared(m("127.51"), AllocationRule::Fixed, ps),
                 (std::vector<Money>{m("63.75"), m("31.88"), m("31.88")}));
        // proportional with nothing covered → even
        std::vector<ProjectShare> none{{"a", 0, 0}, {"b", 0, 0}};
        QCOMPARE(*allocateShared(m("1.01"), AllocationRule::Proportional, none),
                 (std::vector<Money>{m("0.51"), m("0.50")}));
        // refunds are split the same way, negated
        QCOMPARE(*allocateShared(m("-127.50"), AllocationRule::Proportional, ps),
                 (std::vector<Money>{m("-95.63"), m("-31.87"), m("0")}));
        // fixed shares must add up to 100 %
        ps[2].fixedBasisPoints = 2000;
        auto bad = allocateShared(m("1.00"), AllocationRule::Fixed, ps);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, ErrorCode::BadUsage);
        QVERIFY(!allocateShared(m("1.00"), AllocationRule::Even, {}).ok());
        QVERIFY(allocateShared(m("0"), AllocationRule::Even, {}).ok());
        QCOMPARE(allocationRuleFromId(QStringLiteral("even")), std::optional(AllocationRule::Even));
        QVERIFY(!allocationRuleFromId(QStringLiteral("random")));
    }

    // ---- cash view = bills ------------------------------------------------------------------------
    void cashViewMatchesBillsForEveryGrouping_data()
    {
        QTest::addColumn<int>("seed");
        for (int s = 1; s <= 5; ++s)
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(s))) << s;
    }
    void cashViewMatchesBillsForEveryGrouping()
    {
        QFETCH(int, seed);
        test::TestAccount acc("2026-08-27T10:00:00+08:00");
        QVERIFY(acc.run([](Context &c) {
                       TagRepository tags(c.db);
                       if (Status s = tags.setTags(QStringLiteral("web"), {QStringLiteral("frontend")}); !s)
                           return s;
                       return tags.setTags(QStringLiteral("batch"), {QStringLiteral("backend")});
                   })
                    .ok());
        const Instant end = randomHistory(acc, seed, 45);
        acc.clock.set(end + 5 * kMicrosPerDay);
        QStringList groupings{QString()};
        for (const QString &d : costDimensions())
            groupings << d;
        for (const QStringList &pair : {QStringList{"api", "mode"}, QStringList{"project", "region"},
                                        QStringList{"category", "tag"}, QStringList{"tag", "mode"}})
            groupings << pair.join(u',');
        const QStringList months = billMonths(acc);
        QVERIFY(months.size() >= 2);
        Money allMonths;
        for (const QString &month : months) {
            auto bill = acc.run([&](Context &c) { return monthlyBill(c, month); });
            QVERIFY(bill.ok());
            const BillingCalendar cal;
            const Instant from = *cal.parseMonth(month);
            const Instant to = cal.addMonths(from, 1);
            allMonths += bill->totals.charged;
            for (const QString &g : groupings) {
                const QStringList by = g.isEmpty() ? QStringList() : g.split(u',');
                for (auto gran : {CostQuery::Month, CostQuery::Day, CostQuery::Hour}) {
                    if (gran == CostQuery::Hour && by.size() > 1)
                        continue; // keep the test quick
                    auto r = cost(acc, from, to, gran, by);
                    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
                    const QString where = QStringLiteral("seed %1 month %2 by %3 gran %4")
                                              .arg(seed)
                                              .arg(month, g)
                                              .arg(int(gran));
                    QVERIFY2(
                        r->total == bill->totals.charged,
                        qPrintable(where + QStringLiteral(": total %1, bill %2")
                                               .arg(r->total.toString(), bill->totals.charged.toString())));
                    QVERIFY2(sumRows(*r) == bill->totals.charged, qPrintable(where));
                    QCOMPARE(*cashTotalOf(acc, from, to), r->total);
                    qint64 calls = 0;
                    for (const CostRow &row : r->rows) {
                        calls += row.calls;
                        QVERIFY(row.period >= from && row.period < to);
                        QCOMPARE(int(row.keys.size()), by.size());
                    }
                    QCOMPARE(calls, bill->totals.calls);
                }
            }
            // A filter on one value of a dimension, grouped by another dimension or by none, keeps exactly
            // the costs of that value's row (the columns not grouped on are still filtered on).
            for (const QString &d : costDimensions()) {
                auto byD = cost(acc, from, to, CostQuery::Month, {d});
                QVERIFY(byD.ok());
                for (const CostRow &row : byD->rows) {
                    for (const QStringList &by :
                         {QStringList(), QStringList{"region"}, QStringList{"mode"}}) {
                        CostQuery q;
                        q.from = from;
                        q.to = to;
                        q.granularity = CostQuery::Day;
                        q.groupBy = by;
                        QStringList *filter = d == "api"        ? &q.apis
                                              : d == "category" ? &q.categories
                                              : d == "region"   ? &q.regions
                                              : d == "mode"     ? &q.modes
                                              : d == "project"  ? &q.projects
                                                                : &q.tags;
                        *filter = QStringList{row.keys.at(d)};
                        auto f = acc.run([&](Context &c) { return analyzeCost(c, q); });
                        QVERIFY(f.ok());
                        QVERIFY2(f->total == row.cost && sumRows(*f) == row.cost && f->calls == row.calls,
                                 qPrintable(QStringLiteral("%1 = %2 by %3: %4, row %5")
                                                .arg(d, row.keys.at(d), by.join(u','), f->total.toString(),
                                                     row.cost.toString())));
                    }
                }
            }
            // Per (API, mode) the month's rows equal the bill's lines.
            auto r = cost(acc, from, to, CostQuery::Month, {"api", "mode"});
            for (const BillLine &l : bill->lines) {
                if (l.region != kNorth)
                    continue;
                Money sum;
                for (const BillLine &o : bill->lines)
                    if (o.api == l.api && o.mode == l.mode)
                        sum += o.charged;
                bool found = false;
                for (const CostRow &row : r->rows)
                    if (row.keys.at("api") == l.api && row.keys.at("mode") == l.mode) {
                        QCOMPARE(row.cost, sum);
                        found = true;
                    }
                QVERIFY(found || sum.isZero());
            }
        }
        // The overview's one figure equals the cash view's total over any range, partial hours included.
        std::mt19937 rng{uint32_t(seed)};
        const Instant first = at("2026-08-27T00:00:00+08:00");
        for (int i = 0; i < 20; ++i) {
            std::uniform_int_distribution<Instant> pick(first, acc.clock.now());
            Instant from = pick(rng), to = pick(rng);
            if (from == to)
                continue;
            if (from > to)
                std::swap(from, to);
            auto r = cost(acc, from, to, CostQuery::Month);
            QVERIFY(r.ok());
            QCOMPARE(*cashTotalOf(acc, from, to), r->total);
        }
        // One query over everything equals the sum of all bills.
        auto all = cost(acc, at("2026-08-01T00:00:00+08:00"), acc.clock.now(), CostQuery::Month, {"project"});
        QCOMPARE(all->total, allMonths);
        // Allocation: every project's direct + shared adds up to the cash total, whatever the rule.
        for (auto rule : {AllocationRule::Proportional, AllocationRule::Even}) {
            auto alloc = acc.run([&](Context &c) {
                return allocateCosts(c, at("2026-08-01T00:00:00+08:00"), acc.clock.now(), rule);
            });
            QVERIFY(alloc.ok());
            Money sum;
            for (const ProjectCost &pc : *alloc)
                sum += pc.total();
            QCOMPARE(sum, allMonths);
        }
        QHash<QString, qint64> fixed{{"web", 5000}, {"batch", 3000}, {"mobile", 2000}};
        auto alloc = acc.run([&](Context &c) {
            return allocateCosts(c, at("2026-08-01T00:00:00+08:00"), acc.clock.now(), AllocationRule::Fixed,
                                 fixed);
        });
        QVERIFY(alloc.ok());
        Money sum;
        for (const ProjectCost &pc : *alloc)
            sum += pc.total();
        QCOMPARE(sum, allMonths);
        auto ctx = acc.engine->inspect();
        QCOMPARE(verifyAccount(**ctx)->join(u'\n'), QString());
    }

    void lateChargeInAFinalMonthCountsInItsBillMonth()
    {
        test::TestAccount acc("2026-09-30T08:00:00+08:00");
        QVERIFY(acc.run([](Context &c) { return services::setEnabled(c, kGeneral, kNorth, true); }).ok());
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, m("100")); }).ok());
        acc.setNow("2026-09-30T11:00:00+08:00");
        QVERIFY(importCsv(acc, kHeader + callLine("2026-09-30T10:10:00+08:00", kGeneral, kNorth, 1000)).ok());
        acc.setNow("2026-10-05T10:00:00+08:00");
        QVERIFY(acc.run([](Context &) { return Status(); }).ok()); // settles everything up to now
        acc.setNow("2026-10-05T10:20:00+08:00");
        QVERIFY(
            !importCsv(acc, kHeader + callLine("2026-09-30T11:30:00+08:00", kGeneral, kNorth, 2000)).ok());
        QVERIFY(importCsv(acc, kHeader + callLine("2026-09-30T11:30:00+08:00", kGeneral, kNorth, 2000), true)
                    .ok());
        acc.setNow("2026-10-05T12:00:00+08:00");
        const BillingCalendar cal;
        for (const char *month : {"2026-09", "2026-10"}) {
            auto bill = acc.run([&](Context &c) { return monthlyBill(c, QString::fromLatin1(month)); });
            QCOMPARE(bill->totals.charged, m(month == QLatin1String("2026-09") ? "1.50" : "3.00"));
            const Instant from = *cal.parseMonth(QString::fromLatin1(month));
            for (auto g : {CostQuery::Hour, CostQuery::Day, CostQuery::Month}) {
                auto r = cost(acc, from, cal.addMonths(from, 1), g);
                QCOMPARE(r->total, bill->totals.charged);
            }
            QCOMPARE(*cashTotalOf(acc, from, cal.addMonths(from, 1)), bill->totals.charged);
        }
        // The late line counts at the hour of the settlement that billed it (2026-10-05 10:00).
        auto hours =
            cost(acc, at("2026-10-01T00:00:00+08:00"), at("2026-10-06T00:00:00+08:00"), CostQuery::Hour);
        QCOMPARE(int(hours->rows.size()), 1);
        QCOMPARE(hours->rows[0].period, at("2026-10-05T10:00:00+08:00"));
        QCOMPARE(hours->rows[0].calls, qint64(2000));
        QCOMPARE(hours->rows[0].cost, m("3.00"));
        // … and so in the cash total: in a range that holds that hour, not in one that holds the calls.
        QCOMPARE(*cashTotalOf(acc, at("2026-10-05T10:00:00+08:00"), at("2026-10-05T11:00:00+08:00")),
                 m("3.00"));
        QCOMPARE(*cashTotalOf(acc, at("2026-09-30T11:00:00+08:00"), at("2026-10-05T10:00:00+08:00")),
                 Money());
        QVERIFY(!cashTotalOf(acc, at("2026-10-05T10:00:00+08:00"), at("2026-10-05T10:00:00+08:00")).ok());
        // In the amortized view the calls count when they were made.
        auto am = cost(acc, at("2026-09-30T00:00:00+08:00"), at("2026-10-01T00:00:00+08:00"), CostQuery::Hour,
                       {}, CostQuery::Amortized);
        QCOMPARE(am->total, m("4.50"));
        QCOMPARE(int(am->rows.size()), 2);
        QCOMPARE(am->rows[1].period, at("2026-09-30T11:00:00+08:00"));
    }

    void badQueriesAreRefused()
    {
        test::TestAccount acc;
        auto bad = [&](CostQuery q) {
            auto r = acc.run([&](Context &c) { return analyzeCost(c, q); });
            return !r.ok() && r.error().code == ErrorCode::BadUsage;
        };
        CostQuery q;
        q.from = at("2026-10-02T00:00:00+08:00");
        q.to = q.from;
        QVERIFY(bad(q));
        q.to = q.from + kMicrosPerDay;
        q.groupBy = QStringList{"api", "region", "mode"};
        QVERIFY(bad(q));
        q.groupBy = QStringList{"colour"};
        QVERIFY(bad(q));
        q.groupBy = QStringList{"api", "api"};
        QVERIFY(bad(q));
        q.groupBy = QStringList{"api", "tag"};
        QVERIFY(!bad(q));
        QCOMPARE(granularityFromId("week"), std::nullopt);
        QCOMPARE(viewFromId("amortized"), std::optional(CostQuery::Amortized));
    }

    // ---- tags -------------------------------------------------------------------------------------
    void projectWithSeveralTagsCountsInEach()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([](Context &c) { return services::setEnabled(c, kGeneral, kNorth, true); }).ok());
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, m("500")); }).ok());
        acc.setNow("2026-10-01T12:00:00+08:00");
        QVERIFY(importCsv(acc, kHeader +
                                   callLine("2026-10-01T09:00:00+08:00", kGeneral, kNorth, 2000, "web") +
                                   callLine("2026-10-01T09:10:00+08:00", kGeneral, kNorth, 4000, "batch") +
                                   callLine("2026-10-01T09:20:00+08:00", kGeneral, kNorth, 6000, "adhoc"))
                    .ok());
        QVERIFY(acc.run([](Context &c) {
                       return packages::buy(c, {kGeneral, kNorth, "100k", {}, false, 7, 1});
                   })
                    .ok());
        auto set = acc.run([](Context &c) {
            TagRepository t(c.db);
            if (Status s = t.setTags("web", {"team-a", "frontend", "team-a"}); !s)
                return s;
            return t.setTags("batch", {"team-a"});
        });
        QVERIFY(set.ok());
        auto tags = acc.run([](Context &c) { return TagRepository(c.db).all(); });
        QCOMPARE(tags->at("web"), (QStringList{"frontend", "team-a"}));
        QVERIFY(!acc.run([](Context &c) { return TagRepository(c.db).setTags("web", {"a,b"}); }).ok());
        QVERIFY(!acc.run([](Context &c) { return TagRepository(c.db).setTags("web", {"(untagged)"}); }).ok());

        auto r = cost(acc, at("2026-10-01T00:00:00+08:00"), at("2026-10-02T00:00:00+08:00"), CostQuery::Day,
                      {"tag"});
        // web 3.00 (frontend, team-a), batch 6.00 (team-a), adhoc 9.00 (untagged), package 127.50 (shared)
        QCOMPARE(r->total, m("145.50"));
        std::map<QString, Money> byTag;
        for (const CostRow &row : r->rows)
            byTag[row.keys.at("tag")] = row.cost;
        QCOMPARE(byTag.size(), size_t(4));
        QCOMPARE(byTag["(shared)"], m("127.50"));
        QCOMPARE(byTag["(untagged)"], m("9.00"));
        QCOMPARE(byTag["frontend"], m("3.00"));
        QCOMPARE(byTag["team-a"], m("9.00"));
        QCOMPARE(sumRows(*r), r->total + m("3.00")); // web counts twice
        // A tag filter keeps the costs that carry the tag, each once.
        CostQuery q;
        q.from = at("2026-10-01T00:00:00+08:00");
        q.to = at("2026-10-02T00:00:00+08:00");
        q.granularity = CostQuery::Month;
        q.tags = QStringList{"team-a"};
        q.groupBy = QStringList{"project"};
        auto f = acc.run([&](Context &c) { return analyzeCost(c, q); });
        QCOMPARE(f->total, m("9.00"));
        QCOMPARE(int(f->rows.size()), 2);
        QCOMPARE(f->rows[0].keys.at("project"), QString("batch"));
        QCOMPARE(f->rows[0].period, at("2026-10-01T00:00:00+08:00"));
        // The migration step exists (later steps follow it: 3 adds budgets).
        QVERIFY(Database::latestSchemaVersion() >= 2);
    }

    // ---- amortized view ---------------------------------------------------------------------------
    void amortizedSpreadsThePriceAndShowsWaste()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([](Context &c) { return services::setEnabled(c, kGeneral, kNorth, true); }).ok());
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, m("500")); }).ok());
        acc.setNow("2026-10-01T09:00:00+08:00");
        QVERIFY(acc.run([](Context &c) {
                       return packages::buy(c, {kGeneral, kNorth, "100k", {}, false, 7, 1});
                   })
                    .ok());
        acc.setNow("2026-10-02T12:00:00+08:00");
        QVERIFY(importCsv(acc, kHeader +
                                   callLine("2026-10-01T10:00:00+08:00", kGeneral, kNorth, 30000, "web") +
                                   callLine("2026-10-02T10:00:00+08:00", kGeneral, kNorth, 20001, "batch"))
                    .ok());
        const Instant from = at("2026-10-01T00:00:00+08:00");
        // Still in force: no waste yet. 30,000 of 100,000 → 38.25; cumulative 50,001 → 63.75 (63.751
        // floored).
        auto r = cost(acc, from, at("2026-11-01T00:00:00+08:00"), CostQuery::Day, {"project"},
                      CostQuery::Amortized);
        QCOMPARE(int(r->rows.size()), 2);
        QCOMPARE(r->rows[0].keys.at("project"), QString("web"));
        QCOMPARE(r->rows[0].cost, m("38.25"));
        QCOMPARE(r->rows[0].calls, qint64(30000));
        QCOMPARE(r->rows[1].cost, m("25.50"));
        QCOMPARE(r->total, m("63.75"));
        // The cash view has the price on the day of purchase, shared.
        auto c = cost(acc, from, at("2026-11-01T00:00:00+08:00"), CostQuery::Month, {"project", "mode"});
        QCOMPARE(c->total, m("127.50"));
        QCOMPARE(c->rows[0].keys.at("project"), QString("(shared)"));
        QCOMPARE(c->rows[0].keys.at("mode"), QString("package"));
        // After expiry (2027-10-01 23:59:59) the unused part is waste in that period.
        acc.setNow("2027-10-03T00:00:00+08:00");
        r = cost(acc, from, acc.clock.now(), CostQuery::Month, {"mode"}, CostQuery::Amortized);
        QCOMPARE(r->total, m("127.50"));
        QCOMPARE(int(r->rows.size()), 2);
        QCOMPARE(r->rows[1].keys.at("mode"), QString("waste"));
        QCOMPARE(r->rows[1].period, at("2027-10-01T00:00:00+08:00"));
        QCOMPARE(r->rows[1].cost, m("63.75"));
        QCOMPARE(r->rows[1].calls, qint64(0));
        // A range ending before the expiry shows no waste.
        r = cost(acc, from, at("2027-10-01T12:00:00+08:00"), CostQuery::Month, {"mode"},
                 CostQuery::Amortized);
        QCOMPARE(r->total, m("63.75"));
    }

    void amortizedLastCoveringLineTakesTheRest()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([](Context &c) { return services::setEnabled(c, kGeneral, kNorth, true); }).ok());
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, m("500")); }).ok());
        QVERIFY(acc.run([](Context &c) {
                       return packages::buy(c, {kGeneral, kNorth, "100k", {}, false, 7, 1});
                   })
                    .ok());
        acc.setNow("2026-10-01T14:00:00+08:00");
        // Three thirds of the quota, then 1 call more (pay-per-use).
        QVERIFY(importCsv(acc, kHeader + callLine("2026-10-01T09:00:00+08:00", kGeneral, kNorth, 33333, "a") +
                                   callLine("2026-10-01T10:00:00+08:00", kGeneral, kNorth, 33333, "b") +
                                   callLine("2026-10-01T11:00:00+08:00", kGeneral, kNorth, 33335, "c"))
                    .ok());
        auto r = cost(acc, at("2026-10-01T00:00:00+08:00"), at("2026-10-02T00:00:00+08:00"), CostQuery::Hour,
                      {"project", "mode"}, CostQuery::Amortized);
        QCOMPARE(int(r->rows.size()), 4);
        QCOMPARE(r->rows[0].cost, m("42.49")); // floor(12750 × 33333 / 100000) = 4249
        QCOMPARE(r->rows[1].cost, m("42.50")); // 8499 − 4249
        QCOMPARE(r->rows[2].cost, m("42.51")); // 12750 − 8499: uses the quota up
        QCOMPARE(r->rows[3].keys.at("mode"), QString("pay-per-use"));
        QCOMPARE(r->rows[3].calls, qint64(1));
        QCOMPARE(r->total, m("127.50"));
    }

    void amortizedTotalOverTheWholeLifeIsPricesPlusPayPerUse_data()
    {
        cashViewMatchesBillsForEveryGrouping_data();
    }
    void amortizedTotalOverTheWholeLifeIsPricesPlusPayPerUse()
    {
        QFETCH(int, seed);
        test::TestAccount acc("2026-08-27T10:00:00+08:00");
        const Instant end = randomHistory(acc, seed + 100, 40);
        acc.clock.set(end + kMicrosPerHour);
        // No renewals: switch every auto-renewal off, then let every package expire.
        auto ps = acc.run([](Context &c) { return c.subscriptions.packages(); });
        for (const Package &p : *ps)
            if (!p.cancelledAt)
                (void)acc.run(
                    [&](Context &c) { return packages::setAutoRenew(c, p.id, false, std::nullopt); });
        acc.clock.set(end + 400 * kMicrosPerDay);
        auto expected = acc.run([](Context &c) {
            QSqlQuery q(c.db.connection());
            q.exec(QStringLiteral(
                "SELECT (SELECT coalesce(sum(price), 0) FROM package WHERE cancelled_at IS NULL), "
                "(SELECT coalesce(sum(charged), 0) FROM record WHERE type = 'usage'), "
                "(SELECT coalesce(sum(charged), 0) FROM record WHERE type IN ('usage', 'purchase', "
                "'renewal', 'refund'))"));
            q.next();
            return Result<std::vector<Money>>(std::vector<Money>{Money::fromUnits(q.value(0).toLongLong()),
                                                                 Money::fromUnits(q.value(1).toLongLong()),
                                                                 Money::fromUnits(q.value(2).toLongLong())});
        });
        QVERIFY((*expected)[0] > Money()); // the history bought packages
        const Instant from = at("2026-08-01T00:00:00+08:00");
        auto am = cost(acc, from, acc.clock.now(), CostQuery::Month, {"mode"}, CostQuery::Amortized);
        QVERIFY(am.ok());
        QCOMPARE(am->total, (*expected)[0] + (*expected)[1]);
        QCOMPARE(sumRows(*am), am->total);
        // And the cash view over the same range is what was paid, refunds netted.
        auto cash = cost(acc, from, acc.clock.now(), CostQuery::Month, {"mode"});
        QCOMPARE(cash->total, (*expected)[2]);
        QCOMPARE(cash->total, am->total); // every package has run its course
        // Some package quota was used and some lapsed.
        std::map<QString, Money> byMode;
        for (const CostRow &row : am->rows)
            byMode[row.keys.at("mode")] += row.cost;
        QVERIFY(byMode["package"] > Money());
        QVERIFY(byMode["waste"] > Money());
        // Day granularity gives the same total.
        auto days = cost(acc, from, acc.clock.now(), CostQuery::Day, {"api"}, CostQuery::Amortized);
        QCOMPARE(days->total, am->total);
        QCOMPARE(sumRows(*days), am->total);
    }

    void cancelledPackagesCostNothingAmortized()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, m("500")); }).ok());
        packages::BuyRequest req{kGeneral, kNorth, "100k", at("2026-10-05T00:00:00+08:00"), false, 7, 1};
        auto bought = acc.run([&](Context &c) { return packages::buy(c, req); });
        QVERIFY(bought.ok());
        acc.setNow("2026-10-02T08:00:00+08:00");
        QVERIFY(acc.run([&](Context &c) { return packages::unsubscribe(c, bought->front().id); }).ok());
        acc.setNow("2027-11-01T00:00:00+08:00");
        auto am = cost(acc, at("2026-10-01T00:00:00+08:00"), acc.clock.now(), CostQuery::Month, {},
                       CostQuery::Amortized);
        QCOMPARE(am->total, Money());
        QVERIFY(am->rows.empty());
        auto cash = cost(acc, at("2026-10-01T00:00:00+08:00"), acc.clock.now(), CostQuery::Day, {"mode"});
        QCOMPARE(cash->total, Money());
        QCOMPARE(int(cash->rows.size()), 2); // +127.50 on 10-01, −127.50 on 10-02
        QCOMPARE(cash->rows[1].cost, m("-127.50"));
    }

    // ---- forecast ---------------------------------------------------------------------------------
    void forecastFollowsALinearTrendExactly()
    {
        // 10 + 2t dollars on days t = 0 … 9 of a 30-day month: 190.00 so far, the line gives
        // Σ_{t=10}^{29} (10 + 2t) = 200 + 780 = 980.00 more.
        std::vector<Money> daily;
        for (int t = 0; t < 10; ++t)
            daily.push_back(Money::fromCents(1000 + 200 * t));
        Forecast f = forecastFromDaily(daily, Money(), 30);
        QCOMPARE(f.actual, m("190.00"));
        QCOMPARE(f.trendPerDay, m("2.00"));
        QCOMPARE(f.projected, m("1170.00"));
        QVERIFY(f.intervalKnown);
        QCOMPARE(f.low, f.projected); // a perfect fit has no spread
        QCOMPARE(f.high, f.projected);
        // The day in progress counts at least what it already cost.
        f = forecastFromDaily(daily, m("5.00"), 30);
        QCOMPARE(f.actual, m("195.00"));
        QCOMPARE(f.projected, m("1170.00")); // 5.00 < the 30.00 projected for day 10
        f = forecastFromDaily(daily, m("40.00"), 30);
        QCOMPARE(f.projected, m("1180.00"));
        // A month already over: the forecast is what it cost.
        daily.resize(30, m("1.00"));
        f = forecastFromDaily(daily, Money(), 30);
        QCOMPARE(f.projected, f.actual);
    }

    void forecastIntervalWidensWithNoise()
    {
        // 100 ± 6 around a flat line: residuals ±6 (mean 0), s² = 36·n/(n−2).
        std::vector<Money> daily;
        for (int t = 0; t < 14; ++t)
            daily.push_back(Money::fromCents(10000 + (t % 2 ? 600 : -600)));
        Forecast f = forecastFromDaily(daily, Money(), 28);
        QVERIFY(f.intervalKnown);
        // The fitted line is nearly flat at 100; 14 days projected ≈ 1400 more.
        QVERIFY2(f.projected > m("2830") && f.projected < m("2840"),
                 qPrintable(f.projected.toString())); // slope 42/227.5 a day
        // Half-width ≈ 1.96 × 6.48 × √14 ≈ 47.5
        const Money half = f.high - f.projected;
        QVERIFY2(half > m("45") && half < m("50"), qPrintable(half.toString()));
        QCOMPARE(f.projected - f.low, half);
        QVERIFY(f.low >= f.actual);
        // Fewer than 3 days: no interval; 1 day: flat; none: the month to date.
        f = forecastFromDaily({m("3.00"), m("5.00")}, Money(), 31);
        QVERIFY(!f.intervalKnown);
        // the line through 3.00 and 5.00 is 3 + 2t dollars: Σ_{t=2}^{30} (3 + 2t) = 87 + 928 = 1015.00 more
        QCOMPARE(f.projected, m("1023.00"));
        f = forecastFromDaily({m("4.00")}, m("1.00"), 30);
        QCOMPARE(f.projected, m("120.00"));
        f = forecastFromDaily({}, m("2.00"), 30);
        QCOMPARE(f.projected, m("2.00"));
        // A falling trend never projects negative days.
        f = forecastFromDaily({m("30"), m("20"), m("10")}, Money(), 10);
        QCOMPARE(f.projected, m("60.00"));
        QCOMPARE(f.trendPerDay, m("-10.00"));
    }

    void forecastMonthGathersDailyCosts()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([](Context &c) { return services::setEnabled(c, kGeneral, kNorth, true); }).ok());
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, m("500")); }).ok());
        acc.setNow("2026-10-05T14:30:00+08:00");
        // 1,000 calls (1.50) on each of days 1–4, and 2,000 calls (3.00) today before 14:00.
        QByteArray csv = kHeader;
        for (const char *ts : {"2026-10-01T10:00:00+08:00", "2026-10-02T10:00:00+08:00",
                               "2026-10-03T10:00:00+08:00", "2026-10-04T10:00:00+08:00"})
            csv += callLine(ts, kGeneral, kNorth, 1000);
        csv += callLine("2026-10-05T13:00:00+08:00", kGeneral, kNorth, 2000);
        csv += callLine("2026-10-05T14:10:00+08:00", kGeneral, kNorth, 2000); // not settled yet
        QVERIFY(importCsv(acc, csv).ok());
        auto f = acc.run([](Context &c) { return forecastMonth(c, QString()); });
        QVERIFY(f.ok());
        QCOMPARE(f->month, QString("2026-10"));
        QCOMPARE(f->asOf, at("2026-10-05T14:00:00+08:00"));
        QCOMPARE(f->completeDays, 4);
        QCOMPARE(f->daysInMonth, 31);
        QCOMPARE(f->partialDay, m("3.00"));
        QCOMPARE(f->actual, m("9.00"));
        // flat 1.50 a day; today counts 3.00 already; 26 more days at 1.50 → 6.00 + 3.00 + 39.00
        QCOMPARE(f->projected, m("48.00"));
        QVERIFY(f->intervalKnown);
        QCOMPARE(f->high, f->projected);
        auto future = acc.run([](Context &c) { return forecastMonth(c, QStringLiteral("2026-12")); });
        QVERIFY(!future.ok());
        // A month that is over: nothing left to project.
        auto past = acc.run([](Context &c) { return forecastMonth(c, QStringLiteral("2026-09")); });
        QVERIFY(past.ok());
        QCOMPARE(past->completeDays, 30);
        QCOMPARE(past->projected, Money());
    }

    // ---- advice and calculator --------------------------------------------------------------------
    void priceCalculatorBreaksDownTiers()
    {
        auto cat = Catalog::builtIn();
        QVERIFY(cat.ok());
        auto q = priceCalculator(*cat, kGeneral, 1'200'000);
        QVERIFY(q.ok());
        QCOMPARE(int(q->size()), 5);
        QCOMPARE(q->at(0).option, QString("pay-per-use"));
        QCOMPARE(int(q->at(0).tiers.size()), 2);
        QCOMPARE(q->at(0).tiers[1].firstCall, qint64(1'000'001));
        QCOMPARE(q->at(0).tiers[1].amount, m("240.00"));
        QCOMPARE(q->at(0).monthlyCost, m("1740.00")); // 1500 + 240
        QCOMPARE(q->at(1).option, QString("100k"));
        QCOMPARE(q->at(1).packagePrice, m("127.50"));
        QCOMPARE(q->at(1).monthlyQuota, qint64(8333));
        // 10.62 + (1,000,000 × 1.50 + 191,667 × 1.20) / 1000 = 10.62 + 1500 + 230.0004 → 1740.62
        QCOMPARE(q->at(1).monthlyCost, m("1740.62"));
        QCOMPARE(q->at(4).option, QString("10m"));
        QCOMPARE(q->at(4).monthlyCost, m("875.00") + m("550.00"));       // 366,667 × 1.50 = 550.0005
        QCOMPARE(q->at(4).cheaper.from, std::optional<qint64>(583'340)); // 875.01 / 0.0015
        QCOMPARE(cheaperRange(m("5625"), 5'000'000, cat->tiers(cat->priceListAt(0), "GENERAL"), 0).from,
                 std::optional<qint64>(312'507));
        QVERIFY(!priceCalculator(*cat, "no-such-api", 10).ok());
        QCOMPARE(priceCalculator(*cat, "id-card", 0)->at(0).monthlyCost, Money());
    }

    // Issue #19: at 2,220,202 calls the 100k package costs 2,964.86 against 2,964.24 pay-per-use, yet
    // was "cheaper from 7087 calls". It is cheaper only while the 8,333 calls it covers would have been
    // priced at 1.50 rather than 1.20 (or 0.90) enough to beat its 10.62 a month.
    void packageIsCheaperOnlyOverARange()
    {
        auto cat = Catalog::builtIn();
        QVERIFY(cat.ok());
        auto q = priceCalculator(*cat, kGeneral, 2'220'202);
        QVERIFY(q.ok());
        QCOMPARE(q->at(0).monthlyCost, m("2964.24"));
        QCOMPARE(q->at(1).option, QString("100k"));
        QCOMPARE(q->at(1).monthlyCost, m("2964.86"));
        QVERIFY(!q->at(1).cheaper.atVolume);
        QCOMPARE(q->at(1).cheaper.from, std::optional<qint64>(7'087));
        QCOMPARE(q->at(1).cheaper.upTo, std::optional<qint64>(1'006'232));
        QCOMPARE(
            cheaperRangeText(q->at(1).cheaper, QLocale::c()),
            QString("not cheaper than pay-per-use at this volume (only from 7087 to 1006232 calls a month)"));
        QVERIFY(q->at(4).cheaper.atVolume); // 10m: 875.00 + 1,386,869 calls beats it here
        QCOMPARE(q->at(4).cheaper.upTo, std::optional<qint64>(5'416'632));

        // The bounds by hand, 100k = 127.50 a year → 10.62 a month for 8,333 calls.
        const std::vector<Tier> &tiers = cat->tiers(cat->priceListAt(0), "GENERAL");
        const Money price = m("127.50");
        // 7,086 × 1.50 = 10.629 → 10.62, not below 10.62; 7,087 → 10.63.
        QCOMPARE(payPerUseMonthly(tiers, 7'086), m("10.62"));
        QCOMPARE(payPerUseMonthly(tiers, 7'087), m("10.63"));
        // 1,006,232: pay-per-use 1,507.47 (1,500 + 6,232 × 1.20); package 10.62 + 1,496.84 for 997,899 calls.
        QCOMPARE(payPerUseMonthly(tiers, 1'006'232), m("1507.47"));
        QCOMPARE(packageMonthly(price, 100'000, tiers, 1'006'232), m("1507.46"));
        // 1,006,233: both 1,507.47, so no longer cheaper.
        QCOMPARE(payPerUseMonthly(tiers, 1'006'233), m("1507.47"));
        QCOMPARE(packageMonthly(price, 100'000, tiers, 1'006'233), m("1507.47"));
        QVERIFY(cheaperRange(price, 100'000, tiers, 1'006'232).atVolume);
        QVERIFY(!cheaperRange(price, 100'000, tiers, 1'006'233).atVolume);
        QVERIFY(!cheaperRange(price, 100'000, tiers, 7'086).atVolume);
        QVERIFY(cheaperRange(price, 100'000, tiers, 7'087).atVolume);
        // The other sizes: 1m from 66,674 to 1,083,306, 5m from 312,507 to 5,104,132 (its 416,666 calls at
        // 1.20 still beat 468.75; at 0.90 no longer).
        QCOMPARE(q->at(2).cheaper.from, std::optional<qint64>(66'674));
        QCOMPARE(q->at(2).cheaper.upTo, std::optional<qint64>(1'083'306));
        QCOMPARE(q->at(3).cheaper.upTo, std::optional<qint64>(5'104'132));
        // A flat price list has no upper end.
        const std::vector<Tier> flat{{1, m("1.50")}};
        const CheaperRange open = cheaperRange(price, 100'000, flat, 50'000'000);
        QCOMPARE(open.from, std::optional<qint64>(7'087));
        QVERIFY(!open.upTo);
        QVERIFY(open.atVolume);
    }

    // Issue #19: "price general-text 110000000000000" printed a negative cost.
    void priceCalculatorRefusesCostsOutOfRange()
    {
        auto cat = Catalog::builtIn();
        QVERIFY(cat.ok());
        auto q = priceCalculator(*cat, kGeneral, 110'000'000'000'000);
        QVERIFY(!q.ok());
        QCOMPARE(q.error().code, ErrorCode::Refused);
        QVERIFY2(q.error().message.contains("±10,000,000,000.00"), qPrintable(q.error().message));
        QVERIFY(priceCalculator(*cat, kGeneral, 10'000'000'000'000).ok()); // 9,000,001,800.00: in range
    }

    // Issue #19: a forecast that would leave the range is refused, not wrapped.
    void forecastOutOfRangeIsFlagged()
    {
        const Money big = Money::fromUnits(Money::LimitUnits / 4);
        Forecast f = forecastFromDaily({big, big, big}, Money(), 30);
        QVERIFY(f.outOfRange.has_value());
        QVERIFY(*f.outOfRange > Int128(Money::LimitUnits));
        f = forecastFromDaily({m("10"), m("20"), m("30")}, Money(), 30);
        QVERIFY(!f.outOfRange);
    }

    void recommendsAPackageForSteadyHighVolume()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([](Context &c) { return services::setEnabled(c, kGeneral, kNorth, true); }).ok());
        QVERIFY(acc.run([](Context &c) { return services::setEnabled(c, "id-card", kNorth, true); }).ok());
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, m("5000")); }).ok());
        acc.setNow("2026-10-31T10:30:00+08:00");
        QByteArray csv = kHeader;
        const BillingCalendar cal;
        for (int d = 0; d < 30; ++d) {
            const Instant t = at("2026-10-01T12:00:00+08:00") + d * kMicrosPerDay;
            csv += callLine(cal.format(t).toLatin1().constData(), kGeneral, kNorth, 30000);
            csv += callLine(cal.format(t).toLatin1().constData(), "id-card", kNorth, 100);
        }
        QVERIFY(importCsv(acc, csv).ok());
        auto r = acc.run([](Context &c) { return recommend(c); });
        QVERIFY(r.ok());
        QCOMPARE(int(r->size()), 2);
        const Recommendation &g = r->at(0);
        QCOMPARE(g.api, kGeneral);
        QCOMPARE(g.monthlyCalls, qint64(900'000));
        QCOMPARE(g.current, QString("pay-per-use"));
        // pay-per-use 900,000 × 1.50/1000 = 1350.00; 10m: 10500/12 = 875.00 + 66,667 × 1.50/1000 = 100.00
        QCOMPARE(g.monthlyCostNow, m("1350.00"));
        QCOMPARE(g.best, QString("10m"));
        QCOMPARE(g.monthlyCostBest, m("975.00"));
        QCOMPARE(g.saving, m("375.00"));
        QVERIFY(g.reason.contains("375.00"));
        QVERIFY(g.reason.contains("583340"));
        const Recommendation &card = r->at(1);
        QCOMPARE(card.api, QString("id-card"));
        QCOMPARE(card.monthlyCalls, qint64(3000));
        QCOMPARE(card.best, QString("pay-per-use"));
        QCOMPARE(card.monthlyCostNow, m("9.00"));
        QCOMPARE(card.saving, Money());

        // With a 1m package in force: 1,000,000 calls at 900,000 per 30 days run out in 33⅓ days.
        QVERIFY(acc.run([](Context &c) {
                       return packages::buy(c, {kGeneral, kNorth, "1m", {}, false, 7, 1});
                   })
                    .ok());
        r = acc.run([](Context &c) { return recommend(c); });
        const Recommendation &p = r->at(0);
        QCOMPARE(p.current, QString("1m"));
        QCOMPARE(p.monthlyCostNow, m("1325.00")); // 100.00 + 816,667 × 1.50/1000
        QCOMPARE(p.saving, m("350.00"));
        QVERIFY(p.runsOutAt.has_value());
        QCOMPARE(*p.runsOutAt, at("2026-10-31T10:00:00+08:00") + 100 * kMicrosPerDay / 3);
        QCOMPARE(p.lapsingCalls, qint64(0));
        QVERIFY(p.costAfterRunOut > m("14000")); // about 10.6 months at 1350.00
        // With a 10m package for 3,000 id-card calls a month, most of it lapses.
        QVERIFY(acc.run([](Context &c) {
                       return packages::buy(c, {"id-card", kNorth, "100k", {}, false, 7, 1});
                   })
                    .ok());
        r = acc.run([](Context &c) { return recommend(c); });
        const Recommendation &l = r->at(1);
        QCOMPARE(l.current, QString("100k"));
        QVERIFY(l.lapsingCalls > 60'000);
        QVERIFY(l.reason.contains("lapse"));
    }
};

QTEST_GUILESS_MAIN(TestCostAnalysis)
#include "tst_costanalysis.moc"
