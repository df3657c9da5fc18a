// Cost Center › Anomalies against a real account: newest first, the text filter, the causes of the
// selected anomaly and its daily cost with the baseline band.
#include "bills/recordfilterbar.h"
#include "bills/recordtablemodel.h"
#include "bills/transactionspage.h"
#include "costcenter/anomaliespage.h"
#include "costcenter/anomalycausemodel.h"
#include "costcenter/anomalymodel.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/services.h"
#include "ownertest.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "testaccount.h"
#include "widgets/itemroles.h"
#include "widgets/timeseriesplot.h"
#include "widgets/waterfallplot.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace billing;
using namespace billing::ui;
using billing::test::at;

namespace {
// Five weeks of general-text: weekdays 30.00, weekends 6.00; Friday 2026-10-30 at 90.00 and Tuesday
// 2026-11-03 at 0.60 (a rise and a drop).
void history(test::TestAccount &acc)
{
    QVERIFY(acc.run([](Context &c) {
        return services::setEnabled(c, QStringLiteral("general-text"), QStringLiteral("cn-north-4"), true);
    }));
    QVERIFY(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(100000)); }));
    acc.setNow("2026-11-05T00:00:00+08:00");
    QVERIFY(test::ok(test::importCsv(acc, test::anomalyHistoryCsv())));
}

// 4,000 calls of 23:00 on Tuesday 2026-11-03 (6.00) arrive late, settled at 01:00 on 11-05.
void lateUsage(test::TestAccount &acc)
{
    acc.setNow("2026-11-05T00:30:00+08:00");
    QByteArray csv = "timestamp,api,region,status,count\n"
                     "2026-11-03T23:40:00+08:00,general-text,cn-north-4,200,4000\n";
    QBuffer buf(&csv);
    buf.open(QIODevice::ReadOnly);
    auto r = acc.engine->runThenCatchUp([&](Context &c) {
        return importCalls(c, buf, ImportOptions{QStringLiteral("late"), true});
    });
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    acc.setNow("2026-11-05T01:00:00+08:00");
}
// The console on an account, shown, with the Anomalies page open once it lists `rows` anomalies.
struct Console
{
    QTemporaryDir dir;
    ConsoleSettings settings{dir.filePath(QStringLiteral("console.ini"))};
    MainWindow w;
    explicit Console(Engine &engine) : w(engine, settings)
    {
        w.resize(1300, 900);
        w.show();
    }
    AnomaliesPage *anomalies() { return qobject_cast<AnomaliesPage *>(w.page(PageId::Anomalies)); }
    TransactionsPage *transactions()
    {
        return qobject_cast<TransactionsPage *>(w.page(PageId::Transactions));
    }
};

// How many records the Transactions page lists and the sum of their charged amounts.
std::pair<int, Money> listed(const TransactionsPage *transactions)
{
    Money sum;
    for (int row = 0; row < transactions->model()->rowCount(); ++row)
        sum += transactions->model()->record(row).charged;
    return {transactions->model()->rowCount(), sum};
}
} // namespace

class TestAnomaliesPage : public QObject
{
    Q_OBJECT

private slots:
    void listsFiltersAndCharts()
    {
        test::TestAccount acc("2026-10-01T00:00:00+08:00");
        history(acc);
        AnomaliesPage page(*acc.engine, nullptr);
        QAbstractItemModelTester tester(page.model());
        page.resize(1000, 700);
        page.refresh();
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));

        QCOMPARE(page.proxy()->rowCount(), 2);
        // Newest first: the drop of 2026-11-03, then the rise of 2026-10-30.
        const QModelIndex first = page.proxy()->index(0, AnomalyModel::MainCause);
        QCOMPARE(first.data().toString(), QStringLiteral("Drop: volume"));
        QCOMPARE(page.proxy()->index(1, AnomalyModel::MainCause).data().toString(),
                 QStringLiteral("Rise: volume"));
        QCOMPARE(page.proxy()->index(1, AnomalyModel::Cost).data(MoneyRole).toLongLong(),
                 Money::fromCents(9000).units());
        QCOMPARE(page.proxy()->index(1, AnomalyModel::Baseline).data(MoneyRole).toLongLong(),
                 Money::fromCents(3000).units());

        // The first row is selected: its causes and its series (six weeks before, one after; the days
        // after now are not there yet) with the band where four weeks of history exist.
        QVERIFY(page.explanation()->text().contains(QStringLiteral("volume -29.40000000")));
        QVERIFY(page.plot()->seriesCount() == 1);
        QVERIFY(page.plot()->hasBand());
        QCOMPARE(page.plot()->pointCount(), 35 - 0); // 2026-10-01 … 2026-11-04

        // Select the rise with the keyboard.
        page.table()->setFocus();
        QTest::keyClick(page.table(), Qt::Key_Down);
        QVERIFY(page.explanation()->text().contains(QStringLiteral("volume 60.00000000")));
        QVERIFY(page.explanation()->text().contains(QStringLiteral("2026-10-02")));

        // The filter matches any column.
        QTest::keyClicks(page.filterEdit(), QStringLiteral("rise"));
        QCOMPARE(page.proxy()->rowCount(), 1);
        page.filterEdit()->clear();
        QTest::keyClicks(page.filterEdit(), QStringLiteral("id-card"));
        QCOMPARE(page.proxy()->rowCount(), 0);
        page.filterEdit()->clear();
        QCOMPARE(page.proxy()->rowCount(), 2);

        const QString shot = qEnvironmentVariable("ANOMALIES_SCREENSHOT");
        if (!shot.isEmpty())
            page.grab().save(shot);
    }

    // "Show records…" (and Enter on a row) opens Bills › Transactions filtered to the anomaly's day, API,
    // region and project; the usage records listed sum to the anomaly's cost.
    void drillsToTheTransactionRecords()
    {
        test::TestAccount acc("2026-10-01T00:00:00+08:00");
        history(acc);
        Console console(*acc.engine);
        MainWindow &w = console.w;
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showPage(PageId::Anomalies);
        AnomaliesPage *page = console.anomalies();
        QVERIFY(page);
        QTRY_COMPARE(page->proxy()->rowCount(), 2);
        TransactionsPage *transactions = console.transactions();
        QVERIFY(transactions);

        const auto sumListed = [&] { return listed(transactions).second; };

        // The rise of 2026-10-30 (second row, newest first), with the button.
        page->table()->selectRow(1);
        const Anomaly rise =
            page->model()->anomaly(page->proxy()->mapToSource(page->proxy()->index(1, 0)).row());
        QVERIFY(page->recordsButton()->isEnabled());
        QTest::mouseClick(page->recordsButton(), Qt::LeftButton);
        QCOMPARE(w.currentPage(), PageId::Transactions);
        RecordFilterBar *bar = transactions->filterBar();
        QCOMPARE(bar->fromEdit()->date(), QDate(2026, 10, 30));
        QCOMPARE(bar->toEdit()->date(), QDate(2026, 10, 30));
        QCOMPARE(bar->apiBox()->currentData().toString(), QStringLiteral("general-text"));
        QCOMPARE(bar->regionBox()->currentData().toString(), QStringLiteral("cn-north-4"));
        QCOMPARE(bar->projectBox()->currentData().toString(), rise.project);
        const RecordFilter f = bar->filter();
        QCOMPARE(f.project, rise.project);
        QCOMPARE(f.type, std::optional<Record::Type>(Record::Type::Usage));
        QVERIFY(!f.from && !f.to); // by the time of use, not the record's time
        QCOMPARE(f.usedFrom, std::optional<Instant>(rise.day));
        QCOMPARE(f.usedTo, std::optional<Instant>(rise.day + kMicrosPerDay));
        QVERIFY(!f.late);
        QCOMPARE(bar->datesByBox()->currentData().toString(), QStringLiteral("use"));
        QTRY_VERIFY(!transactions->isLoading());
        QCOMPARE(sumListed(), rise.cost);
        QCOMPARE(rise.cost, Money::fromCents(9000));
        QCOMPARE(transactions->model()->rowCount(), 10); // one settlement line per hour

        const QString shot = qEnvironmentVariable("DRILL_SCREENSHOT");
        if (!shot.isEmpty())
            w.grab().save(shot);

        // The drop of 2026-11-03 with Enter on its row.
        w.showPage(PageId::Anomalies);
        page->table()->setFocus();
        page->table()->selectRow(0);
        const Anomaly drop =
            page->model()->anomaly(page->proxy()->mapToSource(page->proxy()->index(0, 0)).row());
        QTest::keyClick(page->table(), Qt::Key_Return);
        QCOMPARE(w.currentPage(), PageId::Transactions);
        QCOMPARE(bar->fromEdit()->date(), QDate(2026, 11, 3));
        QTRY_VERIFY(!transactions->isLoading());
        QCOMPARE(sumListed(), drop.cost);
        QCOMPARE(drop.cost, Money::fromCents(60));
    }

    // The waterfall of the drop of 2026-11-03 (now 0.60 on time and 6.00 late): a click on a bar, or
    // Enter on a causes row, opens Transactions with the records behind that step.
    void drillsFromEachCause()
    {
        test::TestAccount acc("2026-10-01T00:00:00+08:00");
        history(acc);
        lateUsage(acc);
        Console console(*acc.engine);
        MainWindow &w = console.w;
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showPage(PageId::Anomalies);
        AnomaliesPage *page = console.anomalies();
        QVERIFY(page);
        QTRY_COMPARE(page->proxy()->rowCount(), 2);
        page->table()->selectRow(0); // newest first: the drop
        const Anomaly drop = *page->causeModel()->anomaly();
        QCOMPARE(drop.day, at("2026-11-03T00:00:00+08:00"));
        QCOMPARE(drop.cost, Money::fromCents(660));
        QCOMPARE(drop.causes.lateUsage, Money::fromCents(600));
        QCOMPARE(drop.causes.sum(), drop.difference);

        // Seven bars: the reference day, volume, package coverage, tier, late usage, price, the day.
        WaterfallPlot *plot = page->waterfall();
        QCOMPARE(plot->barCount(), 7);
        QVERIFY(plot->bar(0).total && plot->bar(6).total);
        QCOMPARE(plot->bar(4).id, QStringLiteral("late_usage"));
        QCOMPARE(plot->bar(4).text, QStringLiteral("+6.00"));
        QCOMPARE(plot->bar(6).text, QStringLiteral("6.60"));
        QVERIFY(plot->bar(1).value < 0); // volume fell
        QCOMPARE(plot->barColor(1), stateChipColors(AccountState::Normal, plot->palette()).text);
        QCOMPARE(plot->barColor(4), negativeMoneyColor(plot->palette()));
        QCOMPARE(plot->barRange(2).first, plot->barRange(2).second); // package coverage: zero, a line
        QCOMPARE(page->causeModel()->rowCount(), 7);

        TransactionsPage *transactions = console.transactions();
        QVERIFY(transactions);

        // A click on the late usage bar: the late line of 23:00, written on 11-05.
        QTest::mouseClick(plot->canvas(), Qt::LeftButton, {}, plot->barCentre(4));
        QCOMPARE(w.currentPage(), PageId::Transactions);
        RecordFilterBar *bar = transactions->filterBar();
        QCOMPARE(bar->fromEdit()->date(), QDate(2026, 11, 3));
        QCOMPARE(bar->toEdit()->date(), QDate(2026, 11, 3));
        QCOMPARE(bar->datesByBox()->currentData().toString(), QStringLiteral("use"));
        QCOMPARE(bar->timingBox()->currentData().toString(), QStringLiteral("late"));
        QTRY_VERIFY(!transactions->isLoading());
        QCOMPARE(listed(transactions), std::make_pair(1, Money::fromCents(600)));
        const Record late = transactions->model()->record(0);
        QVERIFY(late.late);
        QCOMPARE(late.expenditureAt, at("2026-11-03T23:00:00+08:00"));
        QCOMPARE(late.at, at("2026-11-05T01:00:00+08:00"));
        test::shot(&w, "page-anomalies-late-usage-records");

        // Enter on the volume row of the causes table: the day's ten hours billed on time.
        w.showPage(PageId::Anomalies);
        page->causeTable()->setFocus();
        page->causeTable()->setCurrentIndex(page->causeModel()->index(1, 0));
        QTest::keyClick(page->causeTable(), Qt::Key_Return);
        QCOMPARE(w.currentPage(), PageId::Transactions);
        QCOMPARE(bar->timingBox()->currentData().toString(), QStringLiteral("on-time"));
        QTRY_VERIFY(!transactions->isLoading());
        QCOMPARE(listed(transactions), std::make_pair(10, Money::fromCents(60)));

        // The day's bar: every line of its cost; the reference day's bar: that day's.
        w.showPage(PageId::Anomalies);
        QTest::mouseClick(plot->canvas(), Qt::LeftButton, {}, plot->barCentre(6));
        QTRY_VERIFY(!transactions->isLoading());
        QCOMPARE(listed(transactions), std::make_pair(11, drop.cost));
        w.showPage(PageId::Anomalies);
        QTest::mouseClick(plot->canvas(), Qt::LeftButton, {}, plot->barCentre(0));
        QCOMPARE(bar->fromEdit()->date(), QDate(2026, 10, 6));
        QTRY_VERIFY(!transactions->isLoading());
        QCOMPARE(listed(transactions), std::make_pair(10, drop.referenceCost));

        w.showPage(PageId::Anomalies);
        test::shot(&w, "page-anomalies");
    }
};

QTEST_MAIN(TestAnomaliesPage)
#include "tst_anomaliespage.moc"
