#include "engine/accountstatus.h"
#include "engine/engine.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "engine/verifier.h"
#include "storage/database.h"
#include "testaccount.h"

#include <QBuffer>
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
        QVERIFY2(findings.join(u'\n').contains(QLatin1String("ledger entry 1")),
                 qPrintable(findings.join(u'\n')));
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

    void detectsAChangeInAFinalMonth()
    {
        test::TestAccount acc("2026-09-20T08:00:00+08:00");
        QVERIFY(acc.run([](Context &c) {
                       return services::setEnabled(c, QStringLiteral("general-text"),
                                                   QStringLiteral("cn-north-4"), true);
                   })
                    .ok());
        QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(1000)); }).ok());
        QByteArray csv("timestamp,api,region,status,count\n2026-09-20T08:30:00+08:00,general-text,cn-north-4,"
                       "200,2000\n");
        QBuffer buf(&csv);
        buf.open(QIODevice::ReadOnly);
        acc.setNow("2026-09-20T09:30:00+08:00");
        auto imported =
            acc.engine->runThenCatchUp([&](Context &c) { return importCalls(c, buf, ImportOptions{}); });
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        acc.setNow("2026-10-03T00:00:00+08:00"); // September becomes final
        QVERIFY(acc.run([](Context &c) { return accountStatus(c); }).ok());
        QCOMPARE(verify(acc), QStringList());
        // Moving a charge between lines keeps the ledger whole but changes the final bill.
        exec(acc, "UPDATE record SET calls = calls + 1 WHERE type = 'usage'");
        QVERIFY(verify(acc).join(u'\n').contains(QLatin1String("2026-09")));
    }

    void detectsImpossibleQuotaAndCoupons()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(20000)); }).ok());
        QVERIFY(acc.run([&](Context &ctx) {
                       return coupons::grant(ctx, Money::fromCents(500), ctx.now + kMicrosPerDay, QString());
                   })
                    .ok());
        packages::BuyRequest r;
        r.api = QStringLiteral("general-text");
        r.region = QStringLiteral("cn-north-4");
        r.sku = QStringLiteral("100k");
        QVERIFY(acc.run([&](Context &ctx) { return packages::buy(ctx, r); }).ok());
        QCOMPARE(verify(acc), QStringList());
        if (!acc.database.isPostgres()) // PostgreSQL has no CHECK on these columns to switch off
            exec(acc, "PRAGMA ignore_check_constraints = ON");
        exec(acc, "UPDATE package SET remaining = quota + 1");
        exec(acc, "UPDATE coupon SET remaining = remaining + 100");
        const QString all = verify(acc).join(u'\n');
        QVERIFY2(all.contains(QLatin1String("package 1")), qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("coupon 1")), qPrintable(all));
    }

    void detectsAnAlteredOrRemovedAuditEntry()
    {
        test::TestAccount acc;
        for (int cents : {100, 200, 300})
            QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(cents)); }).ok());
        QCOMPARE(verify(acc), QStringList());
        exec(acc, "UPDATE audit_log SET actor = 'mallory' WHERE id = 2");
        QVERIFY(verify(acc).join(u'\n').contains(QLatin1String("entry 2 was altered")));
        exec(acc, "UPDATE audit_log SET actor = (SELECT actor FROM audit_log WHERE id = 1) WHERE id = 2");
        QCOMPARE(verify(acc), QStringList());
        exec(acc, "DELETE FROM audit_log WHERE id = 4");
        QVERIFY(verify(acc).join(u'\n').contains(QLatin1String("removed")));
        exec(acc, "DELETE FROM audit_log WHERE id = 2");
        QVERIFY(verify(acc).join(u'\n').contains(QLatin1String("entry 2 is missing")));
    }

    // One settled hour of pay-per-use calls crossing the first tier (issue #19, defect 4).
    void settleOneHour(test::TestAccount &acc)
    {
        acc.setNow("2026-09-20T08:00:00+08:00");
        QVERIFY(acc.run([](Context &c) {
                       return services::setEnabled(c, QStringLiteral("general-text"),
                                                   QStringLiteral("cn-north-4"), true);
                   })
                    .ok());
        QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(1000000)); }).ok());
        QByteArray csv("timestamp,api,region,status,count,enterprise_project\n"
                       "2026-09-20T08:30:00+08:00,general-text,cn-north-4,200,999990,alpha\n"
                       "2026-09-20T08:31:00+08:00,general-text,cn-north-4,200,30,beta\n");
        QBuffer buf(&csv);
        buf.open(QIODevice::ReadOnly);
        acc.setNow("2026-09-20T09:30:00+08:00");
        auto imported =
            acc.engine->runThenCatchUp([&](Context &c) { return importCalls(c, buf, ImportOptions{}); });
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QVERIFY(acc.run([](Context &c) { return accountStatus(c); }).ok());
        QCOMPARE(verify(acc), QStringList());
    }

    void detectsAnIdOutsideTheCatalog()
    {
        test::TestAccount acc("2026-09-20T08:00:00+08:00");
        settleOneHour(acc);
        exec(acc, "UPDATE record SET region = 'cn-dast-3' WHERE type = 'usage' AND project = 'beta'");
        const QString all = verify(acc).join(u'\n');
        QVERIFY2(all.contains(QLatin1String("table record, row ")) &&
                     all.contains(QLatin1String("column region: \"cn-dast-3\" is not a region")),
                 qPrintable(all));
    }

    void detectsATierPriceThatIsNotTheCatalogs()
    {
        test::TestAccount acc("2026-09-20T08:00:00+08:00");
        settleOneHour(acc);
        exec(acc, "UPDATE record_tier SET price_per_1000 = 141000000 WHERE price_per_1000 = 150000000");
        const QString all = verify(acc).join(u'\n');
        QVERIFY2(
            all.contains(QLatin1String("column price_per_1000: stored 1.41, the catalog's price is 1.50")),
            qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("column fee: stored")), qPrintable(all));
    }

    void detectsAChangeNoRuleCanSeeThroughTheSeals()
    {
        test::TestAccount acc("2026-09-20T08:00:00+08:00");
        settleOneHour(acc);
        exec(acc, "UPDATE record SET project = 'gamma' WHERE project = 'beta'");
        QString all = verify(acc).join(u'\n');
        QVERIFY2(all.contains(QLatin1String("the transaction records with ids")), qPrintable(all));
        exec(acc, "UPDATE record SET project = 'beta' WHERE project = 'gamma'");
        QCOMPARE(verify(acc), QStringList());
        exec(acc, "UPDATE ledger SET at = at + 1 WHERE id = 1");
        all = verify(acc).join(u'\n');
        QVERIFY2(all.contains(QStringLiteral("the ledger entries with ids 1 … 1")), qPrintable(all));
        exec(acc, "UPDATE ledger SET at = at - 1 WHERE id = 1");
        exec(acc, "INSERT INTO ledger (at, kind, cash_delta, balance_after) VALUES (1, 'topup', 0, "
                  "(SELECT balance FROM account))");
        all = verify(acc).join(u'\n');
        QVERIFY2(all.contains(QLatin1String("are not sealed")), qPrintable(all));
        exec(acc, "DELETE FROM ledger WHERE id = (SELECT max(id) FROM ledger)");
        exec(acc, "DELETE FROM row_seal WHERE id = (SELECT max(id) FROM row_seal)");
        all = verify(acc).join(u'\n');
        QVERIFY2(all.contains(QLatin1String("newest seals were removed")), qPrintable(all));
    }

    void anOlderDatabaseIsSealedFromStepNineOn()
    {
        if (test::onPostgres())
            QSKIP("the schema version is PRAGMA user_version here");
        test::TestAccount acc("2026-09-20T08:00:00+08:00");
        settleOneHour(acc);
        // As the database was before schema step 9 (and the steps after it).
        exec(acc, "DROP TABLE guard");
        exec(acc, "ALTER TABLE package DROP COLUMN renew_sku");
        exec(acc, "DROP TABLE budget_scope");
        exec(acc, "DROP TABLE column_profile");
        exec(acc, "DROP TABLE row_seal");
        exec(acc, "ALTER TABLE account DROP COLUMN seal_head");
        exec(acc, "PRAGMA user_version = 8");
        acc.engine.reset();
        auto reopened = Engine::open(acc.path, acc.clock);
        QVERIFY2(reopened.ok(), qPrintable(reopened.ok() ? QString() : reopened.error().message));
        acc.engine = std::move(reopened).value();
        QCOMPARE(verify(acc), QStringList()); // the rows before the step are unsealed, not damaged
        QSqlQuery q(acc.engine->database().connection());
        QVERIFY(q.exec(QStringLiteral("SELECT record_to = (SELECT max(id) FROM record), ledger_to = "
                                      "(SELECT max(id) FROM ledger) FROM row_seal WHERE id = 0")));
        QVERIFY(q.next());
        QVERIFY(q.value(0).toBool() && q.value(1).toBool());
        q.finish();
        QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(100)); }).ok());
        QCOMPARE(verify(acc), QStringList());
        exec(acc, "UPDATE ledger SET at = at + 1 WHERE id = (SELECT max(id) FROM ledger)");
        const QString all = verify(acc).join(u'\n');
        QVERIFY2(all.contains(QLatin1String("seal 1: the ledger entries")), qPrintable(all));
    }

    void detectsARecordThatDisagreesWithTheLedger()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(100)); }).ok());
        exec(acc, "UPDATE record SET paid_cash = paid_cash - 1, charged = charged - 1");
        QVERIFY(verify(acc).join(u'\n').contains(QLatin1String("transaction 1")));
    }

    // Issue #19: a balance of +85 billion that the ledger and the records agree on passed verify.
    void detectsAmountsOutOfRange()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(100)); }).ok());
        exec(acc, "UPDATE ledger SET cash_delta = 8546743893709000000, balance_after = 8546743893709000000");
        exec(acc, "UPDATE account SET balance = 8546743893709000000");
        exec(acc, "UPDATE record SET charged = -8546743893709000000, paid_cash = -8546743893709000000");
        const QStringList findings = verify(acc);
        const QString all = findings.join(u'\n');
        QVERIFY2(findings.contains(QStringLiteral("ledger entry 1: cash_delta 85467438937.09 is outside the "
                                                  "range of ±10,000,000,000.00")),
                 qPrintable(all));
        QVERIFY2(findings.contains(QStringLiteral(
                     "the account balance 85467438937.09 is outside the range of ±10,000,000,000.00")),
                 qPrintable(all));
        QVERIFY2(findings.contains(QStringLiteral(
                     "transaction 1: charged -85467438937.09 is outside the range of ±10,000,000,000.00")),
                 qPrintable(all));
        QVERIFY2(all.contains(QLatin1String("the bill of 2026-10: the total charged -85467438937.09")),
                 qPrintable(all));
    }

    // The signs: a top-up is a credit.
    void detectsATopUpThatIsNotACredit()
    {
        test::TestAccount acc;
        QVERIFY(acc.run([&](Context &ctx) { return funds::topUp(ctx, Money::fromCents(100)); }).ok());
        exec(acc, "UPDATE record SET charged = 100000000, paid_cash = 100000000");
        exec(acc, "UPDATE ledger SET cash_delta = -100000000, balance_after = -100000000");
        exec(acc, "UPDATE account SET balance = -100000000");
        QVERIFY2(verify(acc).contains(QStringLiteral("transaction 1: a top-up of 1.00 is not a credit")),
                 qPrintable(verify(acc).join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestVerifier)
#include "tst_verifier.moc"
