// The account owner's flows end to end on a demo account, as a new user would go through them: buy and
// renew a package, top up, switch a billing mode and stop billing; the account bar and pages then show
// what the engine holds.
#include "demo/demogenerator.h"
#include "funds/fundspage.h"
#include "funds/topupdialog.h"
#include "overview/overviewpage.h"
#include "ownertest.h"
#include "packages/billingmodewizard.h"
#include "packages/buydialog.h"
#include "packages/packagespage.h"
#include "packages/renewdialog.h"
#include "services/servicespage.h"
#include "shell/accountbar.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "widgets/confirmdialog.h"
#include "widgets/format.h"

#include <QLineEdit>
#include <QPushButton>

using namespace billing;
using namespace billing::ui;
using billing::test::money;

class TestOwnerFlows : public QObject
{
    Q_OBJECT

private:
    template <typename D> static D *visible(QWidget &w)
    {
        D *found = nullptr;
        for (D *d : w.findChildren<D *>())
            if (d->isVisible())
                found = d;
        return found;
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void newUserOnTheDemoAccount()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("demo.sqlite"));
        const Instant now = test::at("2026-11-27T10:00:00+08:00");
        QVERIFY(test::ok(createDemoAccount(db, now, DemoOptions{2, 1, QStringLiteral("Demo account")})));
        FixedClock clock(now);
        auto engine = Engine::open(db, clock);
        QVERIFY(test::ok(engine));
        auto status = [&] { return *(*engine)->run([](Context &c) { return accountStatus(c); }); };
        ConsoleSettings settings(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(**engine, settings);
        w.show();

        // Top up 3000 from the File menu's action.
        const Money before = status().account.balance;
        w.findChild<QAction *>(QStringLiteral("topUpAction"))->trigger();
        auto *topUp = visible<TopUpDialog>(w);
        QVERIFY(topUp);
        QTest::keyClicks(topUp->amountField(), QStringLiteral("3000"));
        QTest::mouseClick(topUp->topUpButton(), Qt::LeftButton);
        QCOMPARE(status().account.balance, before + money("3000"));
        QVERIFY(w.accountBar()->balanceText().contains(formatMoney(before + money("3000"))));

        // Buy a package of passport in cn-east-3 from the File menu; the balance falls by the quote.
        const size_t packagesBefore = status().packages.size();
        w.findChild<QAction *>(QStringLiteral("buyPackageAction"))->trigger();
        auto *buy = visible<BuyDialog>(w);
        QVERIFY(buy);
        buy->select(QStringLiteral("passport"), QStringLiteral("cn-east-3"), QStringLiteral("100k"));
        QVERIFY2(buy->buyButton()->isEnabled(), qPrintable(buy->refusal()));
        const Money balance = status().account.balance;
        QTest::mouseClick(buy->buyButton(), Qt::LeftButton);
        auto st = status();
        QCOMPARE(st.packages.size(), packagesBefore + 1);
        const Package bought = st.packages.back();
        QCOMPARE(st.account.balance, balance - bought.price);

        // Renew it from the Packages page (the new package is selected after the purchase).
        auto *packages = qobject_cast<PackagesPage *>(w.page(PageId::Packages));
        packages->selectPackage(bought.id);
        ConfirmDialog *renew = packages->openRenew();
        QVERIFY(renew);
        QVERIFY2(renew->confirmButton()->isEnabled(),
                 qPrintable(renew->refusal() + renew->rows().join(u'|')));
        QTest::mouseClick(renew->confirmButton(), Qt::LeftButton);
        st = status();
        QCOMPARE(st.packages.back().previousId, std::optional<qint64>(bought.id));

        // Switch general-text in cn-north-4 through the wizard: it shows the real usage and its options.
        BillingModeWizard *wizard =
            w.openModeWizard(QStringLiteral("general-text"), QStringLiteral("cn-north-4"));
        QVERIFY(!wizard->monthlyCallsText().endsWith(QStringLiteral(": 0")));
        wizard->choose(QStringLiteral("buy"));
        wizard->accept();
        auto *wizardBuy = visible<BuyDialog>(w);
        QVERIFY(wizardBuy);
        QCOMPARE(wizardBuy->request().api, QStringLiteral("general-text"));
        wizardBuy->reject();

        // Stop billing from the menu: every service off, every auto-renewal off, the overview says so.
        w.stopBilling();
        auto *stop = visible<ConfirmDialog>(w);
        QVERIFY(stop);
        QVERIFY(stop->confirmButton()->text().startsWith(QStringLiteral("Stop billing for ")));
        QTest::mouseClick(stop->confirmButton(), Qt::LeftButton);
        st = status();
        for (const ServiceState &s : st.services)
            QVERIFY(!s.enabled);
        for (const Package &p : st.packages)
            QVERIFY(!p.autoRenew);
        w.showPage(PageId::Overview);
        auto *overview = qobject_cast<OverviewPage *>(w.page(PageId::Overview));
        QVERIFY(overview->stoppedText().startsWith(QStringLiteral("Billing is stopped")));
        QVERIFY(w.accountBar()->balanceText().contains(formatMoney(st.account.balance)));
    }
};

QTEST_MAIN(TestOwnerFlows)
#include "tst_ownerflows.moc"
