// billing-rules §3 Range where one amount stays in range but what it adds up to does not (issue #19):
// a month's bill totals, the calls left for a later settlement, the coupons an account holds.
#include "analysis/costanalysis.h"
#include "engine/bills.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "engine/verifier.h"
#include "importcsv.h"
#include "storage/notificationrepository.h"
#include "testaccount.h"

#include <QBuffer>
#include <QTest>

using namespace billing;
using test::at;

namespace {
// `lines` lines of 1,000,000,000 successful general-text calls in cn-north-4 at `time`, one project each
// (6,667 of them cost 6,000,300,000.00 pay-per-use at the start of a month).
QByteArray bigHour(const char *time, int lines)
{
    QByteArray csv = "timestamp,api,region,status,enterprise_project,count\n";
    for (int i = 0; i < lines; ++i)
        csv +=
            QByteArray(time) + ",general-text,cn-north-4,200,p" + QByteArray::number(i % 2) + ",1000000000\n";
    return csv;
}

// A failed Status as its message, for QVERIFY2 (which evaluates the message either way).
QString messageOf(const Status &s)
{
    return s ? QString() : s.error().message;
}

// Top-ups of 10,000,000.00 in one command until the balance is at least `target` (in millions).
Status topUpTo(test::TestAccount &acc, qint64 targetMillions)
{
    return acc.run([&](Context &c) -> Status {
        while (c.account.balance < Money::fromCents(targetMillions * 100'000'000))
            if (auto r = funds::topUp(c, Money::fromCents(1'000'000'000)); !r)
                return r.error();
        return {};
    });
}

void enableGeneralText(test::TestAccount &acc)
{
    auto r = acc.run([](Context &c) {
        return services::setEnabled(c, QStringLiteral("general-text"), QStringLiteral("cn-north-4"), true);
    });
    if (!r)
        QFAIL(qPrintable(r.error().message));
}

// A usage line (or, for a negative amount, a top-up) of `cents` charged in arrears at `at`, stored as it
// is, without the checks: what a database from before them may hold.
Status storeLine(Context &c, Instant at, qint64 cents)
{
    Record r;
    r.type = cents > 0 ? Record::Type::Usage : Record::Type::TopUp;
    r.at = r.expenditureAt = at;
    r.billMonth = c.calendar.monthKey(at);
    if (cents > 0) {
        r.api = QStringLiteral("general-text");
        r.region = QStringLiteral("cn-north-4");
        r.project = QStringLiteral("default");
        r.mode = kModePayPerUse;
        r.calls = 1;
        r.fee = Money::fromCents(cents);
    }
    r.charged = r.arrears = Money::fromCents(cents);
    return c.records.insert(r);
}

QStringList findings(test::TestAccount &acc)
{
    auto ctx = acc.engine->inspect();
    if (!ctx)
        return {ctx.error().message};
    auto f = verifyAccount(**ctx);
    return f ? *f : QStringList{f.error().message};
}
} // namespace

class TestSettlementRange : public QObject
{
    Q_OBJECT
private slots:
    // Each hour's lines and the balance stay in range (top-ups refill it), but the month's fee adds up
    // to 12 billion: the settlement that would get there is refused like a line out of range.
    void aMonthsBillTotalsStayInRange()
    {
        test::TestAccount acc;
        enableGeneralText(acc);
        acc.setNow("2026-10-01T10:30:00+08:00");
        {
            const Status first = importCsv(acc, bigHour("2026-10-01T09:10:00+08:00", 6'667));
            QVERIFY2(first, qPrintable(messageOf(first)));
        }
        QVERIFY(topUpTo(acc, 10));
        acc.setNow("2026-10-01T11:30:00+08:00");
        const Status s = importCsv(acc, bigHour("2026-10-01T10:10:00+08:00", 6'667));
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::Refused);
        QVERIFY2(
            s.error().message.contains(QStringLiteral(
                "in the hour from 2026-10-01T10:00:00+08:00: the fee of the bill of 2026-10 would add up to "
                "12000601800.00000000, outside the range of ±10,000,000,000.00")),
            qPrintable(s.error().message));
        QCOMPARE(findings(acc), QStringList());
    }

    // Top-ups are credits on the month's bill: spent and refilled, they too add up past the range.
    void aMonthsCreditsStayInRange()
    {
        test::TestAccount acc;
        enableGeneralText(acc);
        QVERIFY(topUpTo(acc, 10'000)); // 10,000,000,000.00: the most a balance holds
        acc.setNow("2026-10-01T10:30:00+08:00");
        {
            const Status first = importCsv(acc, bigHour("2026-10-01T09:10:00+08:00", 6'667));
            QVERIFY2(first, qPrintable(messageOf(first)));
        }
        const Status s = topUpTo(acc, 10'000);
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::Refused);
        QVERIFY2(
            s.error().message.contains(QStringLiteral(
                "the charged of the bill of 2026-10 would add up to -10010000000.00, outside the range")),
            qPrintable(s.error().message));
        QCOMPARE(findings(acc), QStringList());
    }

    // Calls imported into the hour not yet over are settled by a later command: an import whose calls
    // could not be settled within range then is refused now, not at every catch-up after it.
    void anImportIntoTheOpenHourIsCheckedAtImport()
    {
        test::TestAccount acc;
        enableGeneralText(acc);
        acc.setNow("2026-10-01T11:30:00+08:00");
        const Status s = importCsv(acc, bigHour("2026-10-01T11:10:00+08:00", 20'000));
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::Refused);
        QVERIFY2(s.error().message.startsWith(QStringLiteral(
                     "the calls waiting for the hour from 2026-10-01T11:00:00+08:00 to end could "
                     "cost up to ")),
                 qPrintable(s.error().message));
        QVERIFY2(s.error().message.endsWith(QStringLiteral("; nothing was imported")),
                 qPrintable(s.error().message));
        // Nothing is left pending: the next hours settle.
        acc.setNow("2026-10-01T12:30:00+08:00");
        QVERIFY(topUpTo(acc, 1));
        QCOMPARE(findings(acc), QStringList());
    }

    // Such calls stored anyway (by a version before the check): every catch-up fails, but says which
    // hour, what still works and what to do, and verify reports them.
    void callsThatCannotSettleSayWhatToDo()
    {
        test::TestAccount acc;
        enableGeneralText(acc);
        acc.setNow("2026-10-01T11:30:00+08:00");
        QByteArray data = bigHour("2026-10-01T11:10:00+08:00", 20'000);
        QBuffer buf(&data);
        buf.open(QIODevice::ReadOnly);
        auto imported = acc.run([&](Context &c) { return importCalls(c, buf, ImportOptions{}); }); // no check
        QVERIFY(imported);
        const QStringList found = findings(acc);
        QCOMPARE(found.size(), 1);
        QVERIFY2(
            found.front().startsWith(QStringLiteral(
                "the calls waiting for the hour from 2026-10-01T11:00:00+08:00 to end could cost up to")),
            qPrintable(found.front()));
        acc.setNow("2026-10-01T12:30:00+08:00");
        const Status s = topUpTo(acc, 1);
        QVERIFY(!s);
        for (const char *says :
             {"in the hour from 2026-10-01T11:00:00+08:00: ", "imported by an earlier command",
              "verify and backup still work", "billingctl restore FILE --replace",
              "--now before 2026-10-01T12:00:00+08:00"})
            QVERIFY2(s.error().message.contains(QLatin1String(says)), qPrintable(s.error().message));
        // Before the hour ends, the account still works.
        acc.setNow("2026-10-01T11:59:59+08:00");
        QVERIFY(topUpTo(acc, 1));
    }

    // Each coupon holds at most 10,000,000.00; 1,001 of them held 10,010,000,000.00 together.
    void theCouponsHeldStayInRange()
    {
        test::TestAccount acc;
        const Instant expires = at("2027-01-01T00:00:00+08:00");
        const Status s = acc.run([&](Context &c) -> Status {
            for (int i = 0; i < 1'001; ++i)
                if (auto g = coupons::grant(c, Money::fromCents(1'000'000'000), expires, QString()); !g)
                    return g.error();
            return {};
        });
        QVERIFY(!s);
        QCOMPARE(s.error().message,
                 QStringLiteral("the coupons would hold 10010000000.00 together, outside the range of "
                                "±10,000,000,000.00; nothing was changed"));
    }

    // Twelve months each within the range (9,000,000,000.00 charged) add up to 108 billion over a
    // year: the cost analysis added them in 64 bits (a wrapped, negative total).
    void aYearOfCostsIsSummedWithoutOverflow()
    {
        test::TestAccount acc("2025-10-01T08:00:00+08:00");
        acc.setNow("2026-10-01T08:00:00+08:00");
        auto stored = acc.run([](Context &c) -> Status {
            for (int m = 0; m < 12; ++m) {
                if (Status s = storeLine(c, c.calendar.addMonths(c.account.createdAt, m), 900'000'000'000);
                    !s)
                    return s;
            }
            return {};
        });
        QVERIFY2(stored, qPrintable(messageOf(stored)));
        CostQuery q;
        q.from = at("2025-10-01T00:00:00+08:00");
        q.to = at("2026-10-01T00:00:00+08:00");
        q.granularity = CostQuery::Month;
        auto r = acc.run([&](Context &c) { return analyzeCost(c, q); });
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Refused);
        QVERIFY2(r.error().message.contains(QStringLiteral("add up to 108000000000.00, outside the range")),
                 qPrintable(r.error().message));
        // Each month alone is in range.
        q.to = at("2025-11-01T00:00:00+08:00");
        auto month = acc.run([&](Context &c) { return analyzeCost(c, q); });
        QVERIFY(month);
        QCOMPARE(month->total, Money::fromCents(900'000'000'000));
    }

    // A bill's charges past the range while top-ups bring the month's sum of every record back into it
    // (stored before the check): verify sums the positive and the negative amounts apart.
    void verifyFindsABillPastTheRangeThatCreditsHide()
    {
        test::TestAccount acc;
        auto stored = acc.run([](Context &c) -> Status {
            for (const qint64 cents : {900'000'000'000LL, 900'000'000'000LL, -900'000'000'000LL}) {
                if (Status s = storeLine(c, c.now, cents); !s)
                    return s;
            }
            return {};
        });
        QVERIFY2(stored, qPrintable(messageOf(stored)));
        const QStringList found = findings(acc);
        QVERIFY2(found.contains(
                     QStringLiteral("the bill of 2026-10: the total charged 18000000000.00 is outside the "
                                    "range of ±10,000,000,000.00")),
                 qPrintable(found.join(u'\n')));
    }

    // An auto-renewal the month's sums refuse happens inside a catch-up, which goes on: the attempt
    // leaves its notice and nothing else (the new term was stored before its record was refused).
    void aRefusedAutoRenewalLeavesNoPackage()
    {
        test::TestAccount acc;
        Instant end = 0;
        auto bought = acc.run([&](Context &c) -> Status {
            if (auto t = funds::topUp(c, Money::fromCents(100'000)); !t)
                return t.error();
            packages::BuyRequest req{QStringLiteral("general-text"),
                                     QStringLiteral("cn-north-4"),
                                     QStringLiteral("100k"),
                                     std::nullopt,
                                     true,
                                     1,
                                     1};
            auto p = packages::buy(c, req);
            if (!p)
                return p.error();
            end = p->front().endAt;
            // The months of the renewal attempts (the day before the expiry date and the expiry date)
            // already hold charges up to 0.01 below the range.
            for (const Instant day : {end - 2 * kMicrosPerDay, end - kMicrosPerDay}) {
                if (Status s = storeLine(c, day, 999'999'999'999); !s)
                    return s;
            }
            return {};
        });
        QVERIFY2(bought, qPrintable(messageOf(bought)));
        acc.clock.set(end + kMicrosPerHour);
        auto after = acc.run([](Context &c) -> Result<std::pair<size_t, QStringList>> {
            auto ps = c.subscriptions.packages();
            auto ns = NotificationRepository(c.db).all();
            if (!ps || !ns)
                return Error::internal(QStringLiteral("cannot read back"));
            QStringList reasons;
            for (const Notification &n : *ns)
                if (n.kind == alertKindId(AlertKind::AutoRenewFailed))
                    reasons << n.args.value(QStringLiteral("reason")).toString();
            return std::pair{ps->size(), reasons};
        });
        QVERIFY(after);
        QCOMPARE(after->first, size_t(1));
        QVERIFY(!after->second.isEmpty());
        QVERIFY2(after->second.front().contains(QStringLiteral("would add up to")),
                 qPrintable(after->second.front()));
    }

    // Eleven months of 9,000,000,000.00 each: the transactions' sums over all of them pass 64 bits
    // (SQLite failed with "integer overflow", PostgreSQL's exact sum read as 0).
    void transactionTotalsPastSixtyFourBitsAreRefused()
    {
        test::TestAccount acc("2025-10-01T08:00:00+08:00");
        acc.setNow("2026-10-01T08:00:00+08:00");
        auto stored = acc.run([](Context &c) -> Status {
            for (int m = 0; m < 11; ++m)
                if (Status s = storeLine(c, c.calendar.addMonths(c.account.createdAt, m), 900'000'000'000);
                    !s)
                    return s;
            return {};
        });
        QVERIFY2(stored, qPrintable(messageOf(stored)));
        auto r = acc.run([](Context &c) { return c.records.totals({}); });
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Refused);
        QVERIFY2(r.error().message.contains(QStringLiteral("add up to more than a sum can hold")),
                 qPrintable(r.error().message));
        // One bill month is summed as before.
        auto month = acc.run([](Context &c) {
            RecordFilter f;
            f.billMonth = QStringLiteral("2025-10");
            return c.records.totals(f);
        });
        QVERIFY(month);
        QCOMPARE(month->charged, Money::fromCents(900'000'000'000));
    }
};

QTEST_GUILESS_MAIN(TestSettlementRange)
#include "tst_settlementrange.moc"
