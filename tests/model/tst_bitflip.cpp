// The bit-flip sweep of issue #19: a generated account, every page of the transaction records, tier rows and
// ledger (and of their indexes) damaged in turn by one bit near the end of the page, on a copy; verify must
// report every flip that changes a row, an index or a page header. A flip in free space changes nothing
// and may pass: that is told apart by a dump of the tables and SQLite's integrity check.
#include "engine/accountstatus.h"
#include "engine/engine.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "engine/verifier.h"
#include "testaccount.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace billing;

namespace {
const char *const kTables[] = {"record", "record_tier", "ledger"};

// Runs fn on a read-only plain SQLite connection to `path` (no billing code in between).
template <typename F> auto withConnection(const QString &path, F &&fn)
{
    const QString name = QStringLiteral("bitflip-raw");
    decltype(fn(std::declval<QSqlDatabase &>())) out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open())
            out = fn(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

// The tables' rows in key order and SQLite's integrity check: what a flip may have changed. A query that
// fails is part of the dump (the damage shows as an error).
QString dump(const QString &path)
{
    return withConnection(path, [](QSqlDatabase &db) {
        QString out;
        QSqlQuery q(db);
        for (const char *table : kTables) {
            const QString order = qstrcmp(table, "record_tier") == 0
                                      ? QStringLiteral("record_id, first_position")
                                      : QStringLiteral("id");
            if (!q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY %2").arg(QLatin1String(table), order))) {
                out += q.lastError().text() + u'\n';
                continue;
            }
            const int columns = q.record().count();
            while (q.next()) {
                for (int i = 0; i < columns; ++i)
                    out += q.value(i).toString() + u'|' + QString::fromLatin1(q.value(i).typeName()) + u';';
                out += u'\n';
            }
            if (q.lastError().isValid())
                out += q.lastError().text() + u'\n';
        }
        if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
            out += q.lastError().text();
        while (q.next())
            out += q.value(0).toString() + u'\n';
        return out;
    });
}
} // namespace

class TestBitFlip : public QObject
{
    Q_OBJECT
    static constexpr const char *kEnd = "2026-09-04T02:00:00+08:00";
    std::unique_ptr<test::TestAccount> m_account;

    // Three days of pay-per-use calls of several APIs, regions and projects (crossing a tier), a package
    // that takes some of them, top-ups: a few hundred records, tier rows and ledger entries over several
    // pages each, settled by several commands (several seals).
    QString buildAccount()
    {
        m_account = std::make_unique<test::TestAccount>("2026-09-01T00:00:00+08:00");
        test::TestAccount &acc = *m_account;
        const QStringList apis{QStringLiteral("general-text"), QStringLiteral("id-card")};
        const QStringList regions{QStringLiteral("cn-north-4"), QStringLiteral("cn-east-3")};
        for (const QString &a : apis)
            for (const QString &r : regions)
                if (!acc.run([&](Context &c) { return services::setEnabled(c, a, r, true); }).ok())
                    qFatal("enable failed");
        if (!acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(100000000)); }).ok())
            qFatal("top-up failed");
        packages::BuyRequest buy;
        buy.api = apis[0];
        buy.region = regions[0];
        buy.sku = QStringLiteral("100k");
        if (!acc.run([&](Context &c) { return packages::buy(c, buy); }).ok())
            qFatal("buy failed");
        const char *days[] = {"2026-09-01", "2026-09-02", "2026-09-03"};
        int n = 0;
        for (const char *day : days) {
            QByteArray csv("timestamp,api,region,status,count,enterprise_project\n");
            for (int hour = 0; hour < 24; ++hour)
                for (const QString &a : apis)
                    for (const QString &r : regions)
                        for (int p = 0; p < 3; ++p)
                            csv += QStringLiteral("%1T%2:15:00+08:00,%3,%4,200,%5,project-%6\n")
                                       .arg(QLatin1String(day))
                                       .arg(hour, 2, 10, QLatin1Char('0'))
                                       .arg(a, r)
                                       .arg(400 + (++n * 7919) % 30000)
                                       .arg(p)
                                       .toUtf8();
            QBuffer buf(&csv);
            buf.open(QIODevice::ReadOnly);
            acc.setNow((QByteArray(day) + "T23:59:00+08:00").constData());
            auto imported =
                acc.engine->runThenCatchUp([&](Context &c) { return importCalls(c, buf, ImportOptions{}); });
            if (!imported)
                qFatal("import failed: %s", qPrintable(imported.error().message));
        }
        acc.setNow(kEnd);
        if (!acc.run([](Context &c) { return accountStatus(c); }).ok())
            qFatal("status failed");
        acc.engine.reset(); // closed: SQLite checkpoints its log into the file
        return acc.path;
    }

private slots:
    void everyFlipThatChangesContentIsReported()
    {
        if (test::onPostgres())
            QSKIP("pages and bits are SQLite's");
        QElapsedTimer total;
        total.start();
        QTemporaryDir dir;
        const QString original = buildAccount();
        const Instant now = test::at(kEnd);
        QVERIFY(!QFile::exists(original + QStringLiteral("-wal")) ||
                QFile(original + QStringLiteral("-wal")).size() == 0);

        FixedClock clock(now);
        const QString copy = dir.filePath(QStringLiteral("copy.sqlite"));
        // Engine::open fails (with the damage as its error) or verify reports findings.
        auto verify = [&](const QString &path) -> QStringList {
            auto engine = Engine::open(path, clock);
            if (!engine)
                return {engine.error().message};
            auto ctx = (*engine)->inspect();
            if (!ctx)
                return {ctx.error().message};
            auto findings = verifyAccount(**ctx);
            return findings ? *findings : QStringList{findings.error().message};
        };
        QCOMPARE(verify(original), QStringList());

        QFile in(original);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        in.close();
        struct Page
        {
            QString object;
            qint64 number;
        };
        const auto [pageSize, pages] = withConnection(original, [](QSqlDatabase &db) {
            std::pair<qint64, std::vector<Page>> out{0, {}};
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA page_size")) && q.next())
                out.first = q.value(0).toLongLong();
            if (!q.exec(QStringLiteral(
                    "SELECT name, pageno FROM dbstat WHERE name IN (SELECT name FROM sqlite_schema WHERE "
                    "tbl_name IN ('record', 'record_tier', 'ledger')) ORDER BY pageno")))
                qFatal("dbstat: %s", qPrintable(q.lastError().text()));
            while (q.next())
                out.second.push_back({q.value(0).toString(), q.value(1).toLongLong()});
            return out;
        });
        QVERIFY(pageSize > 0);
        QVERIFY2(pages.size() >= 10, qPrintable(QString::number(pages.size())));
        const QString baseline = dump(original);

        QElapsedTimer timer;
        timer.start();
        int changed = 0;
        QStringList missed;
        int flips = 0;
        for (const Page &page : pages) {
            const qint64 start = (page.number - 1) * pageSize;
            // One bit near the end of the page, where SQLite keeps the cell contents it wrote first, and
            // one in the page header (the low byte of its cell count).
            const qint64 places[] = {start + pageSize - 1 - (page.number % 16), start + 4};
            for (qint64 at : places) {
                QByteArray damaged = bytes;
                damaged[at] = char(damaged[at] ^ (1 << (page.number % 8)));
                for (const char *suffix : {"", "-wal", "-shm"})
                    QFile::remove(copy + QLatin1String(suffix));
                QFile out(copy);
                QVERIFY(out.open(QIODevice::WriteOnly));
                out.write(damaged);
                out.close();
                ++flips;
                if (dump(copy) == baseline)
                    continue; // free space or a byte no reader looks at: nothing to report
                ++changed;
                if (verify(copy).isEmpty())
                    missed
                        << QStringLiteral("page %1 (%2), byte %3").arg(page.number).arg(page.object).arg(at);
            }
        }
        qInfo("%d pages, %d flips, %d changed content, sweep %lld ms, all %lld ms", int(pages.size()), flips,
              changed, timer.elapsed(), total.elapsed());
        QVERIFY(changed > 0);
        QVERIFY2(missed.isEmpty(), qPrintable(QStringLiteral("verify missed %1 of %2 flips that changed "
                                                             "content: ")
                                                  .arg(missed.size())
                                                  .arg(changed) +
                                              missed.join(QStringLiteral("; "))));
    }
};

QTEST_GUILESS_MAIN(TestBitFlip)
#include "tst_bitflip.moc"
