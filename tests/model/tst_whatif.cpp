// The scenario planner's model (issue #16, billing-rules §10): the scenario file, the synthesized usage
// (hour of week by hour of week, scaled and moved per (API, region, project)), the scratch copy of either
// backend, and a cancelled run, on both backends. The end-to-end figures are in tests/cli/tst_cli_whatif.
#include "engine/whatif.h"
#include "importcsv.h"
#include "testaccount.h"

#include "engine/funds.h"
#include "engine/services.h"
#include "storage/snapshotrepository.h"

#include <QTest>

using namespace billing;
using namespace billing::test;

namespace {
// Hour h of the 28 days: 100 calls of general-text for project "shop" and 10 × (h mod 7) without one
// (project "default").
QByteArray windowCalls()
{
    QByteArray out("timestamp,api,region,status,enterprise_project,count\n");
    const BillingCalendar cal(8 * 3600);
    const Instant start = at("2026-10-01T00:30:00+08:00");
    for (int h = 0; h < 28 * 24; ++h) {
        const QByteArray t = cal.format(start + h * kMicrosPerHour).toUtf8();
        out += t + ",general-text,cn-north-4,200,shop,100\n";
        if (h % 7)
            out += t + ",general-text,cn-north-4,200,," + QByteArray::number(10 * (h % 7)) + '\n';
    }
    return out;
}

qint64 callsOf(const std::vector<whatif::SynthCount> &hour, const QString &api, const QString &project)
{
    for (const auto &n : hour)
        if (n.api == api && n.project == project)
            return n.calls;
    return -1;
}
} // namespace

class TestWhatIf : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestAccount> m_acc;

private slots:
    void initTestCase()
    {
        m_acc = std::make_unique<TestAccount>("2026-09-30T00:00:00+08:00");
        QVERIFY(m_acc->run(
            [](Context &c) { return services::setEnabled(c, "general-text", "cn-north-4", true); }));
        QVERIFY(m_acc->run([](Context &c) { return funds::topUp(c, *Money::parse(u"10000")); }));
        m_acc->setNow("2026-10-29T00:00:00+08:00");
        QVERIFY(importCsv(*m_acc, windowCalls()));
    }

    void scenarioFileRoundTrips()
    {
        const QByteArray text = R"({"name": "all", "months": 4, "changes": [
            {"type": "volume", "api": "general-text", "project": "shop", "percent": -20},
            {"type": "move", "from_api": "general-text", "to_api": "general-table", "share_percent": 25},
            {"type": "buy", "api": "general-text", "region": "cn-north-4", "sku": "1m", "date": "2026-11-02"},
            {"type": "renew", "package_id": 3, "sku": "5m", "date": "2026-12-01"},
            {"type": "unsubscribe", "package_id": 4, "date": "2026-11-03"},
            {"type": "disable", "api": "web-image", "region": "cn-east-3", "date": "2026-11-15"},
            {"type": "guard", "name": "cap", "api": "all", "month_cost": "500.00", "date": "2026-11-01"}]})";
        auto s = whatif::parseScenario(text);
        QVERIFY2(s, qPrintable(s ? QString() : s.error().message));
        QCOMPARE(s->months, 4);
        QCOMPARE(int(s->changes.size()), 7);
        QCOMPARE(s->changes[1].toApi, QStringLiteral("general-table"));
        QCOMPARE(*s->changes[6].guard.monthCost, QStringLiteral("500.00"));
        auto again = whatif::parseScenario(whatif::scenarioToJson(*s));
        QVERIFY(again);
        QCOMPARE(whatif::scenarioToJson(*again), whatif::scenarioToJson(*s));
    }

    void badFilesNameTheKey_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("says");
        QTest::newRow("json") << QByteArray("{\n\"name\": }") << int(ErrorCode::BadData) << "line 2, column";
        QTest::newRow("array") << QByteArray("[]") << int(ErrorCode::BadData) << "one JSON object";
        QTest::newRow("no name") << QByteArray("{}") << int(ErrorCode::BadUsage) << "\"name\"";
        QTest::newRow("type") << QByteArray(R"({"name": "x", "changes": [{"type": "grow"}]})")
                              << int(ErrorCode::BadUsage) << "changes[0]: unknown \"type\" \"grow\"";
        QTest::newRow("missing") << QByteArray(R"({"name": "x", "changes": [{"type": "buy", "api": "a"}]})")
                                 << int(ErrorCode::BadUsage) << "is missing";
        QTest::newRow("fraction") << QByteArray(
                                         R"({"name": "x", "changes": [{"type": "volume", "percent": 1.5}]})")
                                  << int(ErrorCode::BadUsage) << "whole number";
        QTest::newRow("share")
            << QByteArray(
                   R"({"name": "x", "changes": [{"type": "move", "from_api": "a", "to_api": "b", "share_percent": 101}]})")
            << int(ErrorCode::BadUsage) << "share_percent";
        QTest::newRow("guard")
            << QByteArray(
                   R"({"name": "x", "changes": [{"type": "guard", "name": "g", "api": "all", "date": "2026-11-01"}]})")
            << int(ErrorCode::BadUsage) << "exactly one";
        QTest::newRow("date")
            << QByteArray(
                   R"({"name": "x", "changes": [{"type": "enable", "api": "a", "region": "r", "date": "1.11.2026"}]})")
            << int(ErrorCode::BadUsage) << "YYYY-MM-DD";
    }

    void badFilesNameTheKey()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, code);
        QFETCH(QString, says);
        auto s = whatif::parseScenario(text);
        QVERIFY(!s);
        QCOMPARE(int(s.error().code), code);
        QVERIFY2(s.error().message.contains(says), qPrintable(s.error().message));
    }

    void synthesisRepeatsTheWeeksScaledAndMoved()
    {
        Instant start = 0;
        auto window = whatif::synthesisWindow(*m_acc->engine, m_acc->clock.now(), start);
        QVERIFY(window);
        QCOMPARE(start, at("2026-10-01T00:00:00+08:00"));
        // 2026-11-26 05:00 is window hour (56 days + 5 h) mod 672 = 1349 − 1344 = 5: 10 × (5 mod 7) = 50.
        const Instant hour = at("2026-11-26T05:00:00+08:00");
        whatif::Scenario same;
        auto h = whatif::synthesizeHour(*window, start, hour, same);
        QCOMPARE(callsOf(h, "general-text", "shop"), 100);
        QCOMPARE(callsOf(h, "general-text", "default"), 50);
        whatif::Scenario s = *whatif::parseScenario(R"({"name": "s", "changes": [
            {"type": "volume", "project": "shop", "percent": 15},
            {"type": "move", "from_api": "general-text", "to_api": "general-table", "share_percent": 25}]})");
        h = whatif::synthesizeHour(*window, start, hour, s);
        // shop: 115, of which 25 % (28.75 → 29) moves; the other project: 50, 13 (12.5, halves up) move.
        QCOMPARE(callsOf(h, "general-text", "shop"), 86);
        QCOMPARE(callsOf(h, "general-table", "shop"), 29);
        QCOMPARE(callsOf(h, "general-text", "default"), 37);
        QCOMPARE(callsOf(h, "general-table", "default"), 13);
        s = *whatif::parseScenario(R"({"name": "s", "changes": [{"type": "volume", "percent": -100}]})");
        for (const auto &n : whatif::synthesizeHour(*window, start, hour, s))
            QCOMPARE(n.calls, 0);
    }

    void aCancelledRunIsAnErrorAndChangesNothing()
    {
        auto before = m_acc->run([](Context &c) { return SnapshotRepository(c.db).facts(); });
        QVERIFY(before);
        whatif::Scenario s = *whatif::parseScenario(R"({"name": "s"})");
        int calls = 0;
        auto r = whatif::plan(*m_acc->engine, m_acc->clock.now(), m_acc->engine->actor(), {s}, 12,
                              [&](int, int) { return ++calls < 5; });
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("cancelled")), qPrintable(r.error().message));
        auto after = m_acc->run([](Context &c) { return SnapshotRepository(c.db).facts(); });
        QCOMPARE(after->records, before->records);
        QCOMPARE(after->lastRecordAt, before->lastRecordAt);
    }

    void theScratchCopyHasTheAccountsState()
    {
        // A run with nothing to simulate after it would report the account as it is: the same bill of
        // October (the copy is of either backend, the engine's own figures).
        auto r = whatif::plan(*m_acc->engine, m_acc->clock.now(), m_acc->engine->actor(), {}, 1);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QCOMPARE(int(r->baseline.months.size()), 1);
        QCOMPARE(r->baseline.months[0].month, QStringLiteral("2026-11"));
        // November 00:00 is window hour 744 mod 672 = 72; its 720 hours: 100 calls (0.15) and 10 × (h mod 7)
        // calls (0.015 × (h mod 7)) each, Σ (h mod 7) over h = 72 … 791 = 102 × 21 + 20 = 2162:
        // 108.00 + 32.43.
        QCOMPARE(r->baseline.months[0].fee.toString(), QStringLiteral("140.43"));
    }
};

QTEST_GUILESS_MAIN(TestWhatIf)
#include "tst_whatif.moc"
