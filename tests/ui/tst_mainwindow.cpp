#include "bills/billspage.h"
#include "engine/funds.h"
#include "pagewalk.h"
#include "shell/accountbar.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "testaccount.h"

#include <QFileInfo>
#include <QLabel>
#include <QLayout>
#include <QStackedWidget>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>

using namespace billing;
using namespace billing::ui;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    // Clicks the navigation entry with this text, as a person would.
    static void clickNavigation(QTreeWidget *nav, const QString &text)
    {
        const auto items = nav->findItems(text, Qt::MatchExactly | Qt::MatchRecursive | Qt::MatchStartsWith);
        QVERIFY2(!items.isEmpty(), qPrintable(text));
        const QRect rect = nav->visualItemRect(items.first());
        QVERIFY(rect.isValid());
        QTest::mouseClick(nav->viewport(), Qt::LeftButton, {}, rect.center());
    }
    static QWidget *currentPageWidget(MainWindow &w)
    {
        return w.findChild<QStackedWidget *>()->currentWidget();
    }

    std::unique_ptr<test::TestAccount> m_account;
    QTemporaryDir m_settingsDir;

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_account = std::make_unique<test::TestAccount>("2026-11-27T10:00:00+08:00");
        auto r = m_account->run([](Context &c) { return funds::topUp(c, Money::fromCents(1250)); });
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message));
    }

    void accountBarShowsTheAccount()
    {
        ConsoleSettings settings(m_settingsDir.filePath(QStringLiteral("bar.ini")));
        MainWindow w(*m_account->engine, settings);
        QVERIFY(w.accountBar()->balanceText().contains(QStringLiteral("12.50")));
        QVERIFY(w.accountBar()->balanceText().contains(QStringLiteral("USD")));
        QCOMPARE(w.accountBar()->stateText(), QStringLiteral("Normal"));
        QVERIFY2(w.accountBar()->asOfText().contains(QStringLiteral("10:00")),
                 qPrintable(w.accountBar()->asOfText()));
        auto *name = w.findChild<QLabel *>(QStringLiteral("accountName"));
        QVERIFY(name);
        QCOMPARE(name->text(), QStringLiteral("Test"));
        auto *unread = w.findChild<QToolButton *>(QStringLiteral("unreadNotifications"));
        QVERIFY(unread);
        QCOMPARE(unread->text(), QStringLiteral("No unread notifications"));
    }

    void navigationListsOnlyRealPagesInGroups()
    {
        ConsoleSettings settings(m_settingsDir.filePath(QStringLiteral("groups.ini")));
        MainWindow w(*m_account->engine, settings);
        auto *nav = w.findChild<QTreeWidget *>(QStringLiteral("navigation"));
        QVERIFY(nav);
        QStringList top;
        for (int i = 0; i < nav->topLevelItemCount(); ++i)
            top << nav->topLevelItem(i)->text(0);
        QCOMPARE(top, (QStringList{QStringLiteral("Overview"), QStringLiteral("Bills"),
                                   QStringLiteral("Subscriptions"), QStringLiteral("Cost Center"),
                                   QStringLiteral("Notifications"), QStringLiteral("Settings"),
                                   QStringLiteral("Audit log")}));
        QCOMPARE(nav->topLevelItem(1)->child(0)->text(0), QStringLiteral("Bills"));
        QCOMPARE(nav->topLevelItem(1)->child(1)->text(0), QStringLiteral("Transactions"));
        QCOMPARE(nav->topLevelItem(2)->child(0)->text(0), QStringLiteral("Services"));
        QCOMPARE(nav->topLevelItem(2)->child(1)->text(0), QStringLiteral("Packages & renewals"));
        QCOMPARE(nav->topLevelItem(2)->child(2)->text(0), QStringLiteral("Funds"));
        QStringList costCenter;
        for (int i = 0; i < nav->topLevelItem(3)->childCount(); ++i)
            costCenter << nav->topLevelItem(3)->child(i)->text(0);
        QCOMPARE(costCenter, (QStringList{"Composition", "Allocation", "Analysis", "Budgets", "Optimization",
                                          "Anomalies", "Price calculator", "Scenario planner"}));
        QCOMPARE(w.pages().size(), 18);
    }

    void navigatesWithMouseAndKeys()
    {
        ConsoleSettings settings(m_settingsDir.filePath(QStringLiteral("nav.ini")));
        MainWindow w(*m_account->engine, settings);
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QCOMPARE(w.currentPage(), PageId::Overview);
        QCOMPARE(currentPageWidget(w)->objectName(), QStringLiteral("overviewPage"));

        auto *nav = w.findChild<QTreeWidget *>(QStringLiteral("navigation"));
        clickNavigation(nav, QStringLiteral("Transactions"));
        QCOMPARE(w.currentPage(), PageId::Transactions);
        QCOMPARE(currentPageWidget(w)->objectName(), QStringLiteral("transactionsPage"));
        clickNavigation(nav, QStringLiteral("Funds"));
        QCOMPARE(w.currentPage(), PageId::Funds);
        QCOMPARE(currentPageWidget(w)->objectName(), QStringLiteral("fundsPage"));
        // A group heading is not a page: the current page stays.
        clickNavigation(nav, QStringLiteral("Subscriptions"));
        QCOMPARE(w.currentPage(), PageId::Funds);

        struct Jump
        {
            Qt::Key key;
            const char *page;
            const char *navigation;
        };
        const Jump jumps[] = {
            {Qt::Key_1, "overviewPage", "Overview"},
            {Qt::Key_2, "billsPage", "Bills"},
            {Qt::Key_3, "transactionsPage", "Transactions"},
            {Qt::Key_4, "servicesPage", "Services"},
            {Qt::Key_5, "packagesPage", "Packages & renewals"},
            {Qt::Key_6, "fundsPage", "Funds"},
            {Qt::Key_7, "compositionPage", "Composition"},
            {Qt::Key_3, "transactionsPage", "Transactions"},
        };
        for (const Jump &jump : jumps) {
            QTest::keyClick(&w, jump.key, Qt::ControlModifier);
            QCOMPARE(currentPageWidget(w)->objectName(), QString::fromLatin1(jump.page));
            QVERIFY(nav->currentItem()->text(0).startsWith(QString::fromLatin1(jump.navigation)));
        }
        QCOMPARE(w.currentPage(), PageId::Transactions);
        QVERIFY(w.accountBar()->balanceText().contains(QStringLiteral("12.50")));
    }

    void overviewTileLeadsToItsPage()
    {
        ConsoleSettings settings(m_settingsDir.filePath(QStringLiteral("tile.ini")));
        MainWindow w(*m_account->engine, settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *tile = w.findChild<QWidget *>(QStringLiteral("balanceTile"));
        QVERIFY(tile);
        QTest::mouseClick(tile, Qt::LeftButton);
        QCOMPARE(w.currentPage(), PageId::Funds);
    }

    void remembersTheLastPage()
    {
        const QString file = m_settingsDir.filePath(QStringLiteral("remember.ini"));
        {
            ConsoleSettings settings(file);
            MainWindow w(*m_account->engine, settings);
            w.showPage(PageId::Services);
            w.close();
        }
        ConsoleSettings settings(file);
        QCOMPARE(settings.lastPage(), QStringLiteral("services"));
        QVERIFY(!settings.windowGeometry().isEmpty());
        MainWindow again(*m_account->engine, settings);
        QCOMPARE(again.currentPage(), PageId::Services);
    }

    // The start only reads the settings (performance.md P4): opening on the page the file names, or on
    // the overview when it names none, writes nothing; going to another page does.
    void startingWritesNoSettings()
    {
        const QString file = m_settingsDir.filePath(QStringLiteral("untouched.ini"));
        {
            ConsoleSettings settings(file);
            MainWindow w(*m_account->engine, settings);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            QCOMPARE(w.currentPage(), PageId::Overview);
            QCoreApplication::processEvents(); // QSettings writes at the next turn of the event loop
            QVERIFY(!QFileInfo::exists(file));
            w.showPage(PageId::Funds);
            QCoreApplication::processEvents();
            QVERIFY(QFileInfo::exists(file));
        }
        ConsoleSettings settings(file);
        QCOMPARE(settings.lastPage(), QStringLiteral("funds"));
    }

    // Every page fits a laptop screen, even a 1024 px wide one: no page's minimum width forces the window
    // wider (figure rows wrap, explanations word-wrap, lists shrink). Last month's bill has the longest
    // figures.
    void everyPageFitsALaptopScreen()
    {
        // A year of history: the figures as large as in `billingctl demo`'s account.
        test::DemoAccount demo(QStringLiteral("Demo account"), 12);
        test::ShownWindow shown(*demo.engine);
        MainWindow &w = shown.window;
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto check = [&w](const QString &what) {
            w.layout()->activate();
            const int needed = w.minimumSizeHint().width();
            if (needed > 1024) // names the widest widgets on the page
                for (QWidget *child : currentPageWidget(w)->findChildren<QWidget *>())
                    if (child->isVisibleTo(&w) && child->minimumSizeHint().width() > 600)
                        qWarning("%s: %s wants %d px", qPrintable(what), qPrintable(test::describe(child)),
                                 child->minimumSizeHint().width());
            return needed;
        };
        QStringList tooWide;
        for (PageId id : w.pages()) {
            QVERIFY(test::showAndSettle(w, id));
            const QString key = MainWindow::pageKey(id);
            if (const int needed = check(key); needed > 1024)
                tooWide << QStringLiteral("%1 needs %2 px").arg(key).arg(needed);
        }
        auto *bills = qobject_cast<BillsPage *>(w.page(PageId::Bills));
        QVERIFY(bills);
        QVERIFY(test::showAndSettle(w, PageId::Bills));
        QVERIFY(bills->months().size() > 1);
        bills->setMonth(bills->months().at(1));
        QVERIFY(QTest::qWaitFor([bills] { return !bills->isBusy(); }, 20000));
        if (const int needed = check(QStringLiteral("last month's bill")); needed > 1024)
            tooWide << QStringLiteral("last month's bill needs %1 px").arg(needed);
        QVERIFY2(tooWide.isEmpty(), qPrintable(tooWide.join(QStringLiteral("; "))));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
