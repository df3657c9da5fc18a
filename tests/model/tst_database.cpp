#include "storage/database.h"
#include "storage/ledgerrepository.h"
#include "storage/transaction.h"
#include "testaccount.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace billing;

class TestDatabase : public QObject
{
    Q_OBJECT
private slots:
    void createsAndMigratesToTheLatestVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.sqlite"));
        auto db = Database::open(path, Database::Mode::CreateIfMissing);
        QVERIFY(db.ok());
        QCOMPARE((*db)->schemaVersion(), Database::latestSchemaVersion());
        QSqlQuery q((*db)->connection());
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void refusesToOpenAMissingDatabaseWithoutCreating()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("none.sqlite"));
        auto db = Database::open(path, Database::Mode::OpenExisting);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::Refused);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!Database::open(dir.filePath(QStringLiteral("no/such/dir/x.sqlite")), Database::Mode::CreateIfMissing).ok());
    }

    void refusesANewerDatabaseAndLeavesItUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("newer.sqlite"));
        {
            auto db = Database::open(path, Database::Mode::CreateIfMissing);
            QVERIFY(db.ok());
            QSqlQuery q((*db)->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(Database::latestSchemaVersion() + 1)));
            QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        auto db = Database::open(path, Database::Mode::OpenExisting);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::BadData);
        QVERIFY2(db.error().message.contains(QLatin1String("newer")), qPrintable(db.error().message));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }

    void refusesAFileThatIsNoDatabase()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("garbage.sqlite"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        auto db = Database::open(path, Database::Mode::OpenExisting);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::BadData);
    }

    void migratesAnOlderDatabaseStepByStep()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            // An empty database at version 0 is what every older version starts from.
            auto db = Database::open(path, Database::Mode::CreateIfMissing);
            QVERIFY(db.ok());
        }
        auto db = Database::open(path, Database::Mode::OpenExisting);
        QVERIFY(db.ok());
        QCOMPARE((*db)->schemaVersion(), Database::latestSchemaVersion());
    }

    void transactionRollsBackUnlessCommitted()
    {
        test::TestAccount acc;
        Database &db = acc.engine->database();
        auto count = [&] {
            QSqlQuery q(db.connection());
            q.exec(QStringLiteral("SELECT count(*) FROM ledger"));
            q.next();
            return q.value(0).toInt();
        };
        {
            Transaction tx(db);
            QVERIFY(tx.started().ok());
            LedgerRepository ledger(db);
            LedgerEntry e;
            e.cashDelta = Money::fromCents(100);
            e.balanceAfter = e.cashDelta;
            QVERIFY(ledger.append(e).ok());
            QCOMPARE(count(), 1);
        } // no commit
        QCOMPARE(count(), 0);
        {
            Transaction tx(db);
            LedgerRepository ledger(db);
            LedgerEntry e;
            e.cashDelta = Money::fromCents(100);
            e.balanceAfter = e.cashDelta;
            QVERIFY(ledger.append(e).ok());
            QVERIFY(tx.commit().ok());
        }
        QCOMPARE(count(), 1);
    }

    void aSecondAccountIsRefused()
    {
        test::TestAccount acc;
        auto again = Engine::create(acc.path, acc.clock, {});
        QVERIFY(!again.ok());
        QCOMPARE(again.error().code, ErrorCode::Refused);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
