// Cost Center › Anomalies against a real account: newest first, the text filter, the causes of the
// selected anomaly and its daily cost with the baseline band.
#include "costcenter/anomaliespage.h"
#include "costcenter/anomalymodel.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/services.h"
#include "testaccount.h"
#include "widgets/itemroles.h"
#include "widgets/timeseriesplot.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
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
    QByteArray csv = "timestamp,api,region,status,count\n";
    for (int day = 0; day < 35; ++day) {
        const QDate date = QDate(2026, 10, 1).addDays(day);
        const bool weekend = date.dayOfWeek() >= 6;
        int calls = weekend ? 400 : 2000;
        if (date == QDate(2026, 10, 30))
            calls = 6000;
        if (date == QDate(2026, 11, 3))
            calls = 40;
        for (int hour = 9; hour < 19; ++hour)
            csv += date.toString(Qt::ISODate).toLatin1() + 'T' +
                   QByteArray::number(hour).rightJustified(2, '0') +
                   ":15:00+08:00,general-text,cn-north-4,200," + QByteArray::number(calls) + '\n';
    }
    acc.setNow("2026-11-05T00:00:00+08:00");
    QBuffer buf(&csv);
    buf.open(QIODevice::ReadOnly);
    QVERIFY(acc.engine->runThenCatchUp([&](Context &c) {
        return importCalls(c, buf, ImportOptions{QStringLiteral("t"), false});
    }));
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
};

QTEST_MAIN(TestAnomaliesPage)
#include "tst_anomaliespage.moc"
