#include "engine/accountstatus.h"
#include "engine/funds.h"
#include "engine/fundspreview.h"
#include "testaccount.h"

#include <QTest>

using namespace billing;

class TestFunds : public QObject
{
    Q_OBJECT
private slots:
    void parsesUserAmounts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("code"); // 0 valid, else the ErrorCode of the refusal
        QTest::newRow("7.5") << "7.5" << 0;
        QTest::newRow("12") << "12" << 0;
        QTest::newRow("0.01") << "0.01" << 0;
        QTest::newRow("10000000.00") << "10000000.00" << 0;
        QTest::newRow("0") << "0" << int(ErrorCode::Refused);
        QTest::newRow("10000000.01") << "10000000.01" << int(ErrorCode::Refused);
        QTest::newRow("huge") << "99999999999999999999" << int(ErrorCode::Refused);
        QTest::newRow("0.001") << "0.001" << int(ErrorCode::BadUsage);
        QTest::newRow("1e3") << "1e3" << int(ErrorCode::BadUsage);
        QTest::newRow("-5") << "-5" << int(ErrorCode::BadUsage);
        QTest::newRow("1,5") << "1,5" << int(ErrorCode::BadUsage);
        QTest::newRow(".5") << ".5" << int(ErrorCode::BadUsage);
        QTest::newRow("5.") << "5." << int(ErrorCode::BadUsage);
        QTest::newRow("+5") << "+5" << int(ErrorCode::BadUsage);
        QTest::newRow("space") << " 5" << int(ErrorCode::BadUsage);
    }
    void parsesUserAmounts()
    {
        QFETCH(QString, text);
        QFETCH(int, code);
        auto m = funds::parseUserAmount(text);
        Status valid = m.ok() ? funds::validateAmount(*m) : Status(m.error());
        if (code == 0) {
            QVERIFY2(valid.ok(), qPrintable(valid.ok() ? QString() : valid.error().message));
        } else {
            QVERIFY(!valid.ok());
            QCOMPARE(int(valid.error().code), code);
        }
    }

    void topUpAddsToTheBalanceThroughTheLedger()
    {
        test::TestAccount acc;
        auto r = acc.run([](Context &ctx) { return funds::topUp(ctx, Money::fromCents(1250)); });
        QVERIFY(r.ok());
        QCOMPARE(r->balanceAfter, Money::fromCents(1250));
        auto st = acc.run([](Context &ctx) { return accountStatus(ctx); });
        QCOMPARE(st->account.balance, Money::fromCents(1250));
        auto ledger = acc.run([](Context &ctx) { return ctx.ledger.all(); });
        QCOMPARE(ledger->size(), size_t(1));
        QCOMPARE(ledger->front().cashDelta, Money::fromCents(1250));
        QCOMPARE(ledger->front().balanceAfter, Money::fromCents(1250));
    }

    void refusedTopUpChangesNothing()
    {
        test::TestAccount acc;
        acc.setNow("2026-10-01T09:30:00+08:00");
        auto r = acc.run([](Context &ctx) { return funds::topUp(ctx, Money::fromUnits(1)); });
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Refused);
        // Not even the catch-up's "processed until" moved.
        acc.setNow("2026-10-01T09:00:00+08:00");
        auto st = acc.run([](Context &ctx) { return accountStatus(ctx); });
        QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.error().message));
        QCOMPARE(st->account.balance, Money());
    }

    // Issue #19: 9,301 top-ups of 10,000,000 wrapped the balance negative. The 1,001st passes the limit.
    void topUpsStopAtTheRangeLimit()
    {
        test::TestAccount acc;
        const Money most = funds::kMaxTopUp;
        auto refused = acc.run([&](Context &ctx) -> Result<QString> {
            for (int i = 0; i < 1000; ++i)
                if (auto r = funds::topUp(ctx, most); !r)
                    return r.error();
            if (funds::previewTopUp(ctx, most).ok())
                return Error::internal(QStringLiteral("the preview accepted a top-up past the limit"));
            auto r = funds::topUp(ctx, most);
            if (r.ok())
                return Error::internal(QStringLiteral("a top-up past the limit was accepted"));
            return r.error().message;
        });
        QVERIFY2(refused.ok(), qPrintable(refused.ok() ? QString() : refused.error().message));
        QCOMPARE(*refused,
                 QStringLiteral("the top-up of 10000000.00 would take the balance to 10010000000.00, "
                                "above the limit of 10,000,000,000.00"));
        auto st = acc.run([](Context &ctx) { return accountStatus(ctx); });
        QCOMPARE(st->account.balance.toString(), QStringLiteral("10000000000.00"));
        QCOMPARE(st->account.state, AccountState::Normal);
    }

    void timeCannotGoBackwards()
    {
        test::TestAccount acc;
        acc.setNow("2026-10-02T08:00:00+08:00");
        QVERIFY(acc.run([](Context &ctx) { return accountStatus(ctx); }).ok());
        acc.setNow("2026-10-02T07:59:59+08:00");
        auto r = acc.run([](Context &ctx) { return funds::topUp(ctx, Money::fromCents(100)); });
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Refused);
        QVERIFY(r.error().message.contains(QLatin1String("backwards")));
        acc.setNow("2026-10-02T08:00:00+08:00");
        QCOMPARE(acc.run([](Context &ctx) { return accountStatus(ctx); })->account.balance, Money());
    }
};

QTEST_GUILESS_MAIN(TestFunds)
#include "tst_funds.moc"
