// Keyboard and screen-reader use of the console: a whole flow by keyboard alone, every interactive
// widget named, every chart described and its table one key away, the shortcuts listed in Help.
#include "funds/fundspage.h"
#include "funds/topupdialog.h"
#include "ownertest.h"
#include "packages/billingmodewizard.h"
#include "pagewalk.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "shell/shortcutsdialog.h"

#include <QAccessible>
#include <QApplication>
#include <QDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTreeWidget>

using namespace billing;
using namespace billing::ui;
using billing::test::money;

class TestAccessibility : public QObject
{
    Q_OBJECT

private:
    static QString accessibleName(QWidget *w)
    {
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        return iface ? iface->text(QAccessible::Name).trimmed() : QString();
    }
    static QString accessibleDescription(QWidget *w)
    {
        QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
        return iface ? iface->text(QAccessible::Description).trimmed() : QString();
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    // Ctrl+6 opens Funds, Ctrl+T the top-up dialog; the amount is typed, Tab reaches the Top up
    // button and Enter presses it: the balance grows, no mouse involved.
    void topUpByKeyboardOnly()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        const Money before = test::status(acc).account.balance;
        test::ShownWindow shown(*acc.engine);
        MainWindow &w = shown.window;
        QVERIFY(shown.active());

        QTest::keyClick(&w, Qt::Key_6, Qt::ControlModifier);
        QCOMPARE(w.currentPage(), PageId::Funds);
        QWidget *focus = QApplication::focusWidget();
        QVERIFY(focus);
        QVERIFY2(w.page(PageId::Funds)->isAncestorOf(focus), "the shortcut moves the focus into the page");

        QTest::keyClick(focus, Qt::Key_T, Qt::ControlModifier); // the button clicks itself a moment later
        TopUpDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = w.findChild<TopUpDialog *>()) && dialog->isVisible());
        QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(dialog->amountField()));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("250"));
        int tabs = 0;
        while (QApplication::focusWidget() != dialog->topUpButton() && tabs++ < 10)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(dialog->topUpButton()));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);

        QCOMPARE(test::status(acc).account.balance, before + money("250"));
        QTRY_VERIFY(!dialog->isVisible() || dialog->isHidden());
    }

    // Every page can be reached from the keyboard: Ctrl+1 … Ctrl+9, then Ctrl+PgDown through the rest,
    // F6 between the page list and the page.
    void everyPageByKeyboard()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        test::ShownWindow shown(*acc.engine);
        MainWindow &w = shown.window;
        QVERIFY(shown.active());
        const QList<PageId> pages = w.pages();
        for (int i = 0; i < 9; ++i) {
            QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &w,
                            Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
            QCOMPARE(w.currentPage(), pages.at(i));
        }
        for (int i = 9; i < pages.size(); ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageDown, Qt::ControlModifier);
            QCOMPARE(w.currentPage(), pages.at(i));
            QVERIFY(w.page(pages.at(i))->isAncestorOf(QApplication::focusWidget()));
        }
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(w.currentPage(), pages.first()); // wraps around
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(w.currentPage(), pages.last());

        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("navigation"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Up);
        // The entry above the last page in the list: Reconciliation, added last (Ctrl+1 … Ctrl+9 keep
        // their pages), sits under Bills after Transactions.
        QCOMPARE(pages.last(), PageId::Reconciliation);
        QCOMPARE(w.currentPage(), PageId::Transactions);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6);
        QVERIFY(w.page(w.currentPage())->isAncestorOf(QApplication::focusWidget()));
    }

    // On every page Tab reaches every control, in the order of the layout: the Analysis page goes from
    // its saved views to the buttons beside them, not to the chart created earlier.
    void tabReachesEveryControlInLayoutOrder()
    {
        test::DemoAccount demo;
        test::ShownWindow shown(*demo.engine);
        MainWindow &w = shown.window;
        QVERIFY(shown.active());
        QStringList missed;
        for (PageId id : w.pages()) {
            QVERIFY(test::showAndSettle(w, id));
            Page *page = w.page(id);
            w.findChild<QWidget *>(QStringLiteral("navigation"))->setFocus();
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_F6); // from the page list into the page
            QList<QWidget *> expected; // before the walk: focusing a table may enable buttons above it
            for (QWidget *c : page->findChildren<QWidget *>())
                if (c->isVisibleTo(page) && c->isEnabled() && (c->focusPolicy() & Qt::TabFocus) &&
                    !c->focusProxy() && c->window() == &w)
                    expected << c;
            QList<QWidget *> visited;
            for (int i = 0; i < 300 && page->isAncestorOf(QApplication::focusWidget()); ++i) {
                QWidget *f = QApplication::focusWidget();
                if (visited.isEmpty() || visited.last() != f) { // a date edit tabs through its sections
                    if (visited.contains(f))
                        break;
                    visited << f;
                }
                QTest::keyClick(f, Qt::Key_Tab);
            }
            for (QWidget *c : expected)
                if (!visited.contains(c))
                    missed << MainWindow::pageKey(id) + QStringLiteral(": ") + test::describe(c);
            if (id == PageId::Analysis) {
                auto *views = page->findChild<QWidget *>(QStringLiteral("savedViews"));
                const qsizetype at = visited.indexOf(views);
                QVERIFY(at >= 0 && at + 1 < visited.size());
                auto *next = qobject_cast<QPushButton *>(visited.at(at + 1));
                QVERIFY2(next && next->text().contains(QStringLiteral("Save view")),
                         qPrintable(test::describe(visited.at(at + 1))));
            }
        }
        QVERIFY2(missed.isEmpty(), qPrintable(missed.join(QLatin1Char('\n'))));
    }

    // Help › Keyboard shortcuts lists the page keys, the menus' keys and each page's own.
    void shortcutsAreListed()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        test::ShownWindow shown(*acc.engine);
        MainWindow &w = shown.window;
        w.findChild<QAction *>(QStringLiteral("shortcutsAction"))->trigger();
        auto *dialog = w.findChild<ShortcutsDialog *>();
        QVERIFY(dialog);
        QStringList rows;
        for (QTreeWidgetItemIterator it(dialog->list()); *it; ++it)
            rows << (*it)->text(0) + QLatin1Char('=') + (*it)->text(1);
        const QString all = rows.join(QLatin1Char('\n'));
        const QString ctrl6 = QKeySequence(Qt::CTRL | Qt::Key_6).toString(QKeySequence::NativeText);
        QVERIFY2(all.contains(QStringLiteral("Funds=") + ctrl6), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Import call records\u2026=")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("Top up\u2026=")), qPrintable(all)); // the Funds page's own
        QVERIFY2(all.contains(QKeySequence(Qt::CTRL | Qt::Key_PageDown).toString(QKeySequence::NativeText)),
                 qPrintable(all));
        test::shot(dialog, "dialog-keyboard-shortcuts");
    }

    // The dialogs that move money or import data name every control too: top up, buy a package,
    // import call records, change the billing mode, the keyboard shortcuts.
    void everyDialogControlIsNamed()
    {
        test::DemoAccount demo;
        test::ShownWindow shown(*demo.engine);
        MainWindow &w = shown.window;
        QStringList unnamed;
        for (const char *action :
             {"topUpAction", "buyPackageAction", "importCallsAction", "shortcutsAction"}) {
            w.findChild<QAction *>(QLatin1String(action))->trigger();
            QDialog *dialog = nullptr;
            QTRY_VERIFY((dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget())) ||
                        (dialog = w.findChild<ShortcutsDialog *>()));
            for (QWidget *widget : test::interactiveWidgets(dialog))
                if (accessibleName(widget).isEmpty())
                    unnamed << QLatin1String(action) + QStringLiteral(": ") + test::describe(widget);
            dialog->reject();
            QTRY_VERIFY(!dialog->isVisible());
        }
        BillingModeWizard *wizard = w.openModeWizard(QString(), QString());
        for (QWidget *widget : test::interactiveWidgets(wizard->currentPage()))
            if (accessibleName(widget).isEmpty())
                unnamed << QStringLiteral("mode wizard: ") + test::describe(widget);
        wizard->reject();
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1Char('\n'))));
    }

    // On every page of a demo account, each control a person can reach has an accessible name (its
    // text, its buddy label or one set for it), and each chart also has a description that points to
    // its table.
    void everyControlIsNamed()
    {
        test::DemoAccount demo;
        test::ShownWindow shown(*demo.engine);
        MainWindow &w = shown.window;
        QStringList unnamed;
        for (PageId id : w.pages()) {
            QVERIFY(test::showAndSettle(w, id));
            Page *page = w.page(id);
            QVERIFY2(!page->accessibleName().isEmpty(), qPrintable(MainWindow::pageKey(id)));
            for (QWidget *widget : test::interactiveWidgets(page)) {
                if (accessibleName(widget).isEmpty())
                    unnamed << MainWindow::pageKey(id) + QStringLiteral(": ") + test::describe(widget);
                const bool chart =
                    widget->inherits("QChartView") || widget->inherits("billing::ui::TimeSeriesPlot");
                if (chart && accessibleDescription(widget).isEmpty())
                    unnamed << MainWindow::pageKey(id) + QStringLiteral(": no description: ") +
                                   test::describe(widget);
            }
        }
        for (QWidget *widget : test::interactiveWidgets(&w))
            if (!w.findChild<QStackedWidget *>()->isAncestorOf(widget) && accessibleName(widget).isEmpty())
                unnamed << QStringLiteral("shell: ") + test::describe(widget);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
