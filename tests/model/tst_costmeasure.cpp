// Unit cost (billing-rules §10): cost per 1,000 billable calls in the cash and the amortized view, for the
// groupings the analysis offers; undefined (never 0) where a group has no billable calls. The figures are
// computed by hand in the comments (docs/billing-decisions.md, "Unit cost").
#include "analysis/costanalysis.h"
#include "analysis/costmeasure.h"
#include "analysis/costseries.h"
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
const QString kGeneral = QStringLiteral("general-text");
const QString kIdCard = QStringLiteral("id-card");
const QString kNorth = QStringLiteral("cn-north-4");

Money m(const char *text)
{
    return *Money::parse(QString::fromLatin1(text));
}

std::optional<Money> om(const char *text)
{
    return m(text);
}

// The scenario cost-cash-amortized of the CLI tests: 2,000 general-text calls for web on Oct 1 (3.00),
// 1,000 id-card calls for batch on Oct 2 (3.00), a 100k general-text package bought on Oct 3 (127.50),
// 10,000 general-text calls for web on Oct 4, all on the package.
void history(test::TestAccount &acc)
{
    QVERIFY(acc.run([](Context &c) { return services::setEnabled(c, kGeneral, kNorth, true); }).ok());
    QVERIFY(acc.run([](Context &c) { return services::setEnabled(c, kIdCard, kNorth, true); }).ok());
    QVERIFY(acc.run([](Context &c) { return funds::topUp(c, m("1000")); }).ok());
    acc.setNow("2026-10-03T00:00:00+08:00");
    QVERIFY(importCsv(acc, "timestamp,api,region,status,enterprise_project,count\n"
                           "2026-10-01T10:00:00+08:00,general-text,cn-north-4,200,web,2000\n"
                           "2026-10-02T09:30:00+08:00,id-card,cn-north-4,200,batch,1000\n")
                .ok());
    QVERIFY(acc.run([](Context &c) {
                   return packages::buy(c, {kGeneral, kNorth, "100k", {}, false, 7, 1});
               })
                .ok());
    acc.setNow("2026-10-05T00:00:00+08:00");
    QVERIFY(importCsv(acc, "timestamp,api,region,status,enterprise_project,count\n"
                           "2026-10-04T15:00:00+08:00,general-text,cn-north-4,200,web,10000\n")
                .ok());
}

CostQuery october(const QStringList &groupBy, CostQuery::View view,
                  CostQuery::Granularity g = CostQuery::Month)
{
    CostQuery q;
    q.from = at("2026-10-01T00:00:00+08:00");
    q.to = at("2026-11-01T00:00:00+08:00");
    q.granularity = g;
    q.groupBy = groupBy;
    q.view = view;
    return q;
}

struct Analysed
{
    CostResult result;
    ResultUnitCosts unit;
};

Analysed analyse(test::TestAccount &acc, const CostQuery &q)
{
    auto r = acc.run([&](Context &c) { return analyzeCost(c, q); });
    if (!r)
        qFatal("analysis failed: %s", qPrintable(r.error().message));
    auto u = resultUnitCosts(*r);
    if (!u)
        qFatal("unit costs failed: %s", qPrintable(u.error().message));
    return {std::move(*r), std::move(*u)};
}
} // namespace

class TestCostMeasure : public QObject
{
    Q_OBJECT
private slots:
    void measureIds()
    {
        QCOMPARE(costMeasures(), QStringList({"cost", "calls", "unit-cost"}));
        for (CostMeasure x : {CostMeasure::Cost, CostMeasure::Calls, CostMeasure::UnitCost})
            QCOMPARE(measureFromId(measureId(x)), std::optional(x));
        QCOMPARE(measureFromId("unit_cost"), std::nullopt);
        QCOMPARE(measureFromId(""), std::nullopt);
    }

    void unitCostIsExactAndFloored()
    {
        // 1.42 over 950 calls: 142,000,000 units × 1000 / 950 = 149,473,684.21… → 1.49473684.
        QCOMPARE(*unitCost(m("1.42"), 950), om("1.49473684"));
        // A list price comes back as itself: 1.50 for 1,000 calls, 7.50 for 5,000.
        QCOMPARE(*unitCost(m("1.50"), 1000), om("1.50"));
        QCOMPARE(*unitCost(m("7.50"), 5000), om("1.50"));
        // Floored, not rounded: 2.00 over 3 calls = 666.666666666… → 666.66666666.
        QCOMPARE(*unitCost(m("2.00"), 3), om("666.66666666"));
        // Negative (a refund larger than the period's charges): floored too, toward minus infinity.
        QCOMPARE(*unitCost(m("-1.00"), 3), om("-333.33333334"));
        // A cost of 0.00 over calls is 0; no calls is undefined, never 0 — not even for a cost of 0.00.
        QCOMPARE(*unitCost(Money(), 10), om("0"));
        QCOMPARE(*unitCost(Money(), 0), std::nullopt);
        QCOMPARE(*unitCost(m("127.50"), 0), std::nullopt);
        // More than 10,000,000.00 a call is outside the range: refused, not wrapped.
        auto big = unitCost(Money::fromUnits(Money::LimitUnits), 999);
        QVERIFY(!big.ok());
        QCOMPARE(big.error().code, ErrorCode::Refused);
        QVERIFY2(big.error().message.contains("outside the range"), qPrintable(big.error().message));
        QCOMPARE(*unitCost(Money::fromUnits(Money::LimitUnits), 1000),
                 std::optional(Money::fromUnits(Money::LimitUnits)));
        // A 128-bit sum of costs works the same.
        QCOMPARE(*unitCost(Int128(Money::LimitUnits) * 3, 3000),
                 std::optional(Money::fromUnits(Money::LimitUnits)));
    }

    void cashViewByModeAndByProject()
    {
        test::TestAccount acc;
        history(acc);
        // By mode: the package's price over the calls it covered, pay-per-use over its own.
        Analysed a = analyse(acc, october({"mode"}, CostQuery::Cash));
        QCOMPARE(int(a.result.rows.size()), 2);
        QCOMPARE(a.result.rows[0].keys.at("mode"), QString("package"));
        QCOMPARE(a.unit.rows[0], om("12.75")); // 127.50 × 1000 / 10,000
        QCOMPARE(a.result.rows[1].keys.at("mode"), QString("pay-per-use"));
        QCOMPARE(a.unit.rows[1], om("2.00")); // 6.00 × 1000 / 3,000
        // The whole: 133.50 × 1000 / 13,000 = 10.2692307692… → 10.26923076 (not the mean of the rows).
        QCOMPARE(a.result.calls, qint64(13000));
        QCOMPARE(a.unit.total, om("10.26923076"));
        // By project: the purchase is shared and has no billable calls: undefined, not 0.
        a = analyse(acc, october({"project"}, CostQuery::Cash));
        QCOMPARE(int(a.result.rows.size()), 3);
        QCOMPARE(a.result.rows[0].keys.at("project"), QString("(shared)"));
        QCOMPARE(a.result.rows[0].calls, qint64(0));
        QCOMPARE(a.unit.rows[0], std::nullopt);
        QCOMPARE(a.result.rows[1].keys.at("project"), QString("batch"));
        QCOMPARE(a.unit.rows[1], om("3.00")); // 3.00 × 1000 / 1,000
        QCOMPARE(a.result.rows[2].keys.at("project"), QString("web"));
        QCOMPARE(a.unit.rows[2], om("0.25")); // 3.00 × 1000 / 12,000 (package calls cost 0.00 in cash)
        QCOMPARE(a.unit.total, om("10.26923076"));
        // By day: the day of the purchase has no calls.
        a = analyse(acc, october({}, CostQuery::Cash, CostQuery::Day));
        QCOMPARE(int(a.result.rows.size()), 4);
        QCOMPARE(a.result.rows[2].period, at("2026-10-03T00:00:00+08:00"));
        QCOMPARE(a.unit.rows[2], std::nullopt);
        QCOMPARE(a.unit.rows[3], om("0")); // 10,000 calls on the package: 0.00 in cash
    }

    void amortizedViewByModeAndByProject()
    {
        test::TestAccount acc;
        history(acc);
        Analysed a = analyse(acc, october({"mode"}, CostQuery::Amortized));
        QCOMPARE(int(a.result.rows.size()), 2);
        QCOMPARE(a.result.rows[0].keys.at("mode"), QString("package"));
        QCOMPARE(a.result.rows[0].cost, m("12.75"));
        QCOMPARE(a.unit.rows[0], om("1.275")); // 12.75 × 1000 / 10,000: the package's own 127.50 / 100,000
        QCOMPARE(a.unit.rows[1], om("2.00"));
        // 18.75 × 1000 / 13,000 = 1.4423076923… → 1.44230769.
        QCOMPARE(a.unit.total, om("1.44230769"));
        a = analyse(acc, october({"project", "api"}, CostQuery::Amortized));
        QCOMPARE(int(a.result.rows.size()), 2);
        QCOMPARE(a.result.rows[1].keys.at("project"), QString("web"));
        QCOMPARE(a.unit.rows[1], om("1.3125")); // (3.00 + 12.75) × 1000 / 12,000
        // Waste has no calls: after the package lapses (bought Oct 3, to 2027-10-03 23:59:59) its row is
        // undefined.
        acc.setNow("2027-10-05T00:00:00+08:00");
        CostQuery all = october({"mode"}, CostQuery::Amortized);
        all.to = at("2027-11-01T00:00:00+08:00");
        a = analyse(acc, all);
        bool sawWaste = false;
        for (size_t i = 0; i < a.result.rows.size(); ++i)
            if (a.result.rows[i].keys.at("mode") == kModeWaste) {
                sawWaste = true;
                QCOMPARE(a.result.rows[i].cost, m("114.75")); // 127.50 − 12.75
                QCOMPARE(a.unit.rows[i], std::nullopt);
            }
        QVERIFY(sawWaste);
        // Over the whole life the package cost 127.50 for 10,000 calls, pay-per-use 6.00 for 3,000.
        QCOMPARE(a.unit.total, om("10.26923076"));
    }

    void seriesAndCompositionUseSumsNotAverages()
    {
        test::TestAccount acc;
        history(acc);
        const CostQuery q = october({"project"}, CostQuery::Cash, CostQuery::Day);
        auto r = acc.run([&](Context &c) { return analyzeCost(c, q); });
        QVERIFY(r.ok());
        const CostSeriesSet set = buildSeries(*r, q, BillingCalendar(8 * 3600), 0);
        auto u = seriesUnitCosts(set);
        QVERIFY(u.ok());
        QCOMPARE(u->values.size(), set.series.size());
        QCOMPARE(u->periodTotals.size(), size_t(31));
        QCOMPARE(u->periodTotals[0], om("1.50"));   // Oct 1: 3.00 over 2,000
        QCOMPARE(u->periodTotals[2], std::nullopt); // Oct 3: the purchase, no calls
        QCOMPARE(u->periodTotals[4], std::nullopt); // Oct 5: nothing at all
        for (size_t s = 0; s < set.series.size(); ++s)
            if (set.series[s].keys == QStringList{"web"}) {
                QCOMPARE(u->values[s][0], om("1.50"));
                QCOMPARE(u->values[s][3], om("0"));
                QCOMPARE(u->values[s][1], std::nullopt); // web made no calls on Oct 2
                QCOMPARE(u->seriesTotals[s], om("0.25"));
            }
        QCOMPARE(u->total, om("10.26923076"));
        // Running totals: the unit cost of the month to date.
        auto running = seriesUnitCosts(cumulative(set));
        QVERIFY(running.ok());
        QCOMPARE(running->periodTotals[1], om("2.00"));         // 6.00 over 3,000
        QCOMPARE(running->periodTotals[2], om("44.50"));        // 133.50 over 3,000
        QCOMPARE(running->periodTotals[30], om("10.26923076")); // 133.50 over 13,000

        // Composition by API against the period before (September: nothing, so undefined).
        auto c = acc.run([&](Context &ctx) {
            return costComposition(ctx, q, QStringLiteral("api"), at("2026-09-01T00:00:00+08:00"),
                                   at("2026-10-01T00:00:00+08:00"));
        });
        QVERIFY(c.ok());
        auto cu = compositionUnitCosts(*c);
        QVERIFY(cu.ok());
        QCOMPARE(c->shares[0].key, kGeneral);
        QCOMPARE(cu->now[0], om("10.875")); // (3.00 + 127.50) × 1000 / 12,000
        QCOMPARE(c->shares[1].key, kIdCard);
        QCOMPARE(cu->now[1], om("3.00"));
        QCOMPARE(cu->previous[0], std::nullopt);
        QCOMPARE(cu->total, om("10.26923076"));
        QCOMPARE(cu->previousTotal, std::nullopt);
        QCOMPARE(c->previousCalls, qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestCostMeasure)
#include "tst_costmeasure.moc"
