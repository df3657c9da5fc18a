// Cost rollups (storage/costrollup.h, performance.md P2y): every Analysis and Composition query the
// rollups answer gives exactly what the records give, on random histories (packages, tiers, late usage,
// refunds, tag changes), for every grouping and both views; verify names a rollup that differs from the
// records; migration step 14 builds the rollups of an older database.
#include "analysis/costseries.h"
#include "engine/accountstatus.h"
#include "engine/verifier.h"
#include "randomhistory.h"
#include "storage/costrollup.h"
#include "storage/database.h"
#include "storage/tagrepository.h"
#include "testaccount.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <random>

using namespace billing;

namespace {

void exec(test::TestAccount &acc, const QString &sql)
{
    QSqlQuery q(acc.engine->database().connection());
    QVERIFY2(q.exec(sql), qPrintable(q.lastError().text() + QStringLiteral(": ") + sql));
}

QString describe(const CostQuery &q)
{
    return QStringLiteral("%1 %2 %3..%4 by [%5] filters api=%6 project=%7 tag=%8 mode=%9")
        .arg(viewId(q.view), granularityId(q.granularity))
        .arg(q.from)
        .arg(q.to)
        .arg(q.groupBy.join(u','), q.apis.join(u'|'), q.projects.join(u'|'), q.tags.join(u'|'),
             q.modes.join(u'|'));
}

// The same query from the rollups and from the records: equal rows (period, keys, calls, cost) and totals.
void compareBoth(test::TestAccount &acc, CostQuery q)
{
    q.scanRecords = false;
    auto fast = acc.run([&](Context &c) { return analyzeCost(c, q); });
    q.scanRecords = true;
    auto slow = acc.run([&](Context &c) { return analyzeCost(c, q); });
    const QString where = describe(q);
    QVERIFY2(fast.ok() && slow.ok(), qPrintable(where));
    QVERIFY2(fast->total == slow->total,
             qPrintable(where + QStringLiteral(": total %1, records %2")
                                    .arg(fast->total.toString(), slow->total.toString())));
    QVERIFY2(fast->calls == slow->calls, qPrintable(where));
    QVERIFY2(
        fast->rows.size() == slow->rows.size(),
        qPrintable(where +
                   QStringLiteral(": %1 rows, records %2").arg(fast->rows.size()).arg(slow->rows.size())));
    for (size_t i = 0; i < fast->rows.size(); ++i) {
        const CostRow &a = fast->rows[i];
        const CostRow &b = slow->rows[i];
        QVERIFY2(a.period == b.period && a.keys == b.keys && a.calls == b.calls && a.cost == b.cost,
                 qPrintable(where + QStringLiteral(": row %1: %2 %3 calls %4, records %5 %6 calls %7")
                                        .arg(i)
                                        .arg(a.period)
                                        .arg(a.cost.toString())
                                        .arg(a.calls)
                                        .arg(b.period)
                                        .arg(b.cost.toString())
                                        .arg(b.calls)));
    }
}

void compareComposition(test::TestAccount &acc, CostQuery q, const QString &dimension, Instant previousFrom)
{
    auto of = [&](bool scan) {
        q.scanRecords = scan;
        return acc.run([&](Context &c) { return costComposition(c, q, dimension, previousFrom, q.from); });
    };
    auto fast = of(false);
    auto slow = of(true);
    QVERIFY(fast.ok() && slow.ok());
    QCOMPARE(fast->total, slow->total);
    QCOMPARE(fast->previousTotal, slow->previousTotal);
    QCOMPARE(fast->shares.size(), slow->shares.size());
    for (size_t i = 0; i < fast->shares.size(); ++i) {
        QCOMPARE(fast->shares[i].key, slow->shares[i].key);
        QCOMPARE(fast->shares[i].cost, slow->shares[i].cost);
        QCOMPARE(fast->shares[i].previousCost, slow->shares[i].previousCost);
        QCOMPARE(fast->shares[i].calls, slow->shares[i].calls);
    }
}

void checkStoredEqualsRecords(test::TestAccount &acc)
{
    auto built = CostRollup::fromRecords(acc.engine->database());
    auto stored = CostRollup::stored(acc.engine->database());
    QVERIFY(built.ok() && stored.ok());
    QVERIFY(!built->rows.empty());
    QVERIFY(built->rows == stored->rows);
    QVERIFY(built->packages == stored->packages);
}

QStringList verify(test::TestAccount &acc)
{
    auto r = acc.run([](Context &c) { return verifyAccount(c); });
    return r ? *r : QStringList{r.error().message};
}

void setRandomTags(test::TestAccount &acc, std::mt19937 &rng)
{
    const QStringList tags{"frontend", "backend", "ops"};
    QVERIFY(acc.run([&](Context &c) -> Status {
                   TagRepository repo(c.db);
                   for (const char *project : {"web", "batch", "mobile"}) {
                       QStringList chosen;
                       for (const QString &t : tags)
                           if (rng() % 2)
                               chosen << t;
                       if (Status s = repo.setTags(QLatin1String(project), chosen); !s)
                           return s;
                   }
                   return {};
               })
                .ok());
}

QList<QStringList> groupings()
{
    QList<QStringList> out{{}};
    const QStringList dims = costDimensions();
    for (int i = 0; i < dims.size(); ++i) {
        out << QStringList{dims[i]};
        for (int j = 0; j < dims.size(); ++j)
            if (i != j)
                out << QStringList{dims[i], dims[j]};
    }
    return out;
}

} // namespace

class TestCostRollup : public QObject
{
    Q_OBJECT
private slots:
    void rollupsAnswerAsTheRecords_data()
    {
        QTest::addColumn<int>("seed");
        for (int s = 1; s <= (test::onPostgres() ? 2 : 4); ++s)
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(s))) << s;
    }
    void rollupsAnswerAsTheRecords()
    {
        QFETCH(int, seed);
        test::TestAccount acc("2026-08-20T10:00:00+08:00");
        std::mt19937 rng(unsigned(seed) * 7919u);
        const Instant start = acc.clock.now();
        Instant end = start;
        for (int chunk = 0; chunk < 3; ++chunk) {
            setRandomTags(acc, rng);
            end = test::randomHistory(acc, seed * 10 + chunk, 35);
        }
        acc.clock.set(end + 2 * kMicrosPerDay);
        QVERIFY(acc.run([](Context &c) { return accountStatus(c); })
                    .ok()); // the catch-up commits (and is sealed)
        checkStoredEqualsRecords(acc);
        const QStringList findings = verify(acc);
        QVERIFY2(findings.isEmpty(), qPrintable(findings.join(u'\n')));

        const BillingCalendar cal;
        const Instant first = cal.monthStart(start);
        const Instant last = cal.addMonths(cal.monthStart(end), 1);
        auto uniform = [&](Instant lo, Instant hi) {
            return std::uniform_int_distribution<Instant>(lo, hi)(rng);
        };
        struct Range
        {
            Instant from, to;
        };
        std::vector<Range> ranges{{first, last}, {cal.addMonths(first, 1), cal.addMonths(first, 2)}};
        for (int i = 0; i < 2; ++i) {
            const Instant d = cal.dayStart(uniform(first, end));
            ranges.push_back({d, cal.dayStart(d + kMicrosPerDay * qint64(1 + rng() % 20) + kMicrosPerHour)});
            const Instant h = cal.hourStart(uniform(first, end));
            ranges.push_back({h, h + kMicrosPerHour * qint64(1 + rng() % 50)});
        }
        ranges.push_back({first + 17 * kMicrosPerMinute, last - kMicrosPerMinute}); // records on both paths
        const QList<QStringList> byAll = groupings();
        for (const Range &r : ranges)
            for (auto view : {CostQuery::Cash, CostQuery::Amortized})
                for (auto gran : {CostQuery::Month, CostQuery::Day, CostQuery::Hour})
                    for (const QStringList &by : byAll) {
                        if (gran == CostQuery::Hour && by.size() > 1 && rng() % 4)
                            continue; // every pair at hour grain would make the test slow
                        CostQuery q = rangeQuery(r.from, r.to, gran);
                        q.view = view;
                        q.groupBy = by;
                        compareBoth(acc, q);
                        if (QTest::currentTestFailed())
                            return;
                    }
        // The Analysis page's amortized hour chart: by API with waste apart (a mode filter), which the
        // hour-by-API rollups answer (the mode known by the package), on whole hours and on cut ones.
        for (const Range &r : ranges)
            for (const QStringList &modes :
                 {QStringList{kModePayPerUse, kModePackage}, QStringList{kModePackage},
                  QStringList{kModePayPerUse}, QStringList{kModeWaste}})
                for (const QStringList &by :
                     {QStringList{"api"}, QStringList{"mode"}, QStringList{"category", "mode"}}) {
                    CostQuery q = rangeQuery(r.from, r.to, CostQuery::Hour);
                    q.view = CostQuery::Amortized;
                    q.groupBy = by;
                    q.modes = modes;
                    compareBoth(acc, q);
                    if (QTest::currentTestFailed())
                        return;
                }
        // Filters on every dimension (values as the rows show them), tags changed after the fact.
        setRandomTags(acc, rng);
        for (auto view : {CostQuery::Cash, CostQuery::Amortized}) {
            CostQuery q = rangeQuery(first, last, CostQuery::Day);
            q.view = view;
            for (const QString &dim : costDimensions()) {
                CostQuery byDim = q;
                byDim.groupBy = QStringList{dim};
                auto values = acc.run([&](Context &c) { return analyzeCost(c, byDim); });
                QVERIFY(values.ok());
                QSet<QString> seen;
                for (const CostRow &row : values->rows)
                    seen.insert(row.keys.at(dim));
                for (const QString &v : seen) {
                    CostQuery f = q;
                    f.groupBy = QStringList{dim == QLatin1String("tag") ? QStringLiteral("api")
                                                                        : QStringLiteral("tag")};
                    QStringList *filter = dim == QLatin1String("api")        ? &f.apis
                                          : dim == QLatin1String("category") ? &f.categories
                                          : dim == QLatin1String("region")   ? &f.regions
                                          : dim == QLatin1String("mode")     ? &f.modes
                                          : dim == QLatin1String("project")  ? &f.projects
                                                                             : &f.tags;
                    *filter = QStringList{v};
                    compareBoth(acc, f);
                    if (QTest::currentTestFailed())
                        return;
                }
            }
            for (const QString &dim : costDimensions()) {
                CostQuery c = rangeQuery(cal.addMonths(first, 1), last, CostQuery::Month);
                c.view = view;
                compareComposition(acc, c, dim, first);
            }
        }
        // Once the packages have expired, the amortized view's waste comes from the rollups' package totals.
        if (seed == 1) {
            acc.clock.set(end + 400 * kMicrosPerDay);
            const Instant to = cal.addMonths(cal.monthStart(end), 14);
            for (const QStringList &by : {QStringList{}, QStringList{"mode"}, QStringList{"api", "region"}}) {
                CostQuery q = rangeQuery(first, to, CostQuery::Month);
                q.view = CostQuery::Amortized;
                q.groupBy = by;
                compareBoth(acc, q);
            }
            checkStoredEqualsRecords(acc);
        }
    }

    void verifyNamesARollupThatDiffers()
    {
        test::TestAccount acc("2026-09-20T10:00:00+08:00");
        acc.clock.set(test::randomHistory(acc, 5, 25) + kMicrosPerDay);
        QCOMPARE(verify(acc), QStringList());
        exec(acc,
             QStringLiteral("UPDATE cost_rollup SET cost = cost + 1 WHERE grain = 1 AND bucket = (SELECT "
                            "min(bucket) FROM cost_rollup WHERE grain = 1)"));
        const QString all = verify(acc).join(u'\n');
        QVERIFY2(all.contains(QLatin1String("cost rollup of the day from")), qPrintable(all));
        // The analysis read the rollups: a day query now differs from the records by what was added.
        const BillingCalendar cal;
        CostQuery q = rangeQuery(cal.monthStart(test::at("2026-09-20T10:00:00+08:00")),
                                 cal.dayStart(acc.clock.now()), CostQuery::Day);
        auto fast = acc.run([&](Context &c) { return analyzeCost(c, q); });
        q.scanRecords = true;
        auto slow = acc.run([&](Context &c) { return analyzeCost(c, q); });
        QVERIFY(fast.ok() && slow.ok());
        QVERIFY(fast->total != slow->total);
        exec(acc,
             QStringLiteral("UPDATE cost_rollup SET cost = cost - 1 WHERE grain = 1 AND bucket = (SELECT "
                            "min(bucket) FROM cost_rollup WHERE grain = 1)"));
        QCOMPARE(verify(acc), QStringList());
        exec(acc, QStringLiteral(
                      "INSERT INTO cost_rollup_package (package_id, used, allocated) VALUES (999, 5, 0)"));
        const QString now = verify(acc).join(u'\n');
        QVERIFY2(now.contains(QLatin1String("cost rollup of package 999: 5 calls covered")), qPrintable(now));
    }

    void migrationBuildsTheRollupsOfAnOlderDatabase()
    {
        test::TestAccount acc("2026-09-20T10:00:00+08:00");
        acc.clock.set(test::randomHistory(acc, 6, 25) + kMicrosPerDay);
        exec(acc, QStringLiteral("DELETE FROM cost_rollup"));
        exec(acc, QStringLiteral("DELETE FROM cost_rollup_package"));
        QVERIFY(!verify(acc).isEmpty());
        exec(acc, test::onPostgres() ? QStringLiteral("UPDATE schema_version SET version = 13")
                                     : QStringLiteral("PRAGMA user_version = 13"));
        acc.engine.reset();
        auto reopened = Engine::open(acc.path, acc.clock);
        QVERIFY2(reopened.ok(), qPrintable(reopened.ok() ? QString() : reopened.error().message));
        acc.engine = std::move(reopened).value();
        checkStoredEqualsRecords(acc);
        QCOMPARE(verify(acc), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestCostRollup)
#include "tst_costrollup.moc"
