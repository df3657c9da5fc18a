// The overview: the account's figures at once, the spending figures from a worker thread (P4), never
// stale: the tile says it is loading until the figures of the latest refresh are in, and those equal
// the cash view of cost analysis.
#include "analysis/costanalysis.h"
#include "costcenter/anomaliespage.h"
#include "costcenter/anomalymodel.h"
#include "domain/notification.h"
#include "engine/context.h"
#include "overview/overviewpage.h"
#include "ownertest.h"
#include "pagewalk.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "widgets/figure.h"
#include "widgets/format.h"

#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>

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
    // Every label the page shows gets at least the height its text needs at the width it was given
    // (heightForWidth for a word-wrapped line, the size hint otherwise): none is cut or overlaps the next.
    static QStringList squeezedLabels(const OverviewPage &page)
    {
        QStringList out;
        for (const QLabel *label : page.findChildren<QLabel *>()) {
            if (!label->isVisibleTo(&page) || label->text().isEmpty())
                continue;
            const int needed = label->hasHeightForWidth() ? label->heightForWidth(label->width())
                                                          : label->sizeHint().height();
            if (label->height() < needed)
                out << QStringLiteral("%1 (%2 < %3 px)")
                           .arg(label->text().left(40))
                           .arg(label->height())
                           .arg(needed);
        }
        return out;
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
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 10000); // the latest anomalies load beside the spending
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
        // No history to compare with: no anomalies.
        QCOMPARE(page.anomaliesText(), QStringLiteral("No anomalies in the last 30 days"));
        QVERIFY(page.anomalyButtons().isEmpty());
    }

    // Long (word-wrapped) notifications and the big balance figure at the console's usual 1280x800 and
    // a small 1024x640 window: the page scrolls instead of squeezing its lines below their height.
    void nothingIsSqueezedWhenThePageIsTallerThanTheWindow_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1024x640") << QSize(1024, 640);
    }
    void nothingIsSqueezedWhenThePageIsTallerThanTheWindow()
    {
        QFETCH(QSize, size);
        test::TestAccount acc("2026-10-01T00:00:00+08:00");
        QVERIFY(test::topUp(acc, "1691.68"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        acc.setNow("2026-11-05T00:00:00+08:00");
        QVERIFY(test::ok(test::importCsv(acc, test::anomalyHistoryCsv())));
        QVERIFY(test::ok(acc.run([](Context &c) -> Status {
            for (int i = 0; i < 6; ++i) {
                const QJsonObject args{{QStringLiteral("api"), QStringLiteral("general-text")},
                                       {QStringLiteral("region"), QStringLiteral("cn-north-4")},
                                       {QStringLiteral("project"), QStringLiteral("mobile-app-%1").arg(i)},
                                       {QStringLiteral("day"), QStringLiteral("2026-11-0%1").arg(i + 1)},
                                       {QStringLiteral("direction"), QStringLiteral("drop")},
                                       {QStringLiteral("cost"), QStringLiteral("0.00")},
                                       {QStringLiteral("baseline"), QStringLiteral("12.125")},
                                       {QStringLiteral("difference"), QStringLiteral("-12.125")},
                                       {QStringLiteral("cause"), QStringLiteral("package-coverage")}};
                if (Status s = c.notify(c.now - (6 - i) * kMicrosPerHour, AlertKind::Anomaly, args,
                                        QStringLiteral("long:%1").arg(i));
                    !s)
                    return s;
            }
            return {};
        })));

        test::ShownWindow shown(*acc.engine, size);
        MainWindow &w = shown.window;
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showPage(PageId::Overview);
        auto *page = qobject_cast<OverviewPage *>(w.page(PageId::Overview));
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), 10000);
        QCoreApplication::processEvents();
        const QString shot = qEnvironmentVariable("OVERVIEW_FIT_SCREENSHOT");
        if (!shot.isEmpty())
            w.grab().save(shot.arg(size.width()));
        const QStringList squeezed = squeezedLabels(*page);
        QVERIFY2(squeezed.isEmpty(), qPrintable(squeezed.join(QStringLiteral("; "))));
        // The content is taller than the window: it scrolls.
        auto *scroll = page->findChild<QScrollArea *>();
        QVERIFY(scroll);
        QVERIFY(scroll->verticalScrollBar()->maximum() > 0);
    }

    // The latest anomalies of the last 30 days, newest first, from a worker thread; a click opens the
    // Anomalies page with that anomaly selected.
    void theLatestAnomaliesLeadToTheAnomaliesPage()
    {
        test::TestAccount acc("2026-10-01T00:00:00+08:00");
        QVERIFY(test::topUp(acc, "1000"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        // A rise on Friday 2026-10-30 (90.00) and a drop on Tuesday 2026-11-03 (0.60).
        acc.setNow("2026-11-05T00:00:00+08:00");
        QVERIFY(test::ok(test::importCsv(acc, test::anomalyHistoryCsv())));

        test::ShownWindow shown(*acc.engine, QSize(1200, 900));
        MainWindow &w = shown.window;
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.showPage(PageId::Overview);
        auto *page = qobject_cast<OverviewPage *>(w.page(PageId::Overview));
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isBusy(), 10000);
        const QList<QPushButton *> buttons = page->anomalyButtons();
        QCOMPARE(buttons.size(), 2);
        QCOMPARE(buttons[0]->text(),
                 QStringLiteral("11/3/26 \u2014 General Text, CN North-Beijing4, project "
                                "default: 0.60 against a baseline of 30.00 (drop: volume)"));
        QCOMPARE(buttons[1]->text(),
                 QStringLiteral("10/30/26 \u2014 General Text, CN North-Beijing4, project "
                                "default: 90.00 against a baseline of 30.00 (rise: volume)"));
        const QString shot = qEnvironmentVariable("OVERVIEW_SCREENSHOT");
        if (!shot.isEmpty())
            w.grab().save(shot);

        // The older one: the Anomalies page opens with it selected.
        QTest::mouseClick(buttons[1], Qt::LeftButton);
        QCOMPARE(w.currentPage(), PageId::Anomalies);
        auto *anomalies = qobject_cast<AnomaliesPage *>(w.page(PageId::Anomalies));
        QVERIFY(anomalies);
        const QModelIndex current = anomalies->table()->currentIndex();
        QVERIFY(current.isValid());
        const Anomaly &selected = anomalies->model()->anomaly(anomalies->proxy()->mapToSource(current).row());
        QCOMPARE(selected.cost, test::money("90.00"));
        QVERIFY(anomalies->table()->selectionModel()->isRowSelected(current.row(), QModelIndex()));
    }
};

QTEST_MAIN(TestOverviewPage)
#include "tst_overviewpage.moc"
