// "Export FOCUS…" in the console (provider-bills.md §3): the Bills page's export menu and the Cost Center's
// (Analysis) export menu open the dialog with real clicks; it writes the file off the GUI thread with
// progress and reports it; a bad range or file is refused in the dialog and writes nothing.
#include "bills/billspage.h"
#include "costcenter/analysispage.h"
#include "financeaccount.h"
#include "shell/settings.h"
#include "widgets/errorbanner.h"
#include "widgets/focusexportdialog.h"

#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <QToolButton>

using namespace billing;
using namespace billing::ui;

class TestFocusExportUi : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestAccount> m_account;
    QTemporaryDir m_dir;

    // Clicks the tool button; when its menu pops up, clicks the action named `action` in it.
    static void chooseFromMenu(QToolButton *button, const QString &action)
    {
        QVERIFY(button);
        QAction *target = button->menu()->findChild<QAction *>(action);
        QVERIFY(target);
        bool clicked = false;
        QTimer::singleShot(0, button, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(target).center());
            clicked = true;
        });
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY(clicked);
    }

    // Fills the dialog's file, clicks Export and waits for the answer.
    static QList<QVariant> exportWith(FocusExportDialog *dialog, const QString &path)
    {
        auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("focusPath"));
        edit->selectAll();
        QTest::keyClicks(edit, path);
        QSignalSpy done(dialog, &FocusExportDialog::exportFinished);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("focusExport")), Qt::LeftButton);
        if (done.isEmpty() && !done.wait(60000)) // a refusal answers at once
            return {};
        return done.takeFirst();
    }

    static void checkFile(const QString &path, const char *month)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QVERIFY(lines.first().startsWith("BilledCost,BillingAccountId,"));
        QVERIFY(lines.size() > 2);
        QVERIFY(lines.at(1).contains(month));
    }

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_account = std::make_unique<test::TestAccount>("2026-10-01T08:00:00+08:00");
        test::buildFinanceAccount(*m_account);
    }

    void billsPageMenuExportsTheMonthShown()
    {
        BillsPage page(*m_account->engine, nullptr);
        page.resize(1100, 700);
        page.show();
        page.refresh();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        chooseFromMenu(page.findChild<QToolButton *>(QStringLiteral("exportBill")),
                       QStringLiteral("exportFocus"));
        FocusExportDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = page.findChild<FocusExportDialog *>()) != nullptr);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->findChild<QDateEdit *>(QStringLiteral("focusFrom"))->date().toString("yyyy-MM"),
                 page.month());
        dialog->grab().save(m_dir.filePath(QStringLiteral("focusdialog.png")));
        const QString path = m_dir.filePath(QStringLiteral("bills-focus.csv"));
        const QList<QVariant> answer = exportWith(dialog, path);
        QVERIFY(!answer.isEmpty());
        QVERIFY2(answer.at(0).toBool(), qPrintable(answer.at(1).toString()));
        QVERIFY(answer.at(1).toString().contains(QDir::toNativeSeparators(path)));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("focusStatus"))->text().startsWith("Saved"));
        QVERIFY(!dialog->findChild<QProgressBar *>(QStringLiteral("focusProgress"))->isVisible());
        checkFile(path, "Z,");
        if (!qEnvironmentVariableIsEmpty("FOCUS_SCREENSHOT"))
            dialog->grab().save(qEnvironmentVariable("FOCUS_SCREENSHOT"));
    }

    void badInputIsRefusedInTheDialog()
    {
        BillsPage page(*m_account->engine, nullptr);
        page.show();
        page.refresh();
        FocusExportDialog dialog(*m_account->engine, QDate(2026, 10, 1), QDate(2026, 9, 1), &page);
        dialog.show();
        const QString path = m_dir.filePath(QStringLiteral("refused.csv"));
        QList<QVariant> answer = exportWith(&dialog, path);
        QVERIFY(!answer.isEmpty());
        QVERIFY(!answer.at(0).toBool()); // from after to
        QVERIFY(!dialog.findChild<ErrorBanner *>()->message().isEmpty());
        QVERIFY(!QFile::exists(path));
        dialog.findChild<QDateEdit *>(QStringLiteral("focusFrom"))->setDate(QDate(2026, 9, 1));
        answer = exportWith(&dialog, m_dir.filePath(QStringLiteral("no-such-folder/x.csv")));
        QVERIFY(!answer.isEmpty());
        QVERIFY(!answer.at(0).toBool()); // the folder does not exist
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("no-such-folder"))));
    }

    void closingWhileItRunsCancelsAndWritesNothing()
    {
        BillsPage page(*m_account->engine, nullptr);
        page.show();
        FocusExportDialog dialog(*m_account->engine, QDate(1990, 1, 1), QDate(2026, 12, 1), &page);
        dialog.show();
        const QString path = m_dir.filePath(QStringLiteral("cancelled.csv"));
        dialog.setPath(path);
        QSignalSpy done(&dialog, &FocusExportDialog::exportFinished);
        // Every thread of the pool held until the Esc: the small account's export would otherwise be
        // written before the key arrives on a loaded machine (the worker then sees the cancel at its
        // first month).
        QThreadPool *pool = QThreadPool::globalInstance();
        const int threads = pool->maxThreadCount();
        QSemaphore holding, release;
        for (int i = 0; i < threads; ++i)
            pool->start([&holding, &release] {
                holding.release();
                release.acquire();
            });
        holding.acquire(threads);
        QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("focusExport")), Qt::LeftButton);
        QVERIFY(dialog.isExporting());
        QVERIFY(dialog.findChild<QProgressBar *>(QStringLiteral("focusProgress"))->isVisible());
        QTest::keyClick(&dialog, Qt::Key_Escape); // the first Esc cancels the export, the dialog stays
        release.release(threads);
        QVERIFY(dialog.isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 60000);
        QCOMPARE(done.first().at(0).toBool(), false);
        QVERIFY2(done.first().at(1).toString().contains(QLatin1String("cancelled")),
                 qPrintable(done.first().at(1).toString()));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!dialog.isExporting());
        QTest::keyClick(&dialog, Qt::Key_Escape); // then it closes
        QVERIFY(!dialog.isVisible());
    }

    void costCenterMenuExportsThePeriodsMonths()
    {
        ConsoleSettings settings(m_dir.filePath(QStringLiteral("analysis.ini")));
        AnalysisPage page(*m_account->engine, settings, nullptr);
        page.resize(1100, 700);
        page.show();
        page.refresh();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        if (!qEnvironmentVariableIsEmpty("FOCUS_SCREENSHOT"))
            page.grab().save(qEnvironmentVariable("FOCUS_SCREENSHOT") + QStringLiteral(".analysis.png"));
        chooseFromMenu(page.findChild<QToolButton *>(QStringLiteral("costExport")),
                       QStringLiteral("exportFocus"));
        FocusExportDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = page.findChild<FocusExportDialog *>()) != nullptr);
        const QString path = m_dir.filePath(QStringLiteral("cost-focus.csv"));
        const QList<QVariant> answer = exportWith(dialog, path);
        QVERIFY(!answer.isEmpty());
        QVERIFY2(answer.at(0).toBool(), qPrintable(answer.at(1).toString()));
        checkFile(path, "Z,");
    }
};

QTEST_MAIN(TestFocusExportUi)
#include "tst_focusexportui.moc"
