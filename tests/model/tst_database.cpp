#include "storage/database.h"
#include "storage/databaseroles.h"
#include "storage/ledgerrepository.h"
#include "storage/rowreader.h"
#include "storage/transaction.h"
#include "testaccount.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <sys/stat.h>

using namespace billing;

namespace {
QString rolesScript()
{
    QFile f(qEnvironmentVariable("BILLING_TEST_DATA") +
            QStringLiteral("/../../resources/postgres/roles.sql"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read resources/postgres/roles.sql");
    return QString::fromUtf8(f.readAll());
}
} // namespace

class TestDatabase : public QObject
{
    Q_OBJECT
private slots:
    void createsAndMigratesToTheLatestVersion()
    {
        test::TestDatabase where;
        auto db = Database::open(where.location(), Database::Mode::CreateIfMissing);
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        QCOMPARE((*db)->schemaVersion(), Database::latestSchemaVersion());
        QSqlQuery q((*db)->connection());
        if (where.isPostgres()) {
            QVERIFY((*db)->isPostgres());
            QVERIFY(q.exec(QStringLiteral("SELECT version, count(*) OVER () FROM schema_version")) &&
                    q.next());
            QCOMPARE(q.value(0).toInt(), Database::latestSchemaVersion());
            QCOMPARE(q.value(1).toInt(), 1);
            // Money and instants are 64-bit on PostgreSQL too.
            QVERIFY(q.exec(QStringLiteral(
                        "SELECT data_type FROM information_schema.columns WHERE table_schema = "
                        "current_schema() AND table_name = 'ledger' AND column_name = 'balance_after'")) &&
                    q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("bigint"));
            return;
        }
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void refusesAnEmptyPostgresDatabaseWithoutCreating()
    {
        test::TestDatabase where;
        if (!where.isPostgres())
            QSKIP("a PostgreSQL case; the SQLite one is refusesToOpenAMissingDatabaseWithoutCreating");
        auto db = Database::open(where.location(), Database::Mode::OpenExisting);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::Refused);
        QCOMPARE(where.postgresContent(), QByteArray());
        // A schema that does not exist is named, not created.
        const QString missing =
            test::postgresSchemaUrl(test::postgresTestUrl(), where.schema() + QStringLiteral("_missing"));
        db = Database::open(missing, Database::Mode::CreateIfMissing);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::BadData);
        QVERIFY2(db.error().message.contains(QLatin1String("CREATE SCHEMA")), qPrintable(db.error().message));
    }

    void refusesAPostgresSchemaOfAnotherProgram()
    {
        test::TestDatabase where;
        if (!where.isPostgres())
            QSKIP("a PostgreSQL case; the SQLite one is refusesAFileThatIsNoDatabase");
        test::postgresAdmin(test::postgresTestUrl(),
                            QStringLiteral("CREATE TABLE %1.customers (id int)").arg(where.schema()));
        auto db = Database::open(where.location(), Database::Mode::CreateIfMissing);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::BadData);
        QVERIFY2(db.error().message.contains(QLatin1String("another program")),
                 qPrintable(db.error().message));
    }

    void badPostgresUrlsAreRefusedWithoutShowingThePassword()
    {
        for (const char *url : {"postgresql://u:secret@localhost:5432/", "postgres://u:secret@/a/b"}) {
            auto db = Database::open(QLatin1String(url), Database::Mode::CreateIfMissing);
            QVERIFY(!db.ok());
            QCOMPARE(db.error().code, ErrorCode::BadUsage);
            QVERIFY2(!db.error().message.contains(QLatin1String("secret")), qPrintable(db.error().message));
        }
        // Nothing listens on port 1: a clear connection error, again without the password.
        auto db =
            Database::open(QStringLiteral("postgresql://u:secret@127.0.0.1:1/billing?connect_timeout=2"),
                           Database::Mode::OpenExisting);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().message.contains(QLatin1String("postgresql://u@127.0.0.1:1/billing")),
                 qPrintable(db.error().message));
        QVERIFY2(!db.error().message.contains(QLatin1String("secret")), qPrintable(db.error().message));
    }

    void databaseRolesComeFromPostgresGroupRoles()
    {
        test::TestAccount acc;
        auto roles = databaseRoles(acc.engine->database());
        QVERIFY(roles.ok());
        if (!acc.database.isPostgres()) {
            QVERIFY(!roles->has_value()); // SQLite has no database users
            return;
        }
        QVERIFY(roles->has_value());
        const QString base = test::postgresTestUrl();
        test::postgresAdmin(
            base, {QStringLiteral("SET search_path = %1").arg(acc.database.schema()), rolesScript()});
        const QString analyst = QStringLiteral("analyst_%1").arg(acc.database.schema());
        test::postgresAdmin(
            base, QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD 'pw' IN ROLE billing_analyst").arg(analyst));
        roles = databaseRoles(acc.engine->database());
        QVERIFY(roles.ok());
        QCOMPARE(**roles, QStringList{dbroles::kOwner}); // roles.sql makes whoever runs it an owner

        QUrl url(acc.path);
        url.setUserName(analyst);
        url.setPassword(QStringLiteral("pw"));
        auto asAnalyst = Database::open(url.toString(), Database::Mode::OpenExisting);
        QVERIFY2(asAnalyst.ok(), asAnalyst.ok() ? "" : qPrintable(asAnalyst.error().message));
        roles = databaseRoles(**asAnalyst);
        QVERIFY(roles.ok());
        QCOMPARE(**roles, QStringList{dbroles::kAnalyst});
        // The database itself refuses the analyst's writes, as a clear error value.
        Transaction tx(**asAnalyst);
        QVERIFY(tx.started().ok());
        LedgerRepository ledger(**asAnalyst);
        LedgerEntry e;
        e.cashDelta = Money::fromCents(100);
        e.balanceAfter = e.cashDelta;
        const Status s = ledger.append(e);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, ErrorCode::Refused);
        QVERIFY2(s.error().message.contains(QLatin1String("does not allow")), qPrintable(s.error().message));
    }

    void refusesToOpenAMissingDatabaseWithoutCreating()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("none.sqlite"));
        auto db = Database::open(path, Database::Mode::OpenExisting);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::Refused);
        QVERIFY(!QFile::exists(path));
        QVERIFY(!Database::open(dir.filePath(QStringLiteral("no/such/dir/x.sqlite")),
                                Database::Mode::CreateIfMissing)
                     .ok());
    }

    void refusesANewerDatabaseAndLeavesItUntouched()
    {
        test::TestDatabase where(QStringLiteral("newer.sqlite"));
        const QString path = where.location();
        {
            auto db = Database::open(path, Database::Mode::CreateIfMissing);
            QVERIFY(db.ok());
            QSqlQuery q((*db)->connection());
            if (where.isPostgres()) {
                QVERIFY(q.exec(QStringLiteral("UPDATE schema_version SET version = %1")
                                   .arg(Database::latestSchemaVersion() + 1)));
            } else {
                QVERIFY(q.exec(
                    QStringLiteral("PRAGMA user_version = %1").arg(Database::latestSchemaVersion() + 1)));
                QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
            }
        }
        auto content = [&] {
            if (where.isPostgres())
                return where.postgresContent();
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        const QByteArray before = content();
        QVERIFY(!before.isEmpty());
        auto db = Database::open(path, Database::Mode::OpenExisting);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::BadData);
        QVERIFY2(db.error().message.contains(QLatin1String("newer")), qPrintable(db.error().message));
        QCOMPARE(content(), before);
    }

    // Issue #19 defect 3: a version below 0 crashed migrate(); above the newest it is a newer program's.
    void refusesUnknownSchemaVersionsAndLeavesThemUntouched_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QString>("said");
        for (int v : {-1, -2, -100})
            QTest::addRow("%d", v) << v << QStringLiteral("not a billing database of this program");
        QTest::addRow("newest+1") << Database::latestSchemaVersion() + 1 << QStringLiteral("newer");
    }
    void refusesUnknownSchemaVersionsAndLeavesThemUntouched()
    {
        QFETCH(int, version);
        QFETCH(QString, said);
        test::TestDatabase where(QStringLiteral("unknown.sqlite"));
        const QString path = where.location();
        {
            auto db = Database::open(path, Database::Mode::CreateIfMissing);
            QVERIFY(db.ok());
            QSqlQuery q((*db)->connection());
            QVERIFY(q.exec(dialect::setVersion((*db)->dialect(), version)));
            if (!where.isPostgres())
                QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        }
        auto content = [&] {
            if (where.isPostgres())
                return where.postgresContent();
            QByteArray all;
            for (const QString &name : QDir(where.dirPath()).entryList(QDir::Files, QDir::Name)) {
                QFile f(QDir(where.dirPath()).filePath(name));
                all += name.toUtf8() + '\n' + (f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray());
            }
            return all;
        };
        const QByteArray before = content();
        QVERIFY(!before.isEmpty());
        for (auto mode : {Database::Mode::OpenExisting, Database::Mode::CreateIfMissing}) {
            auto db = Database::open(path, mode);
            QVERIFY(!db.ok());
            QCOMPARE(db.error().code, ErrorCode::BadData);
            QVERIFY2(db.error().message.contains(said), qPrintable(db.error().message));
            QCOMPARE(content(), before);
        }
    }

    // Issue #19 defect 5: an empty file is no account, and opening it must not write the schema into it.
    void refusesAnEmptyFileWithoutWritingIt()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("empty.sqlite"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        auto db = Database::open(path, Database::Mode::OpenExisting);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, ErrorCode::Refused);
        QVERIFY2(db.error().message.contains(QLatin1String("init")), qPrintable(db.error().message));
        QCOMPARE(QFileInfo(path).size(), 0);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System),
                 QStringList{QStringLiteral("empty.sqlite")});
    }

    // Only a regular file holds an account: a pipe, a device behind a link or a folder is refused
    // before SQLite writes anything (it would put a journal beside it).
    void refusesWhatIsNoRegularFile()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("fifo.sqlite"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QVERIFY(QFile::link(fifo, dir.filePath(QStringLiteral("tofifo.sqlite"))));
        QVERIFY(QFile::link(QStringLiteral("/dev/null"), dir.filePath(QStringLiteral("null.sqlite"))));
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("folder.sqlite")));
        const auto listing = [&] {
            return QDir(dir.path())
                .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
        };
        const QStringList before = listing();
        for (const char *name : {"fifo.sqlite", "tofifo.sqlite", "null.sqlite", "folder.sqlite"})
            for (auto mode : {Database::Mode::OpenExisting, Database::Mode::CreateIfMissing}) {
                auto db = Database::open(dir.filePath(QLatin1String(name)), mode);
                QVERIFY2(!db.ok(), name);
                QCOMPARE(db.error().code, ErrorCode::BadData);
                QCOMPARE(listing(), before);
            }
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
        test::TestDatabase where(QStringLiteral("old.sqlite"));
        const QString path = where.location();
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
        auto count = [&] { // through execQuery, which sends the rows PostgreSQL's COPY keeps first
            QSqlQuery q(db.connection());
            q.prepare(QStringLiteral("SELECT count(*) FROM ledger"));
            if (!execQuery(q, "counting").ok())
                return -1;
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

    // storage/rowreader.h: integers, texts (recent ones kept, NULL apart from ''), kept statements, errors.
    void rowReaderReadsAsTheDriver()
    {
        test::TestAccount acc;
        Database &db = acc.engine->database();
        const QString sql = QStringLiteral(
            "SELECT v.n, v.t FROM (SELECT 1 AS n, 'a' AS t UNION ALL SELECT 2, NULL UNION ALL SELECT 3, '' "
            "UNION ALL SELECT 4, 'a' UNION ALL SELECT 5, 'b') v WHERE v.n >= ? ORDER BY v.n");
        for (auto keep : {RowReader::Keep::No, RowReader::Keep::Prepared, RowReader::Keep::Prepared}) {
            RowReader r(db, sql, "testing", keep);
            r.bind(0, QVariant(qint64(2)));
            QVERIFY(r.exec().ok());
            QStringList texts;
            QList<qint64> numbers;
            QList<bool> nulls;
            while (r.next()) {
                numbers << r.integer(0);
                texts << r.text(1);
                nulls << r.text(1).isNull();
                QCOMPARE(r.isNull(1), nulls.back());
            }
            QVERIFY(r.status().ok());
            QCOMPARE(numbers, (QList<qint64>{2, 3, 4, 5}));
            QCOMPARE(texts,
                     (QStringList{QString(), QStringLiteral(""), QStringLiteral("a"), QStringLiteral("b")}));
            QCOMPARE(nulls, (QList<bool>{true, false, false, false}));
        }
        RowReader bad(db, QStringLiteral("SELECT no_such_column FROM account"), "testing");
        QVERIFY(!bad.exec().ok() || (!bad.next() && !bad.status().ok()));
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
