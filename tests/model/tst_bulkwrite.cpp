// The rows a write transaction stores in the hot tables: on PostgreSQL they go by COPY (storage/pgbulk.h),
// on SQLite statement by statement. Either way the same values come back, sealed the same way, with the
// ids the table's own sequence gives (performance.md P1pg).
#include "storage/database.h"
#include "storage/ledgerrepository.h"
#include "storage/recordrepository.h"
#include "storage/rowseal.h"
#include "storage/sealrepository.h"
#include "storage/transaction.h"
#include "storage/usagerepository.h"
#include "testaccount.h"

#include <QSqlQuery>
#include <QTest>

using namespace billing;

namespace {
// Every character COPY's text format escapes, a quote, NULL's own spelling and text outside ASCII.
const QString kOdd = QStringLiteral("tab\there back\\slash new\nline cr\r \"quoted\" \\N 项目");

Record usageRecord(Instant at, const QString &project)
{
    Record r;
    r.type = Record::Type::Usage;
    r.at = at;
    r.expenditureAt = at - 3600;
    r.billMonth = QStringLiteral("2026-10");
    r.api = QStringLiteral("general-text");
    r.region = QStringLiteral("cn-north-4");
    r.project = project;
    r.mode = kModePayPerUse;
    r.calls = 5;
    r.fee = Money::fromCents(3);
    r.charged = r.fee;
    r.paidCash = r.fee;
    return r;
}

qint64 countOf(Database &db, const char *sql)
{
    QSqlQuery q(db.connection());
    q.prepare(QLatin1String(sql));
    if (!execQuery(q, "counting").ok() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}
} // namespace

class TestBulkWrite : public QObject
{
    Q_OBJECT

private slots:
    void rowsComeBackSealedWithTheSequencesIds()
    {
        test::TestAccount acc;
        Database &db = acc.engine->database();
        RecordRepository records(db);
        LedgerRepository ledger(db);
        UsageRepository usage(db);
        std::vector<qint64> ids;
        {
            Transaction tx(db);
            QVERIFY(tx.started().ok());
            for (int i = 0; i < 3; ++i) {
                Record r = usageRecord(7200 + i, i == 1 ? QString() : kOdd);
                QVERIFY(records.insert(r).ok());
                QVERIFY(records.insertTiers(r.id, {TierUse{1, 1, 5, Money::fromCents(1), 5}}).ok());
                LedgerEntry e;
                e.at = r.at;
                e.kind = LedgerEntry::Kind::Charge;
                e.cashDelta = -r.fee;
                e.balanceAfter = e.cashDelta;
                e.recordId = r.id;
                QVERIFY(ledger.append(e).ok());
                ids.push_back(r.id);
            }
            // Hourly counts with one key twice add up, as the upsert does row by row.
            const UsageCount u{3600,
                               QStringLiteral("general-text"),
                               QStringLiteral("cn-north-4"),
                               kOdd,
                               200,
                               QStringLiteral("billable"),
                               false,
                               2};
            QVERIFY(usage.addUsage({u}).ok());
            QVERIFY(usage.addUsage({u}).ok());
            // Reads inside the transaction see what it wrote.
            auto first = records.get(ids[0]);
            QVERIFY(first.ok());
            QCOMPARE(first->project, kOdd);
            auto second = records.get(ids[1]);
            QVERIFY(second.ok());
            QCOMPARE(second->project, QString());
            QCOMPARE(countOf(db, "SELECT count(*) FROM record_tier"), qint64(3));
            auto counted = usage.usageFor(3600, u.api, u.region, kOdd);
            QVERIFY(counted.ok());
            QCOMPARE(counted->size(), size_t(1));
            QCOMPARE(counted->front().calls, qint64(4));
            QVERIFY(tx.commit().ok());
        }
        QCOMPARE(ids[1], ids[0] + 1);
        QCOMPARE(ids[2], ids[0] + 2);

        // The seal of those rows matches them as stored.
        SealRepository seals(db);
        auto all = seals.all();
        QVERIFY(all.ok());
        QVERIFY(all->size() >= 2);
        RowSeal stored;
        QVERIFY(seals.digestStored((*all)[all->size() - 2], all->back(), stored).ok());
        QCOMPARE(stored.records.rows(), qint64(3));
        QCOMPARE(stored.tiers.rows(), qint64(3));
        QCOMPARE(stored.ledger.rows(), qint64(3));
        QCOMPARE(QString::fromLatin1(stored.records.hexResult()), all->back().recordsHash);
        QCOMPARE(QString::fromLatin1(stored.tiers.hexResult()), all->back().tiersHash);
        QCOMPARE(QString::fromLatin1(stored.ledger.hexResult()), all->back().ledgerHash);

        // The sequence moved by exactly the ids used: a row written the ordinary way gets the next one.
        Record after = usageRecord(9000, QStringLiteral("p"));
        QVERIFY(records.insert(after).ok());
        QCOMPARE(after.id, ids[2] + 1);
    }

    void idsDrawnWithoutTheLockFailTheCommand()
    {
        if (!test::onPostgres())
            QSKIP("PostgreSQL's id sequences; SQLite has one writer at a time");
        test::TestAccount acc;
        Database &db = acc.engine->database();
        auto other = db.openAnother();
        QVERIFY(other.ok());
        const qint64 before = countOf(db, "SELECT count(*) FROM record");
        {
            Transaction tx(db);
            QVERIFY(tx.started().ok());
            Record r = usageRecord(7200, QStringLiteral("p"));
            QVERIFY(RecordRepository(db).insert(r).ok());
            // A writer that ignores the account's lock takes the next id from the sequence.
            QSqlQuery q((*other)->connection());
            QVERIFY(q.exec(QStringLiteral("SELECT nextval(pg_get_serial_sequence('record', 'id'))")));
            const Status s = tx.commit();
            QVERIFY(!s.ok());
            QVERIFY2(s.error().message.contains(QLatin1String("record_id_seq")),
                     qPrintable(s.error().message));
        }
        QCOMPARE(countOf(db, "SELECT count(*) FROM record"), before);
    }
};

QTEST_GUILESS_MAIN(TestBulkWrite)
#include "tst_bulkwrite.moc"
