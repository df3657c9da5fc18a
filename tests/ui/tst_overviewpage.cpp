// The overview: the account's figures at once, the spending figures from a worker thread (P4), never
// stale: the tile says it is loading until the figures of the latest refresh are in, and those equal
// the cash view of cost analysis.
#include "analysis/costanalysis.h"
#include "overview/overviewpage.h"
#include "ownertest.h"
#include "widgets/figure.h"
#include "widgets/format.h"

#include <QSignalSpy>

using namespace billing;
using namespace billing::ui;

class TestOverviewPage : public QObject
{
    Q_OBJECT

private:
    static Money cash(test::TestAccount &acc, const char *from, const char *to)
    {
        CostQuery q;
        q.from = test::at(from);
        q.to = test::at(to);
        q.granularity = CostQuery::Month;
        auto r = acc.run([&](Context &c) { return analyzeCost(c, q); });
        return r ? r->total : Money::fromCents(-1);
    }
    static FigureButton *spendTile(OverviewPage &page)
    {
        return page.findChild<FigureButton *>(QStringLiteral("spendTile"));
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void spendingIsLoadedOffTheGuiThreadAndEqualsTheCashView()
    {
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QVERIFY(test::topUp(acc, "500"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        acc.setNow("2026-10-20T12:00:00+08:00");
        QVERIFY(
            test::ok(test::importCsv(acc, "timestamp,api,region,status,count\n"
                                          "2026-10-03T10:10:00+08:00,general-text,cn-north-4,200,3000\n"
                                          "2026-10-19T10:10:00+08:00,general-text,cn-north-4,200,9000\n")));
        acc.setNow("2026-11-18T12:00:00+08:00");
        QVERIFY(
            test::ok(test::importCsv(acc, "timestamp,api,region,status,count\n"
                                          "2026-11-02T09:00:00+08:00,general-text,cn-north-4,200,2000\n")));
        acc.setNow("2026-11-18T12:30:00+08:00");

        OverviewPage page(*acc.engine, nullptr);
        page.show();
        QSignalSpy loaded(&page, &OverviewPage::figuresLoaded);
        page.refresh();
        // The frame and the account's figures are there at once; the spending says it is loading,
        // to screen readers too.
        QVERIFY(page.isBusy());
        QCOMPARE(page.spendText(), QStringLiteral("Loading\u2026"));
        QVERIFY(spendTile(page)->accessibleDescription().startsWith(QStringLiteral("Loading\u2026")));
        QVERIFY(
            page.findChild<FigureButton *>(QStringLiteral("balanceTile"))->figure()->value().contains(u'4'));
        page.resize(1100, 700);
        test::shot(&page, "overview-loading");
        QVERIFY(loaded.wait(10000));
        QVERIFY(!page.isBusy());
        test::shot(&page, "overview-loaded");
        // This month up to the last settled hour; last month up to the same day and hour (the call
        // of 19 October is after it).
        const Money now = cash(acc, "2026-11-01T00:00:00+08:00", "2026-11-18T12:00:00+08:00");
        const Money before = cash(acc, "2026-10-01T00:00:00+08:00", "2026-10-18T12:00:00+08:00");
        QCOMPARE(now, test::money("3.00"));
        QCOMPARE(before, test::money("4.50"));
        QCOMPARE(page.spendText(), formatMoney(now));
        QVERIFY2(spendTile(page)->accessibleDescription().contains(formatMoney(before)),
                 qPrintable(spendTile(page)->accessibleDescription()));
    }

    void aRefreshWhileLoadingShowsOnlyTheNewestFigures()
    {
        test::TestAccount acc("2026-11-01T08:00:00+08:00");
        QVERIFY(test::topUp(acc, "500"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        acc.setNow("2026-11-05T08:30:00+08:00");
        OverviewPage page(*acc.engine, nullptr);
        page.show();
        QSignalSpy loaded(&page, &OverviewPage::figuresLoaded);
        page.refresh();
        acc.setNow("2026-11-05T12:00:00+08:00");
        QVERIFY(
            test::ok(test::importCsv(acc, "timestamp,api,region,status,count\n"
                                          "2026-11-05T09:00:00+08:00,general-text,cn-north-4,200,2000\n")));
        page.refresh(); // while the first read may still run: its figures would be stale
        QCOMPARE(page.spendText(), QStringLiteral("Loading\u2026"));
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 10000);
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(page.spendText(), formatMoney(test::money("3.00")));
        QCOMPARE(page.spendText(),
                 formatMoney(cash(acc, "2026-11-01T00:00:00+08:00", "2026-11-05T12:00:00+08:00")));
    }
};

QTEST_MAIN(TestOverviewPage)
#include "tst_overviewpage.moc"
