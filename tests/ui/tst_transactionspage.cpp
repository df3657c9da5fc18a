// The Transactions page: filters, search by id, sorting and lazy fetching in pages off the GUI thread
// over thousands of records, charges-only totals, the CSV export, and imports (a report of every
// refused line; a cancelled import leaves the database exactly as it was).
#include "bills/importdialog.h"
#include "bills/importjob.h"
#include "bills/recordfilterbar.h"
#include "bills/recordloader.h"
#include "bills/recordtablemodel.h"
#include "bills/recordtotalsmodel.h"
#include "bills/transactionspage.h"
#include "financeaccount.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateEdit>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#include <set>

using namespace billing;
using namespace billing::ui;

namespace {
// An observer that cancels the import once it has read more than half of the file.
class CancelHalfway : public ImportObserver
{
public:
    explicit CancelHalfway(qint64 size) : m_size(size) {}
    void progress(qint64 bytesDone) override
    {
        ++calls;
        if (bytesDone * 2 > m_size)
            m_cancel = true;
    }
    bool isCancelled() const override { return m_cancel; }
    int calls = 0;

private:
    qint64 m_size;
    bool m_cancel = false;
};

QString writeBigFile(const QString &path, int lines)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QByteArray text = "timestamp,api,region,status,enterprise_project,request_id\n";
    for (int i = 0; i < lines; ++i)
        text += QStringLiteral(
                    "2026-09-22T%1:%2:%3+08:00,general-text,cn-north-4,%4,bulk,req-%5-padding-padding\n")
                    .arg(20, 2, 10, QLatin1Char('0'))
                    .arg(i / 6000 % 60, 2, 10, QLatin1Char('0'))
                    .arg(i / 100 % 60, 2, 10, QLatin1Char('0'))
                    .arg(i % 50 == 0 ? 500 : 200)
                    .arg(i)
                    .toLatin1();
    f.write(text);
    return path;
}
} // namespace

class TestTransactionsPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestAccount> m_account;
    QTemporaryDir m_dir;
    static constexpr int Hours = 1250; // × 4 projects = 5,000 usage records

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_account = std::make_unique<test::TestAccount>("2026-08-01T00:00:00+08:00");
        test::check(m_account->run([](Context &c) { return funds::topUp(c, Money::fromCents(100000)); }),
                    "top-up");
        test::check(m_account->run([](Context &c) {
            return services::setEnabled(c, QStringLiteral("general-text"), QStringLiteral("cn-north-4"),
                                        true);
        }),
                    "enable");
        QByteArray csv = "timestamp,api,region,status,count,enterprise_project\n";
        const BillingCalendar cal(8 * 3600);
        const Instant start = test::at("2026-08-01T01:00:00+08:00");
        const char *projects[] = {"web", "mobile", "kyc", "finance"};
        for (int h = 0; h < Hours; ++h)
            for (int p = 0; p < 4; ++p)
                csv += QStringLiteral("%1,general-text,cn-north-4,200,%2,%3\n")
                           .arg(cal.format(start + h * kMicrosPerHour + p * kMicrosPerMinute))
                           .arg(10 + (h * 7 + p) % 90)
                           .arg(QLatin1String(projects[p]))
                           .toLatin1();
        m_account->setNow("2026-09-22T08:00:00+08:00");
        test::check(test::importCsv(*m_account, csv), "import");
        test::check(m_account->run([](Context &c) { return funds::topUp(c, Money::fromCents(1234)); }),
                    "top-up 2");
    }

    void fetchesLazilyInPagesOffTheGuiThread()
    {
        TransactionsPage page(*m_account->engine, nullptr);
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester totalsTester(page.totals(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1200, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QSignalSpy loaded(&page, &TransactionsPage::loaded);
        page.refresh();
        QVERIFY(page.isLoading()); // refresh() returned while the query still runs
        QTRY_VERIFY(!page.isLoading());
        QVERIFY(page.model()->rowCount() <= RecordLoader::PageSize + RecordLoader::PageSize);
        QCOMPARE(page.model()->totalCount(), qint64(Hours * 4 + 2));
        QCOMPARE(page.totals()->totals().chargeRecords, qint64(Hours * 4));
        QCOMPARE(page.totals()->totals().creditRecords, qint64(2));
        QVERIFY(page.creditsText().contains(QStringLiteral("2 credit(s)")));
        QVERIFY(page.creditsText().contains(QStringLiteral("1,012.34 USD")));
        // The charges' total equals the bills of the months it covers.
        const Money billed = test::billOf(*m_account, "2026-08").totals.charged +
                             test::billOf(*m_account, "2026-09").totals.charged;
        QCOMPARE(page.totals()->totals().charged, billed);

        // Scrolling to the end fetches the next pages until every record is there, newest first.
        while (page.model()->rowCount() < page.model()->totalCount()) {
            const int before = page.model()->rowCount();
            page.table()->scrollToBottom();
            QTRY_VERIFY(page.model()->rowCount() > before);
        }
        QCOMPARE(page.model()->rowCount(), Hours * 4 + 2);
        std::set<qint64> ids;
        for (int r = 0; r < page.model()->rowCount(); ++r) {
            ids.insert(page.model()->record(r).id);
            if (r > 0)
                QVERIFY(page.model()->record(r - 1).at >= page.model()->record(r).at);
        }
        QCOMPARE(int(ids.size()), Hours * 4 + 2);
        QVERIFY(page.countText().contains(QStringLiteral("5,002 of 5,002")));
    }

    void filtersSearchesAndSorts()
    {
        TransactionsPage page(*m_account->engine, nullptr);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.refresh();
        QTRY_VERIFY(!page.isLoading());
        RecordFilterBar *bar = page.filterBar();

        // Project.
        bar->projectBox()->setCurrentIndex(bar->projectBox()->findData(QStringLiteral("kyc")));
        QTRY_VERIFY(!page.isLoading());
        QCOMPARE(page.model()->totalCount(), qint64(Hours));
        for (const Record &r : page.model()->records())
            QCOMPARE(r.project, QStringLiteral("kyc"));

        // Type top-up (the project filter reset first).
        bar->reset();
        QTRY_VERIFY(!page.isLoading());
        bar->typeBox()->setCurrentIndex(bar->typeBox()->findData(recordTypeId(Record::Type::TopUp)));
        QTRY_VERIFY(!page.isLoading());
        QCOMPARE(page.model()->totalCount(), qint64(2));
        QCOMPARE(page.totals()->totals().chargeRecords, qint64(0));

        // Time range: one day of August.
        bar->reset();
        bar->fromEdit()->setDate(QDate(2026, 8, 10));
        bar->toEdit()->setDate(QDate(2026, 8, 10));
        QTRY_VERIFY(!page.isLoading());
        QCOMPARE(page.model()->totalCount(), qint64(24 * 4)); // settled at the end of each hour of that day

        // Search by id.
        bar->reset();
        QTRY_VERIFY(!page.isLoading());
        const qint64 id = page.model()->record(17).id;
        bar->idSearch()->setFocus();
        QTest::keyClicks(bar->idSearch(), QString::number(id));
        QTest::keyClick(bar->idSearch(), Qt::Key_Return);
        QTRY_VERIFY(!page.isLoading());
        QCOMPARE(page.model()->rowCount(), 1);
        QCOMPARE(page.model()->record(0).id, id);

        // Sorting by the amount charged, in the database, both ways.
        bar->idSearch()->clear();
        QTRY_VERIFY(!page.isLoading());
        QTRY_COMPARE(page.model()->totalCount(), qint64(Hours * 4 + 2));
        page.table()->sortByColumn(RecordTableModel::Calls, Qt::AscendingOrder);
        QTRY_VERIFY(!page.isLoading());
        QCOMPARE(page.loader()->filter().sort, RecordSort::Calls);
        for (int r = 1; r < page.model()->rowCount(); ++r)
            QVERIFY(page.model()->record(r - 1).calls <= page.model()->record(r).calls);
        page.table()->sortByColumn(RecordTableModel::Charged, Qt::DescendingOrder);
        QTRY_VERIFY(!page.isLoading());
        for (int r = 1; r < page.model()->rowCount(); ++r)
            QVERIFY(page.model()->record(r - 1).charged >= page.model()->record(r).charged);
    }

    void exportsTheFilteredRecordsAsCsv()
    {
        TransactionsPage page(*m_account->engine, nullptr);
        page.refresh();
        QTRY_VERIFY(!page.isLoading());
        page.filterBar()->projectBox()->setCurrentIndex(
            page.filterBar()->projectBox()->findData(QStringLiteral("web")));
        QTRY_VERIFY(!page.isLoading());
        const QString path = m_dir.filePath(QStringLiteral("web.csv"));
        QSignalSpy done(&page, &TransactionsPage::exportFinished);
        page.exportCsv(path);
        QVERIFY(done.wait(30000));
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList rows =
            QString::fromUtf8(f.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(rows.first().section(u',', 0, 2), QStringLiteral("id,type,time"));
        QCOMPARE(rows.size(), Hours + 1);
        Money charged, fee;
        for (int i = 1; i < rows.size(); ++i) {
            const QStringList c = rows[i].split(u',');
            QCOMPARE(c[7], QStringLiteral("web"));
            charged += *Money::parse(c[12]);
            fee += *Money::parse(c[11]);
        }
        QCOMPARE(charged, page.totals()->totals().charged);
        QCOMPARE(fee, page.totals()->totals().fee);
    }

    void listsEveryRefusedLine()
    {
        const QString path = m_dir.filePath(QStringLiteral("bad.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("timestamp,api,region,status\n"
                "2026-09-22T07:10:00+08:00,general-text,cn-north-4,200\n"
                "2026-09-22T07:11:00+08:00,no-such-api,cn-north-4,200\n"
                "2026-09-22T07:12:00+08:00,general-text,eu-west-9,200\n"
                "not a time,general-text,cn-north-4,200\n"
                "2026-09-22T07:13:00+08:00,general-text,cn-north-4,200,extra\n");
        f.close();
        const QString before = test::dumpState(m_account->engine->database());
        TransactionsPage page(*m_account->engine, nullptr);
        ImportDialog *dialog = page.openImport();
        dialog->setPath(path);
        QSignalSpy finished(dialog, &ImportDialog::finished);
        QPushButton *importButton = nullptr;
        for (QPushButton *b : dialog->findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("&Import"))
                importButton = b;
        QVERIFY(importButton);
        QTest::mouseClick(importButton, Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QVERIFY(!dialog->outcome().summary);
        QTableWidget *problems = dialog->problems();
        // Line 2 is good but late (its hour was settled at 08:00); 3 to 6 are malformed.
        QCOMPARE(problems->rowCount(), 5);
        QCOMPARE(problems->item(0, 0)->text(), QStringLiteral("2"));
        QVERIFY(problems->item(0, 2)->text().startsWith(QStringLiteral("late")));
        QCOMPARE(problems->item(1, 0)->text(), QStringLiteral("3"));
        QCOMPARE(problems->item(1, 1)->text(), QStringLiteral("2 (api)"));
        QVERIFY(problems->item(1, 2)->text().contains(QStringLiteral("no-such-api")));
        QCOMPARE(problems->item(2, 1)->text(), QStringLiteral("3 (region)"));
        QCOMPARE(problems->item(3, 0)->text(), QStringLiteral("5"));
        QCOMPARE(problems->item(4, 0)->text(), QStringLiteral("6"));
        QVERIFY(dialog->resultText().contains(QStringLiteral("Nothing was imported")));
        const QString report = m_dir.filePath(QStringLiteral("report.txt"));
        QVERIFY(dialog->saveReport(report).ok());
        QFile r(report);
        QVERIFY(r.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(r.readAll());
        QVERIFY(text.contains(QStringLiteral("3\t2 (api)\t")));
        QVERIFY(text.contains(QStringLiteral("6\t")));
        QCOMPARE(test::dumpState(m_account->engine->database()), before);
    }

    void cancelledImportChangesNothing()
    {
        const QString path = writeBigFile(m_dir.filePath(QStringLiteral("big.csv")), 60000);
        QVERIFY(!path.isEmpty());
        const qint64 size = QFileInfo(path).size();
        QVERIFY(size > 4 * (1 << 20)); // progress comes every MiB: several chances to cancel
        m_account->setNow("2026-09-22T20:00:00+08:00");
        test::check(m_account->run([](Context &) -> Status { return {}; }), "catch up");
        m_account->setNow("2026-09-22T20:59:00+08:00"); // the file's hour is not settled yet
        const QString before = test::dumpState(m_account->engine->database());

        // Through the job the console runs, with an observer that cancels halfway.
        CancelHalfway observer(size);
        const ImportOutcome out =
            runImport(m_account->path, m_account->clock, path, ImportOptions{}, &observer);
        QVERIFY(out.cancelled);
        QVERIFY(!out.summary);
        QVERIFY(observer.calls >= 2);
        QCOMPARE(test::dumpState(m_account->engine->database()), before);

        // Through the dialog: Cancel right after Import.
        TransactionsPage page(*m_account->engine, nullptr);
        ImportDialog *dialog = page.openImport();
        dialog->setPath(path);
        QSignalSpy finished(dialog, &ImportDialog::finished);
        dialog->start();
        QVERIFY(dialog->isRunning());
        dialog->cancel();
        QVERIFY(finished.wait(60000));
        QVERIFY(dialog->outcome().cancelled);
        QVERIFY(dialog->resultText().contains(QStringLiteral("cancelled; nothing was imported")));
        QCOMPARE(test::dumpState(m_account->engine->database()), before);

        // And the same file imports in full when nobody cancels.
        dialog->start();
        QVERIFY(finished.wait(60000));
        QVERIFY(dialog->outcome().summary);
        QCOMPARE(dialog->outcome().summary->records, qint64(60000));
        QVERIFY(test::dumpState(m_account->engine->database()) != before);
    }
};

QTEST_MAIN(TestTransactionsPage)
#include "tst_transactionspage.moc"
