#include "catalog/catalog.h"
#include "engine/ratehour.h"
#include "time/billingcalendar.h"

#include <QTest>

using namespace billing;

namespace {
Instant at(const char *text)
{
    return *BillingCalendar::parseTimestamp(QString::fromLatin1(text));
}

const Instant kHour = at("2026-03-10T10:00:00+08:00");

struct Call
{
    const char *project;
    quint32 count;
    quint16 status = 200;
    const char *api = "general-text";
};

// One hour of calls in the cn-north-4 region, a second apart, in the order given.
PendingCalls hourOf(std::initializer_list<Call> calls)
{
    PendingCalls p;
    qint64 seq = 0;
    for (const Call &c : calls) {
        PendingCall pc;
        pc.ts = kHour + seq * kMicrosPerSecond;
        pc.seq = seq++;
        pc.count = c.count;
        pc.status = c.status;
        pc.api = p.intern(QLatin1String(c.api));
        pc.region = p.intern(QStringLiteral("cn-north-4"));
        pc.project = p.intern(QLatin1String(c.project));
        p.calls.push_back(pc);
    }
    return p;
}

RatingState enabledState()
{
    RatingState s;
    for (const char *api : {"general-text", "id-card"})
        s.addServiceEvent(QLatin1String(api), QStringLiteral("cn-north-4"), at("2026-01-01T00:00:00+08:00"),
                          true);
    return s;
}

// Rates with the month's counters standing at `position` before the hour.
struct Rating
{
    Catalog catalog = *Catalog::builtIn();
    BillingCalendar calendar;
    RatingState state = enabledState();
    int storedReads = 0;

    RatedHour rate(const PendingCalls &calls, qint64 position)
    {
        auto rated =
            rateHour(calls, kHour, state, catalog, calendar,
                     [&](const QString &month, const QString &, const QString &) -> Result<qint64> {
                         ++storedReads;
                         if (month != QLatin1String("2026-03"))
                             return Error::internal(QStringLiteral("unexpected month %1").arg(month));
                         return position;
                     });
        if (!rated)
            qFatal("%s", qPrintable(rated.error().message));
        return std::move(*rated);
    }
    qint64 counter(const char *api = "general-text") const
    {
        return state.counters
            .at({QStringLiteral("2026-03"), QLatin1String(api), QStringLiteral("cn-north-4")})
            .calls;
    }
};

Money fee(const Line &l)
{
    return Money::fromUnits(qint64(l.sumPer1000 / 1000));
}

void compareTier(const TierUse &t, int tier, qint64 first, qint64 calls, qint64 last)
{
    QCOMPARE(t.tier, tier);
    QCOMPARE(t.firstPosition, first);
    QCOMPARE(t.calls, calls);
    QCOMPARE(t.lastPosition, last);
}
} // namespace

class TestRateHour : public QObject
{
    Q_OBJECT
private slots:
    void crossesATierBoundaryWithinOneLine()
    {
        // §11.6: positions 999,001 … 1,004,000: 1,000 at 1.50 and 4,000 at 1.20 → 6.30.
        Rating r;
        const RatedHour h = r.rate(hourOf({{"p", 5000}}), 999'000);
        QCOMPARE(h.lines.size(), size_t(1));
        const Line &l = h.lines[0].second;
        QCOMPARE(h.lines[0].first.packageId, qint64(0));
        QCOMPARE(l.calls, qint64(5000));
        QCOMPARE(l.tiers.size(), size_t(2));
        compareTier(l.tiers[0], 0, 999'001, 1000, 1'000'000);
        compareTier(l.tiers[1], 1, 1'000'001, 4000, 1'004'000);
        QCOMPARE(l.tiers[1].pricePer1000.toString(), QStringLiteral("1.20"));
        QCOMPARE(fee(l).toString(), QStringLiteral("6.30"));
        QCOMPARE(r.counter(), qint64(1'004'000));
        QCOMPARE(r.storedReads, 1);
    }

    void endsOrStartsExactlyOnABoundary()
    {
        Rating last;
        const RatedHour a = last.rate(hourOf({{"p", 1}}), 999'999);
        QCOMPARE(a.lines[0].second.tiers.size(), size_t(1));
        compareTier(a.lines[0].second.tiers[0], 0, 1'000'000, 1, 1'000'000);

        Rating first;
        const RatedHour b = first.rate(hourOf({{"p", 1000}}), 1'000'000);
        QCOMPARE(b.lines[0].second.tiers.size(), size_t(1));
        compareTier(b.lines[0].second.tiers[0], 1, 1'000'001, 1000, 1'001'000);
        QCOMPARE(fee(b.lines[0].second).toString(), QStringLiteral("1.20"));

        // Into the last tier, which has no end.
        Rating top;
        const RatedHour c = top.rate(hourOf({{"p", 3}}), 5'000'000 - 1);
        QCOMPARE(c.lines[0].second.tiers.size(), size_t(2));
        compareTier(c.lines[0].second.tiers[0], 1, 5'000'000, 1, 5'000'000);
        compareTier(c.lines[0].second.tiers[1], 2, 5'000'001, 2, 5'000'002);
    }

    void interleavedProjectsShareTheMonthsCounter()
    {
        // a: 999,001–999,600; b: 999,601–1,000,200 (400 + 200 across the boundary); a: 1,000,201–1,000,300.
        Rating r;
        const RatedHour h = r.rate(hourOf({{"a", 600}, {"b", 600}, {"a", 100}}), 999'000);
        QCOMPARE(h.lines.size(), size_t(2));
        const Line &a = h.lines[0].second;
        const Line &b = h.lines[1].second;
        QCOMPARE(a.calls, qint64(700));
        QCOMPARE(a.tiers.size(), size_t(2));
        compareTier(a.tiers[0], 0, 999'001, 600, 999'600);
        compareTier(a.tiers[1], 1, 1'000'201, 100, 1'000'300);
        QCOMPARE(b.tiers.size(), size_t(2));
        compareTier(b.tiers[0], 0, 999'601, 400, 1'000'000);
        compareTier(b.tiers[1], 1, 1'000'001, 200, 1'000'200);
        QCOMPARE(r.counter(), qint64(1'000'300));
        QCOMPARE(r.storedReads, 1);
    }

    void packagesComeFirstAndTheRestMovesTheCounter()
    {
        Rating r;
        Package p;
        p.id = 7;
        p.api = QStringLiteral("general-text");
        p.region = QStringLiteral("cn-north-4");
        p.quota = 100'000;
        p.remaining = 300;
        p.effectiveAt = at("2026-01-01T00:00:00+08:00");
        p.endAt = at("2027-01-01T00:00:00+08:00");
        r.state.packages.push_back(p);
        const RatedHour h = r.rate(hourOf({{"p", 1000}}), 999'500);
        QCOMPARE(h.lines.size(), size_t(2));
        QCOMPARE(h.lines[0].first.packageId, qint64(0)); // pay-per-use sorts before the package line
        QCOMPARE(h.lines[1].first.packageId, qint64(7));
        QCOMPARE(h.lines[1].second.calls, qint64(300));
        QVERIFY(h.lines[1].second.tiers.empty());
        const Line &payg = h.lines[0].second;
        QCOMPARE(payg.calls, qint64(700));
        compareTier(payg.tiers[0], 0, 999'501, 500, 1'000'000);
        compareTier(payg.tiers[1], 1, 1'000'001, 200, 1'000'200);
        QCOMPARE(h.quotaBefore.value(7), qint64(300));
        QCOMPARE(r.state.packages[0].remaining, qint64(0));
        QCOMPARE(r.counter(), qint64(1'000'200));
    }

    void failedAndRejectedCallsAreCountedNotRated()
    {
        Rating r;
        const RatedHour h = r.rate(hourOf({{"p", 5, 500}, {"p", 3, 200, "vat-invoice"}, {"p", 2}}), 0);
        QCOMPARE(h.lines.size(), size_t(1));
        compareTier(h.lines[0].second.tiers[0], 0, 1, 2, 2);
        QCOMPARE(h.usage.size(), size_t(3));
        QStringList outcomes;
        for (const UsageCount &u : h.usage)
            outcomes << QStringLiteral("%1 %2 %3 %4").arg(u.api).arg(u.status).arg(u.outcome).arg(u.calls);
        outcomes.sort();
        QCOMPARE(outcomes, (QStringList{"general-text 200 billable 2", "general-text 500 failed 5",
                                        "vat-invoice 200 rejected 3"}));
        QCOMPARE(r.storedReads, 1);
        // A counter the state holds already is not read again.
        r.rate(hourOf({{"p", 1}}), 0);
        QCOMPARE(r.storedReads, 1);
        QCOMPARE(r.counter(), qint64(3));
    }
};

QTEST_GUILESS_MAIN(TestRateHour)
#include "tst_ratehour.moc"
