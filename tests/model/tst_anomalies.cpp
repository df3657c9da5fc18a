// Cost anomalies (billing-rules §10, Anomalies): a synthesized history with planted events, the
// thresholds at their exact boundaries, and the causes summing to the difference.
#include "analysis/anomalies.h"
#include "analysis/costanalysis.h"
#include "catalog/catalog.h"
#include "engine/billview.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/notifications.h"
#include "engine/notificationtext.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "testaccount.h"

#include <QBuffer>
#include <QTest>
#include <array>

using namespace billing;
using test::at;

namespace {
const QString kGeneral = QStringLiteral("general-text");
const QString kIdCard = QStringLiteral("id-card");
const QString kTable = QStringLiteral("general-table");
const QString kNorth = QStringLiteral("cn-north-4");
const char *kStart = "2026-10-01T00:00:00+08:00"; // a Thursday

Money m(const char *text)
{
    return *Money::parse(QString::fromLatin1(text));
}

Instant dayStart(int day)
{
    return at(kStart) + qint64(day) * kMicrosPerDay;
}

// One line of a call log: `count` calls at minute 30 of the hour.
QByteArray callLine(int day, int hour, const QString &api, int status, const char *project, qint64 count)
{
    const BillingCalendar cal;
    const Instant t = dayStart(day) + hour * kMicrosPerHour + 30 * kMicrosPerMinute;
    return cal.format(t).toLatin1() + ',' + api.toLatin1() + ',' + kNorth.toLatin1() + ',' +
           QByteArray::number(status) + ',' + project + ',' + QByteArray::number(count) + '\n';
}
const QByteArray kHeader("timestamp,api,region,status,enterprise_project,count\n");

void importAt(test::TestAccount &acc, Instant now, const QByteArray &csv, bool late = false)
{
    acc.clock.set(now);
    QByteArray data = csv;
    QBuffer buf(&data);
    buf.open(QIODevice::ReadOnly);
    auto r = acc.engine->runThenCatchUp([&](Context &c) {
        return importCalls(c, buf, ImportOptions{QStringLiteral("t"), late});
    });
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
}

void prepare(test::TestAccount &acc, Money topUp)
{
    for (const QString &api : {kGeneral, kIdCard, kTable})
        QVERIFY(acc.run([&](Context &c) { return services::setEnabled(c, api, kNorth, true); }));
    QVERIFY(acc.run([&](Context &c) { return funds::topUp(c, topUp); }));
}

Result<std::vector<Anomaly>> anomalies(test::TestAccount &acc, Instant from, Instant to)
{
    return acc.run([&](Context &c) { return findAnomalies(c, from, to); });
}

void checkCauses(const Anomaly &a)
{
    QCOMPARE(a.difference, a.cost - a.referenceCost);
    QCOMPARE(a.causes.sum(), a.difference);
    QVERIFY(a.causes.failedShare.isZero());
}

// The day's cost of one key in the cash view of cost analysis.
Money cashCostOf(test::TestAccount &acc, const Anomaly &a)
{
    CostQuery q;
    q.from = a.day;
    q.to = a.day + kMicrosPerDay;
    q.granularity = CostQuery::Day;
    q.apis = QStringList{a.api};
    q.regions = QStringList{a.region};
    q.projects = QStringList{a.project};
    q.modes = QStringList{kModePayPerUse};
    auto r = acc.run([&](Context &c) { return analyzeCost(c, q); });
    return r ? r->total : Money::fromUnits(-1);
}

// The records the drill of an anomaly (cause empty) or of one of its causes lists, and the sum of their
// charged amounts.
struct Drilled
{
    std::vector<Record> records;
    Money charged;
};
Drilled drill(test::TestAccount &acc, const Anomaly &a, const QString &cause = QString())
{
    Drilled out;
    const std::optional<RecordFilter> f = anomalyRecords(a, cause, 8 * 3600);
    if (!f)
        return out;
    auto r = acc.run([&](Context &c) { return listRecords(c, *f); });
    if (!r)
        qFatal("%s", qPrintable(r.error().message));
    out.records = *r;
    for (const Record &rec : out.records)
        out.charged += rec.charged;
    return out;
}

// The drill of the whole anomaly lists exactly the lines of its cost; each cause's drill lists its kind.
void checkDrill(test::TestAccount &acc, const Anomaly &a)
{
    const Drilled all = drill(acc, a);
    QCOMPARE(all.charged, a.cost);
    qint64 calls = 0;
    for (const Record &r : all.records)
        calls += r.calls;
    QCOMPARE(calls, a.calls);
    const Drilled late = drill(acc, a, QStringLiteral("late_usage"));
    QVERIFY(std::all_of(late.records.begin(), late.records.end(), [](const Record &r) { return r.late; }));
    const Drilled volume = drill(acc, a, QStringLiteral("volume"));
    QCOMPARE(volume.records.size() + late.records.size(), all.records.size());
    QCOMPARE(volume.charged + late.charged, a.cost);
    const Drilled covered = drill(acc, a, QStringLiteral("package_coverage"));
    const Drilled paid = drill(acc, a, QStringLiteral("tier"));
    QCOMPARE(covered.records.size() + paid.records.size(), volume.records.size());
    QVERIFY(covered.charged.isZero());
    QCOMPARE(paid.charged, volume.charged);
    QCOMPARE(drill(acc, a, QStringLiteral("price")).records.size(), paid.records.size());
    QVERIFY(!anomalyRecords(a, QStringLiteral("failed_share"), 8 * 3600));
}

// One key with one hour line on each of days 0, 7, 14, 21, 28 (the calls given), judged on day 28.
std::vector<Anomaly> fiveThursdays(const std::array<qint64, 5> &calls)
{
    test::TestAccount acc(kStart);
    prepare(acc, m("1000"));
    QByteArray csv = kHeader;
    for (int w = 0; w < 5; ++w)
        if (calls[size_t(w)] > 0)
            csv += callLine(7 * w, 10, kGeneral, 200, "p", calls[size_t(w)]);
    importAt(acc, dayStart(29), csv);
    auto r = anomalies(acc, dayStart(0), dayStart(29));
    if (!r)
        qFatal("%s", qPrintable(r.error().message));
    return *r;
}
} // namespace

class TestAnomalies : public QObject
{
    Q_OBJECT

private slots:
    // Six weeks of three projects: "web" (general-text, weekdays ~30.00 a day, weekends 6.00 — a normal
    // weekend dip —, a 5× spike on day 35 and late usage for the last hour of day 40), "scan" (id-card,
    // all covered by a 1m package that runs out at 16:00 on day 41) and "batch" (general-table: 5m calls
    // on day 0, then 100,000 every Thursday at the third tier until the counter starts again in November).
    void plantedEvents()
    {
        test::TestAccount acc(kStart);
        prepare(acc, m("20000"));
        packages::BuyRequest buy;
        buy.api = kIdCard;
        buy.region = kNorth;
        buy.sku = QStringLiteral("1m");
        QVERIFY(acc.run([&](Context &c) { return packages::buy(c, buy); }));
        QByteArray csv = kHeader;
        for (int day = 0; day < 42; ++day) {
            const int weekday = (4 + day) % 7; // 0 = Sunday; day 0 is a Thursday
            const bool weekend = weekday == 0 || weekday == 6;
            const qint64 web = day == 35 ? 10000 : weekend ? 400 : 2000 + (day % 3) * 50;
            for (int hour = 9; hour < 19; ++hour) {
                csv += callLine(day, hour, kGeneral, 200, "web", web);
                csv += callLine(day, hour, kGeneral, 503, "web", 10);
            }
            for (int hour = 0; hour < 24; ++hour)
                csv += callLine(day, hour, kIdCard, 200, "scan", 1000);
            if (day == 0)
                csv += callLine(day, 1, kTable, 200, "batch", 5000000);
            else if (day % 7 == 0)
                csv += callLine(day, 12, kTable, 200, "batch", 100000);
        }
        importAt(acc, dayStart(42), csv);
        // 20,000 calls of the last hour of day 40 arrive late, billed by the settlement of 01:00–02:00 on
        // day 42 (their own month, so they count at their own hour: day 40).
        importAt(acc, dayStart(42) + kMicrosPerHour, kHeader + callLine(40, 23, kGeneral, 200, "web", 20000),
                 true);
        acc.clock.set(dayStart(42) + 2 * kMicrosPerHour);

        auto r = anomalies(acc, dayStart(0), dayStart(42));
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        QCOMPARE(r->size(), size_t(4));
        for (const Anomaly &a : *r) {
            checkCauses(a);
            checkDrill(acc, a);
        }

        // The tier crossing: October's Thursdays rated at 0.90 (past 5m), November's first at 1.50.
        const Anomaly &tier = r->at(0);
        QCOMPARE(tier.day, dayStart(35));
        QCOMPARE(tier.api, kTable);
        QCOMPARE(tier.project, QStringLiteral("batch"));
        QCOMPARE(tier.cost, m("150.00"));
        QCOMPARE(tier.baseline, m("90.00"));
        QCOMPARE(tier.difference, m("60.00"));
        QCOMPARE(tier.causes.dominant(), QStringLiteral("tier"));
        QCOMPARE(tier.causes.tier, m("60.00"));
        QVERIFY(tier.causes.volume.isZero());
        QVERIFY(tier.causes.packageCoverage.isZero());
        QVERIFY(tier.causes.price.isZero());
        QVERIFY(tier.causes.lateUsage.isZero());

        const Anomaly &spike = r->at(1);
        QCOMPARE(spike.day, dayStart(35));
        QCOMPARE(spike.api, kGeneral);
        QCOMPARE(spike.region, kNorth);
        QCOMPARE(spike.project, QStringLiteral("web"));
        QCOMPARE(spike.cost, m("150.00"));
        // Days 7, 14, 21, 28 cost 30.70, 31.50, 30.00, 30.70 (3.07, 3.15, 3.00 an hour after truncation).
        QCOMPARE(spike.baseline, m("30.70"));
        QCOMPARE(spike.referenceDay, dayStart(7)); // the earlier of the two at the baseline
        QCOMPARE(spike.referenceCost, m("30.70"));
        QCOMPARE(spike.difference, m("119.30"));
        QVERIFY(spike.isRise());
        QCOMPARE(spike.causes.dominant(), QStringLiteral("volume"));
        QCOMPARE(spike.causes.volume, m("119.30"));
        QVERIFY(spike.causes.packageCoverage.isZero());
        QVERIFY(spike.causes.tier.isZero());
        QVERIFY(spike.causes.price.isZero());
        QVERIFY(spike.causes.lateUsage.isZero());
        QCOMPARE(spike.calls, qint64(100000));
        QCOMPARE(spike.referenceCalls, qint64(20500));
        QCOMPARE(spike.failedCalls, qint64(100));
        QCOMPARE(spike.referenceFailedCalls, qint64(100));
        checkCauses(spike);
        QCOMPARE(cashCostOf(acc, spike), spike.cost);

        // The late usage: day 40 (30.70 on time) against day 12 (30.00), the earliest at the baseline.
        const Anomaly &late = r->at(2);
        QCOMPARE(late.day, dayStart(40));
        QCOMPARE(late.project, QStringLiteral("web"));
        QCOMPARE(late.cost, m("60.70"));
        QCOMPARE(late.baseline, m("30.35"));
        QCOMPARE(late.referenceDay, dayStart(12));
        QCOMPARE(late.difference, m("30.70"));
        QCOMPARE(late.causes.dominant(), QStringLiteral("late_usage"));
        QCOMPARE(late.causes.lateUsage, m("30.00"));
        QCOMPARE(late.causes.volume, m("0.70"));
        // The drill by time of use lists the late line (written on day 42) with the day's ten hours; by
        // the record's time it would not be there.
        const Drilled lateLines = drill(acc, late, QStringLiteral("late_usage"));
        QCOMPARE(lateLines.records.size(), size_t(1));
        QCOMPARE(lateLines.records.front().expenditureAt, dayStart(40) + 23 * kMicrosPerHour);
        QCOMPARE(lateLines.records.front().at, dayStart(42) + 2 * kMicrosPerHour);
        QCOMPARE(lateLines.charged, m("30.00"));
        QCOMPARE(drill(acc, late).records.size(), size_t(11));

        // 41 days × 24,000 = 984,000 calls: 16,000 left for day 41, hours 16–23 pay per use (8 × 3.00).
        const Anomaly &runOut = r->at(3);
        QCOMPARE(runOut.day, dayStart(41));
        QCOMPARE(runOut.api, kIdCard);
        QCOMPARE(runOut.project, QStringLiteral("scan"));
        QCOMPARE(runOut.cost, m("24.00"));
        QVERIFY(runOut.baseline.isZero());
        QCOMPARE(runOut.referenceDay, dayStart(13)); // all four at the baseline: the earliest
        QCOMPARE(runOut.difference, m("24.00"));
        QCOMPARE(runOut.causes.dominant(), QStringLiteral("package_coverage"));
        QCOMPARE(runOut.causes.packageCoverage, m("24.00"));
        QVERIFY(runOut.causes.volume.isZero());
        QCOMPARE(runOut.calls, qint64(24000));
        QCOMPARE(runOut.referenceCalls, qint64(24000));
        checkCauses(runOut);
        QCOMPARE(cashCostOf(acc, runOut), runOut.cost);
        // Its last hour (23:00–24:00) is settled at 00:00 the next day: by the time of use it is the day's.
        const Drilled runOutLines = drill(acc, runOut);
        QCOMPARE(runOutLines.records.size(), size_t(24));
        QCOMPARE(runOutLines.records.back().expenditureAt, dayStart(41) + 23 * kMicrosPerHour);
        QCOMPARE(runOutLines.records.back().at, dayStart(42));
        QCOMPARE(drill(acc, runOut, QStringLiteral("package_coverage")).records.size(), size_t(16));
        QCOMPARE(drill(acc, runOut, QStringLiteral("tier")).charged, m("24.00"));

        // The catch-up that settled the days raised one notification per anomaly, and only one (day 40
        // was normal when it ended; the late import does not judge it again). (Day 42 has not ended: the
        // level shift of "scan" raises its next one tomorrow.)
        auto notes = acc.run([&](Context &c) { return listNotifications(c); });
        QVERIFY(notes);
        QStringList texts;
        for (const Notification &n : *notes)
            if (n.kind == QLatin1String("cost-anomaly"))
                texts << notificationText(n);
        QCOMPARE(texts.size(), 3);
        QCOMPARE(texts.at(2), QStringLiteral("general-table in cn-north-4, project batch: the cost on "
                                             "2026-11-05 rose to 150.00 against a usual 90.00; main cause: "
                                             "tier."));
        QCOMPARE(texts.at(1),
                 QStringLiteral("general-text in cn-north-4, project web: the cost on 2026-11-05 rose "
                                "to 150.00 against a usual 30.70; main cause: volume."));
        QCOMPARE(texts.at(0),
                 QStringLiteral("id-card in cn-north-4, project scan: the cost on 2026-11-11 rose to "
                                "24.00 against a usual 0.00; main cause: package coverage."));

        // The range picks days; days without four weeks before them are not judged.
        auto one = anomalies(acc, dayStart(36), dayStart(42));
        QVERIFY(one);
        QCOMPARE(one->size(), size_t(2));
        QCOMPARE(one->front().day, dayStart(40));
        auto early = anomalies(acc, dayStart(0), dayStart(28));
        QVERIFY(early);
        QVERIFY(early->empty());
        // A day that has not ended is not judged.
        auto open = anomalies(acc, dayStart(41), dayStart(43));
        QVERIFY(open);
        QCOMPARE(open->size(), size_t(1));

        // The series of one key: the weekend days sit inside their own band.
        auto series = acc.run([&](Context &c) {
            return anomalySeries(c, kGeneral, kNorth, QStringLiteral("web"), dayStart(28), dayStart(42));
        });
        QVERIFY(series);
        QCOMPARE(series->size(), size_t(14));
        for (const AnomalyPoint &p : *series) {
            QVERIFY(p.hasBaseline);
            if (p.day != dayStart(35) && p.day != dayStart(40)) {
                QVERIFY(p.cost >= p.low);
                QVERIFY(p.cost <= p.high);
            }
        }
        QCOMPARE(series->at(2).cost, m("6.00")); // day 30, a Saturday
        QCOMPARE(series->at(2).baseline, m("6.00"));
        QVERIFY(series->at(7).cost > series->at(7).high);
    }

    // Reference costs 10, 20, 30, 40: baseline 25, MAD 10, threshold 3 × 1.4826 × 10 = 44.478.
    void madThresholdIsExact()
    {
        // 46,314 calls → 69.47 (|69.47 − 25| = 44.47, inside); 46,320 calls → 69.48 (44.48, outside).
        QVERIFY(fiveThursdays({6667, 13334, 20000, 26667, 46314}).empty());
        const std::vector<Anomaly> found = fiveThursdays({6667, 13334, 20000, 26667, 46320});
        QCOMPARE(found.size(), size_t(1));
        const Anomaly &a = found.front();
        QCOMPARE(a.cost, m("69.48"));
        QCOMPARE(a.baseline, m("25.00"));
        QCOMPARE(a.referenceDay, dayStart(7)); // 20 and 30 are both 5 from 25: the earlier
        QCOMPARE(a.difference, m("49.48"));
        QCOMPARE(a.causes.volume, m("49.48"));
        checkCauses(a);
    }

    // Reference costs all 30.00: MAD 0, so the threshold is 50 % of the baseline, 15.00, strictly.
    void halfOfBaselineIsExact()
    {
        // 30.00 = 20,000 calls; 15.00 = 10,000 (on the threshold: normal); 14.99 = 9,994 (a drop).
        QVERIFY(fiveThursdays({20000, 20000, 20000, 20000, 10000}).empty());
        const std::vector<Anomaly> found = fiveThursdays({20000, 20000, 20000, 20000, 9994});
        QCOMPARE(found.size(), size_t(1));
        const Anomaly &a = found.front();
        QCOMPARE(a.cost, m("14.99"));
        QVERIFY(!a.isRise());
        QCOMPARE(a.referenceDay, dayStart(0));
        QCOMPARE(a.difference, m("-15.01"));
        QCOMPARE(a.causes.dominant(), QStringLiteral("volume"));
        checkCauses(a);
        // And the 1.00 floor: a baseline of 0 and a day of 1.00 is normal, 1.01 is not.
        QVERIFY(fiveThursdays({0, 0, 0, 0, 667}).empty());            // 1.0005 → 1.00
        QCOMPARE(fiveThursdays({0, 0, 0, 0, 674}).size(), size_t(1)); // 1.011 → 1.01
    }

    // Late records billed on the day count as late usage.
    void lateUsageIsItsOwnCause()
    {
        test::TestAccount acc(kStart);
        prepare(acc, m("1000"));
        QByteArray csv = kHeader;
        for (int w = 0; w < 5; ++w)
            csv += callLine(7 * w, 10, kGeneral, 200, "p", 20000); // 30.00 each
        importAt(acc, dayStart(28) + 12 * kMicrosPerHour, csv);
        // Hour 11 of day 28 was settled by the import above: these 20,000 calls are late.
        QByteArray late = kHeader + callLine(28, 11, kGeneral, 200, "p", 20000);
        importAt(acc, dayStart(28) + 13 * kMicrosPerHour, late, true);
        acc.clock.set(dayStart(29));
        auto r = anomalies(acc, dayStart(28), dayStart(29));
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        QCOMPARE(r->size(), size_t(1));
        const Anomaly &a = r->front();
        QCOMPARE(a.cost, m("60.00"));
        QCOMPARE(a.difference, m("30.00"));
        QCOMPARE(a.causes.lateUsage, m("30.00"));
        QVERIFY(a.causes.volume.isZero());
        QCOMPARE(a.causes.dominant(), QStringLiteral("late_usage"));
        QCOMPARE(a.calls, qint64(40000));
        checkCauses(a);
    }

    // Time of use (RecordFilter::usedFrom, the drill's filter): a late line billed in a later month than
    // its own counts at the hour of its settlement, as the cash view counts it, on both engines.
    void timeOfUseCountsALateLineBilledLaterAtItsSettlement()
    {
        test::TestAccount acc(kStart);
        prepare(acc, m("1000"));
        importAt(acc, dayStart(29) + 13 * kMicrosPerHour,
                 kHeader + callLine(29, 10, kGeneral, 200, "p", 2000)); // 3.00 on time, 10-30
        // 11-05 10:30: October is final (two days after its end), so this late line of 10-30 12:00 goes
        // into November's bill, settled at 11:00 and counted at 10:00–11:00 on 11-05.
        importAt(acc, dayStart(35) + 10 * kMicrosPerHour + 30 * kMicrosPerMinute,
                 kHeader + callLine(29, 12, kGeneral, 200, "p", 4000), true);
        acc.clock.set(dayStart(36));
        const auto linesOn = [&](int day) {
            RecordFilter f;
            f.usedFrom = dayStart(day);
            f.usedTo = dayStart(day + 1);
            auto r = acc.run([&](Context &c) { return listRecords(c, f); });
            return r ? *r : std::vector<Record>();
        };
        const std::vector<Record> oct30 = linesOn(29);
        QCOMPARE(oct30.size(), size_t(1));
        QVERIFY(!oct30.front().late);
        QCOMPARE(oct30.front().charged, m("3.00"));
        const std::vector<Record> nov5 = linesOn(35);
        QCOMPARE(nov5.size(), size_t(1));
        QVERIFY(nov5.front().late);
        QCOMPARE(nov5.front().billMonth, QStringLiteral("2026-11"));
        QCOMPARE(nov5.front().expenditureAt, dayStart(29) + 12 * kMicrosPerHour);
        QCOMPARE(nov5.front().charged, m("6.00"));
        // The cash view's days agree.
        for (int day : {29, 35}) {
            Anomaly a;
            a.day = dayStart(day);
            a.api = kGeneral;
            a.region = kNorth;
            a.project = QStringLiteral("p");
            QCOMPARE(cashCostOf(acc, a), day == 29 ? m("3.00") : m("6.00"));
        }
        // An open end: everything from 11-01 on is the late line only.
        RecordFilter from;
        from.usedFrom = dayStart(31);
        auto after = acc.run([&](Context &c) { return listRecords(c, from); });
        QVERIFY(after);
        QCOMPARE(after->size(), size_t(1));
    }

    // The worked example of docs/billing-decisions.md, "Anomalies", step by step.
    void workedExample()
    {
        auto catalog = Catalog::builtIn();
        QVERIFY(catalog);
        const std::vector<Tier> &general =
            catalog->tiers(catalog->priceListAt(at(kStart)), QStringLiteral("GENERAL"));
        AnomalyDayUsage r;
        r.covered = 4000;
        r.payPerUse = 6000;
        r.charged = m("9.00");
        r.tiers = {{0, m("1.50"), 6000}};
        AnomalyDayUsage d;
        d.payPerUse = 30000;
        d.charged = m("39.00");
        d.lateCharged = m("1.50");
        d.tiers = {{0, m("1.50"), 10000}, {1, m("1.20"), 20000}};
        auto c = attributeAnomaly(d, r, &general);
        QVERIFY(c);
        QCOMPARE(c->lateUsage, m("1.50"));
        QCOMPARE(c->volume, m("18.00"));
        QCOMPARE(c->packageCoverage, m("18.00"));
        QCOMPARE(c->tier, m("-6.00"));
        QVERIFY(c->price.isZero());
        QVERIFY(c->failedShare.isZero());
        QCOMPARE(c->sum(), d.cost() - r.cost());
        QCOMPARE(c->sum(), m("31.50"));
        QCOMPARE(c->dominant(), QStringLiteral("volume")); // ties with package coverage: listed first

        // A price list change: the same 10,000 calls rated at 1.80 instead of the reference's 1.50.
        AnomalyDayUsage before;
        before.payPerUse = 10000;
        before.charged = m("15.00");
        before.tiers = {{0, m("1.50"), 10000}};
        AnomalyDayUsage after = before;
        after.charged = m("18.00");
        after.tiers = {{0, m("1.80"), 10000}};
        auto p = attributeAnomaly(after, before, &general);
        QVERIFY(p);
        QCOMPARE(p->price, m("3.00"));
        QVERIFY(p->volume.isZero());
        QVERIFY(p->tier.isZero());
        QCOMPARE(p->dominant(), QStringLiteral("price"));

        // A reference day without billable calls: everything is volume.
        auto fresh = attributeAnomaly(before, AnomalyDayUsage(), &general);
        QVERIFY(fresh);
        QCOMPARE(fresh->volume, m("15.00"));
        QCOMPARE(fresh->sum(), m("15.00"));
    }

    void badRange()
    {
        test::TestAccount acc(kStart);
        auto r = anomalies(acc, dayStart(1), dayStart(1));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::BadUsage);
    }
};

QTEST_GUILESS_MAIN(TestAnomalies)
#include "tst_anomalies.moc"
