#include "engine/funds.h"
#include "engine/verifier.h"
#include "storage/database.h"
#include "testaccount.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace billing;

class TestVerifier : public QObject
{
    Q_OBJECT
private:
    QStringList verify(test::TestAccount &acc)
    {
        auto ctx = acc.engine->inspect();
        if (!ctx)
            return {ctx.error().message};
        return *verifyAccount(**ctx);
    }
    void exec(test::TestAccount &acc, const char *sql)
    {
        QSqlQuery q(acc.engine->database().connection());
        QVERIFY2(q.exec(QLatin1String(sql)), qPrintable(q.lastError().text()));
    }

private slots:
    void passesOnAGoodDatabase()
    {
        test::TestAccount acc;
        for (int cents : {100, 2550, 999})
            QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(cents)); }).ok());
        QCOMPARE(verify(acc), QStringList());
    }

    void detectsAnAlteredLedgerRow()
    {
        test::TestAccount acc;
        for (int cents : {100, 2550})
            QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(cents)); }).ok());
        exec(acc, "UPDATE ledger SET cash_delta = cash_delta + 1 WHERE id = 1");
        const QStringList findings = verify(acc);
        QVERIFY(!findings.isEmpty());
        QVERIFY2(findings.join(u'\n').contains(QLatin1String("ledger entry 1")), qPrintable(findings.join(u'\n')));
    }

    void detectsARemovedLedgerRow()
    {
        test::TestAccount acc;
        for (int cents : {100, 2550})
            QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(cents)); }).ok());
        exec(acc, "DELETE FROM ledger WHERE id = 1");
        QVERIFY(!verify(acc).isEmpty());
    }

    void detectsABalanceChangedBehindTheLedgersBack()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(100)); }).ok());
        exec(acc, "UPDATE account SET balance = balance + 100000000");
        QVERIFY(verify(acc).join(u'\n').contains(QLatin1String("balance")));
    }

    void detectsARecordThatDisagreesWithTheLedger()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(100)); }).ok());
        exec(acc, "UPDATE record SET paid_cash = paid_cash - 1, charged = charged - 1");
        QVERIFY(verify(acc).join(u'\n').contains(QLatin1String("transaction 1")));
    }
};

QTEST_GUILESS_MAIN(TestVerifier)
#include "tst_verifier.moc"
