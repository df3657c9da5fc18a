#include "overview/overviewpage.h"
#include "ownertest.h"
#include "services/servicelistmodel.h"
#include "services/servicespage.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "widgets/confirmdialog.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>

using namespace billing;
using namespace billing::ui;
using billing::test::money;

class TestServices : public QObject
{
    Q_OBJECT

private:
    static bool enabled(test::TestAccount &acc, const QString &api, const QString &region)
    {
        for (const ServiceState &s : test::status(acc).services)
            if (s.api == api && s.region == region)
                return s.enabled;
        return false;
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void listsEveryServiceWithModeAndMonthToDate()
    {
        test::TestAccount acc("2026-11-20T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "500"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        QVERIFY(test::enable(acc, "id-card", "cn-east-3"));
        QVERIFY(test::ok(test::buy(acc, "id-card", "cn-east-3", "100k")));
        acc.setNow("2026-11-20T10:30:00+08:00");
        QVERIFY(test::ok(test::importCsv(acc, "timestamp,api,region,status,count\n"
                                              "2026-11-20T10:10:00+08:00,general-text,cn-north-4,200,2000\n"
                                              "2026-11-20T10:10:00+08:00,id-card,cn-east-3,200,300\n")));
        acc.setNow("2026-11-27T10:00:00+08:00");
        ServicesPage page(*acc.engine, nullptr);
        page.show();
        page.refresh();
        const ServiceListModel *m = page.model();
        QCOMPARE(m->rowCount(),
                 int(acc.engine->catalog().apis().size() * acc.engine->catalog().regions().size()));
        const int text = m->rowOf(QStringLiteral("general-text"), QStringLiteral("cn-north-4"));
        const int card = m->rowOf(QStringLiteral("id-card"), QStringLiteral("cn-east-3"));
        QCOMPARE(m->index(text, ServiceListModel::State).data().toString(), QStringLiteral("Enabled"));
        QCOMPARE(m->index(text, ServiceListModel::Mode).data().toString(), QStringLiteral("Pay-per-use"));
        QCOMPARE(m->index(text, ServiceListModel::Calls).data().toString(), QStringLiteral("2,000"));
        QCOMPARE(m->index(card, ServiceListModel::Mode).data().toString(), QStringLiteral("Package"));
        QCOMPARE(m->index(card, ServiceListModel::Calls).data().toString(), QStringLiteral("300"));
        // The month's cost per service is what the bill says.
        auto bill = acc.run([](Context &c) { return monthlyBill(c, QStringLiteral("2026-11")); });
        QVERIFY(bill.ok());
        QCOMPARE(m->totalCost(), bill->totals.charged);
    }

    void showsWhatTheNext1000CallsCost()
    {
        // billing-rules §10: general-text at 999,500 calls: 500 × 1.50 + 500 × 1.20 = 1.35 per 1,000;
        // id-card with 300 calls left in its package: 700 × 3.00 / 1,000 = 2.10.
        test::TestAccount acc("2026-11-20T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "2000"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        QVERIFY(test::enable(acc, "id-card", "cn-east-3"));
        QVERIFY(test::ok(test::buy(acc, "id-card", "cn-east-3", "100k")));
        acc.setNow("2026-11-20T10:30:00+08:00");
        QVERIFY(test::ok(test::importCsv(acc, "timestamp,api,region,status,count\n"
                                              "2026-11-20T10:10:00+08:00,general-text,cn-north-4,200,999500\n"
                                              "2026-11-20T10:10:00+08:00,id-card,cn-east-3,200,99700\n")));
        acc.setNow("2026-11-20T11:00:00+08:00");
        ServicesPage page(*acc.engine, nullptr);
        page.resize(1100, 600);
        page.show();
        page.refresh();
        QTableView *table = page.table();
        const ServiceListModel *m = page.model();
        QCOMPARE(m->headerData(ServiceListModel::Marginal, Qt::Horizontal).toString(),
                 QStringLiteral("Next 1,000 calls (USD)"));
        const QModelIndex text =
            m->index(m->rowOf(QStringLiteral("general-text"), QStringLiteral("cn-north-4")),
                     ServiceListModel::Marginal);
        const QModelIndex card = m->index(m->rowOf(QStringLiteral("id-card"), QStringLiteral("cn-east-3")),
                                          ServiceListModel::Marginal);
        QCOMPARE(text.data().toString(), QStringLiteral("1.35000000"));
        QCOMPARE(text.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Next 1,000 calls: 1.35000000 USD\n500 at tier 1, 1.50000000 USD per 1,000\n"
                                "500 at tier 2, 1.20000000 USD per 1,000"));
        QCOMPARE(card.data().toString(), QStringLiteral("2.10000000"));
        const QString cardTip = card.data(Qt::ToolTipRole).toString();
        QVERIFY2(cardTip.contains(QLatin1String("300 from package")) &&
                     cardTip.contains(QLatin1String("(100k)")),
                 qPrintable(cardTip));
        // Sorting by the column (a click on its header) puts the cheapest next calls first.
        QHeaderView *header = table->horizontalHeader();
        const int x = header->sectionViewportPosition(ServiceListModel::Marginal) +
                      header->sectionSize(ServiceListModel::Marginal) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
        QCOMPARE(header->sortIndicatorSection(), int(ServiceListModel::Marginal));
        const QModelIndex first = table->model()->index(0, ServiceListModel::Marginal);
        QCOMPARE(first.data().toString(), QStringLiteral("1.35000000"));
        QCOMPARE(table->model()->index(0, ServiceListModel::Api).data().toString(),
                 QStringLiteral("General Text"));
        test::shot(&page, "page-services-marginal");
    }

    void enablesAndDisablesAfterConfirming()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        ServicesPage page(*acc.engine, nullptr);
        page.show();
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        page.refresh();
        const QString api = QStringLiteral("passport");
        const QString region = QStringLiteral("cn-north-4");
        page.selectService(api, region);
        ConfirmDialog *dialog = page.openToggle();
        QVERIFY(dialog);
        const QString apiName = acc.engine->catalog().api(api)->name;
        const QString regionName = acc.engine->catalog().region(region)->name;
        QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Enable %1 in %2").arg(apiName, regionName));
        test::shot(dialog, "dialog-enable");
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        QVERIFY(enabled(acc, api, region));
        const int row = page.model()->rowOf(api, region);
        QCOMPARE(page.model()->index(row, ServiceListModel::State).data().toString(),
                 QStringLiteral("Enabled"));

        // Ctrl+E on the selected row opens the disable confirmation; cancelling changes nothing.
        page.selectService(api, region);
        page.table()->setFocus();
        QTest::keyClick(page.table(), Qt::Key_E, Qt::ControlModifier);
        ConfirmDialog *disable = nullptr;
        for (ConfirmDialog *d : page.findChildren<ConfirmDialog *>())
            if (d->isVisible())
                disable = d;
        QVERIFY(disable);
        QCOMPARE(disable->confirmButton()->text(),
                 QStringLiteral("Disable %1 in %2").arg(apiName, regionName));
        disable->reject();
        QVERIFY(enabled(acc, api, region));

        page.selectService(api, region);
        disable = page.openToggle();
        QTest::mouseClick(disable->confirmButton(), Qt::LeftButton);
        QVERIFY(!enabled(acc, api, region));
    }

    void stopBillingShowsWhatStopsThenStopsIt()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "1000"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        QVERIFY(test::enable(acc, "vat-invoice", "ap-southeast-1"));
        QVERIFY(test::ok(test::buy(acc, "general-text", "cn-north-4", "100k", std::nullopt, true)));
        QTemporaryDir dir;
        ConsoleSettings settings(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(*acc.engine, settings);
        w.show();
        w.showPage(PageId::Overview);
        auto *overview = qobject_cast<OverviewPage *>(w.page(PageId::Overview));
        QVERIFY(overview);
        QVERIFY(overview->stoppedText().isEmpty());

        w.stopBilling();
        QCOMPARE(w.currentPage(), PageId::Services);
        auto *dialog = w.findChild<ConfirmDialog *>(QStringLiteral("stopBillingDialog"));
        QVERIFY(dialog);
        QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Stop billing for 2 services"));
        const QString rows = dialog->rows().join(QLatin1Char('|'));
        QVERIFY2(rows.contains(QStringLiteral("package 1")), qPrintable(rows));
        test::shot(dialog, "dialog-stop-billing");
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

        const auto st = test::status(acc);
        for (const ServiceState &s : st.services)
            QVERIFY(!s.enabled);
        for (const Package &p : st.packages)
            QVERIFY(!p.autoRenew);
        w.showPage(PageId::Overview);
        QVERIFY2(overview->stoppedText().contains(QStringLiteral("Billing is stopped")),
                 qPrintable(overview->stoppedText()));
        w.resize(1280, 800);
        test::shot(&w, "page-overview-billing-stopped");
    }
};

QTEST_MAIN(TestServices)
#include "tst_servicespage.moc"
