#include "engine/accountstatus.h"
#include "engine/backup.h"
#include "engine/funds.h"
#include "engine/verifier.h"
#include "storage/auditrepository.h"
#include "storage/database.h"
#include "testaccount.h"

#include <QSqlQuery>
#include <QTest>

using namespace billing;

class TestBackup : public QObject
{
    Q_OBJECT
private slots:
    void postgresIsBackedUpWithPgDump()
    {
        test::TestAccount acc;
        const QString file = acc.dir.filePath(QStringLiteral("backup.sqlite"));
        const Status b = backupDatabase(acc.engine->database(), file, Engine::defaultActor());
        const Status r = restoreDatabase(file, acc.path, Engine::defaultActor());
        if (!acc.database.isPostgres()) {
            QVERIFY(b.ok());
            return;
        }
        QVERIFY(!b.ok());
        QCOMPARE(b.error().code, ErrorCode::BadUsage);
        QVERIFY2(b.error().message.contains(QLatin1String("pg_dump")), qPrintable(b.error().message));
        QVERIFY(!QFile::exists(file));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::BadUsage);
        QVERIFY2(r.error().message.contains(QLatin1String("pg_restore")), qPrintable(r.error().message));
    }

    void backupAndRestoreRoundTrip()
    {
        test::TestAccount acc;
        if (acc.database.isPostgres())
            QSKIP("SQLite's online backup; on PostgreSQL see postgresIsBackedUpWithPgDump");
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(4321)); }).ok());
        const QString backup = acc.dir.filePath(QStringLiteral("backup.sqlite"));
        QVERIFY(backupDatabase(acc.engine->database(), backup, Engine::defaultActor()).ok());
        // A second backup to the same name is refused; the first stays.
        QCOMPARE(backupDatabase(acc.engine->database(), backup, Engine::defaultActor()).error().code,
                 ErrorCode::Refused);
        // Later changes are not in the backup.
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(100)); }).ok());
        const QString restored = acc.dir.filePath(QStringLiteral("restored.sqlite"));
        const Status s = restoreDatabase(backup, restored, Engine::defaultActor());
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
        auto engine = Engine::open(restored, acc.clock);
        QVERIFY(engine.ok());
        auto st = (*engine)->run([](Context &c) { return accountStatus(c); });
        QCOMPARE(st->account.balance, Money::fromCents(4321));
        auto ctx = (*engine)->inspect();
        QCOMPARE(verifyAccount(**ctx)->join(u'\n'), QString());
    }

    void restoreOverALiveDatabaseReplacesTheAccount()
    {
        test::TestAccount acc;
        if (acc.database.isPostgres())
            QSKIP("SQLite's online backup; on PostgreSQL see postgresIsBackedUpWithPgDump");
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(500)); }).ok());
        const QString backup = acc.dir.filePath(QStringLiteral("b.sqlite"));
        QVERIFY(backupDatabase(acc.engine->database(), backup, Engine::defaultActor()).ok());
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(700)); }).ok());
        QVERIFY(restoreDatabase(backup, acc.path, Engine::defaultActor()).ok());
        auto st = acc.run([](Context &c) { return accountStatus(c); });
        QCOMPARE(st->account.balance, Money::fromCents(500));
        // The restore is in the restored account's audit log, and the chain still verifies.
        auto audit = AuditRepository(acc.engine->database()).all();
        QCOMPARE(audit->back().action, QStringLiteral("restore"));
        QCOMPARE(audit->back().actor, Engine::defaultActor());
        QCOMPARE(audit->back().after[QStringLiteral("from")].toString(), QStringLiteral("b.sqlite"));
        auto ctx = acc.engine->inspect();
        QCOMPARE(verifyAccount(**ctx)->join(u'\n'), QString());
    }

    void aTamperedBackupIsRefusedAndNothingChanges()
    {
        test::TestAccount acc;
        if (acc.database.isPostgres())
            QSKIP("SQLite's online backup; on PostgreSQL see postgresIsBackedUpWithPgDump");
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(500)); }).ok());
        const QString backup = acc.dir.filePath(QStringLiteral("t.sqlite"));
        QVERIFY(backupDatabase(acc.engine->database(), backup, Engine::defaultActor()).ok());
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(backup);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE ledger SET cash_delta = 99900000000")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(700)); }).ok());
        const Status s = restoreDatabase(backup, acc.path, Engine::defaultActor());
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::BadData);
        QVERIFY(s.error().message.contains(QLatin1String("verification")));
        QCOMPARE(acc.run([](Context &c) { return accountStatus(c); })->account.balance,
                 Money::fromCents(1200));
        QVERIFY(!restoreDatabase(acc.dir.filePath(QStringLiteral("none.sqlite")), acc.path,
                                 Engine::defaultActor())
                     .ok());
    }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
