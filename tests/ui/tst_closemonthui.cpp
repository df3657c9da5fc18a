// File › Close month… (issue #14, provider-bills.md §4) with real clicks: the main window's File menu
// opens the wizard; the month page previews what the pack holds (the reconciliation status too) and
// refuses an open month; a folder that cannot be written keeps the wizard on its page; the close runs
// off the GUI thread and shows the files and the hash; a cancel writes nothing. Screenshots of the
// wizard's pages go to BILLING_SCREENSHOT_DIR when it is set.
#include "financeaccount.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "widgets/closemonthwizard.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QCryptographicHash>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace billing;
using namespace billing::ui;

class TestCloseMonthUi : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestAccount> m_account;
    QTemporaryDir m_dir;

    static void shoot(QWidget *w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("BILLING_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            w->grab().save(QDir(dir).filePath(name));
    }
    static void click(QWizard *wizard, QWizard::WizardButton which)
    {
        QAbstractButton *b = wizard->button(which);
        QVERIFY(b && b->isVisible());
        QVERIFY(b->isEnabled());
        QTest::mouseClick(b, Qt::LeftButton);
    }
    static void chooseMonth(CloseMonthWizard *wizard, const QString &month)
    {
        auto *box = wizard->findChild<QComboBox *>(QStringLiteral("closeMonth"));
        QVERIFY(box);
        const int index = box->findText(month);
        QVERIFY(index >= 0);
        if (box->currentIndex() == index)
            return;
        QSignalSpy previewed(wizard, &CloseMonthWizard::previewFinished);
        box->setFocus();
        while (box->currentIndex() != index)
            QTest::keyClick(box, box->currentIndex() < index ? Qt::Key_Down : Qt::Key_Up);
        QVERIFY(previewed.wait(60000) || !previewed.isEmpty());
    }
    static QString text(QWidget *w, const char *name)
    {
        auto *label = w->findChild<QLabel *>(QLatin1String(name));
        return label ? label->text() : QString();
    }

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QVERIFY(m_dir.isValid());
        m_account = std::make_unique<test::TestAccount>("2026-10-01T08:00:00+08:00");
        test::buildFinanceAccount(*m_account);
    }

    void fileMenuOpensTheWizard()
    {
        ConsoleSettings settings(m_dir.filePath(QStringLiteral("menu.ini")));
        MainWindow w(*m_account->engine, settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *action = w.findChild<QAction *>(QStringLiteral("closeMonthAction"));
        QVERIFY(action);
        QAction *fileMenu = nullptr;
        for (QAction *a : w.menuBar()->actions())
            if (a->menu() && a->menu()->actions().contains(action))
                fileMenu = a;
        QVERIFY(fileMenu);
        bool clicked = false;
        QTimer::singleShot(0, &w, [&] {
            auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
            if (!menu)
                return;
            QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
            clicked = true;
        });
        QTest::mouseClick(w.menuBar(), Qt::LeftButton, {}, w.menuBar()->actionGeometry(fileMenu).center());
        QTRY_VERIFY(clicked);
        QTRY_VERIFY(w.findChild<CloseMonthWizard *>() && w.findChild<CloseMonthWizard *>()->isVisible());
        auto *wizard = w.findChild<CloseMonthWizard *>();
        QTRY_VERIFY_WITH_TIMEOUT(!wizard->isPreviewing(), 60000);
        QTest::mouseClick(wizard->button(QWizard::CancelButton), Qt::LeftButton);
        QTRY_VERIFY(!w.findChild<CloseMonthWizard *>());
    }

    void previewsAndRefusesAnOpenMonth()
    {
        CloseMonthWizard wizard(*m_account->engine, nullptr);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.isPreviewing(), 60000);
        QCOMPARE(wizard.month(), QStringLiteral("2026-10"));
        QVERIFY(wizard.previewOk());
        const QString preview = text(&wizard, "closePreview");
        QVERIFY2(preview.contains(QLatin1String("Reconciliation: not reconciled")), qPrintable(preview));
        QVERIFY2(preview.contains(QLatin1String("Chargeback statements")), qPrintable(preview));
        shoot(&wizard, QStringLiteral("wizard-close-month.png"));
        chooseMonth(&wizard, QStringLiteral("2026-11"));
        QVERIFY(!wizard.previewOk());
        QVERIFY2(text(&wizard, "closePreview").contains(QLatin1String("not final")),
                 qPrintable(text(&wizard, "closePreview")));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        chooseMonth(&wizard, QStringLiteral("2026-10"));
        QVERIFY(wizard.previewOk());
    }

    void closesWithClicksAndShowsTheHash()
    {
        CloseMonthWizard wizard(*m_account->engine, nullptr);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.isPreviewing() && wizard.previewOk(), 60000);
        click(&wizard, QWizard::NextButton);
        QCOMPARE(wizard.currentId(), int(CloseMonthWizard::FolderPage));
        // A folder that does not exist keeps the wizard here.
        auto *folder = wizard.findChild<QLineEdit *>(QStringLiteral("closeFolder"));
        folder->selectAll();
        QTest::keyClicks(folder, m_dir.filePath(QStringLiteral("missing")));
        click(&wizard, QWizard::NextButton);
        QCOMPARE(wizard.currentId(), int(CloseMonthWizard::FolderPage));
        QVERIFY(folder->toolTip().contains(QLatin1String("missing")));
        const QString out = m_dir.filePath(QStringLiteral("pack"));
        QVERIFY(QDir().mkpath(out));
        folder->selectAll();
        QTest::keyClicks(folder, out);
        shoot(&wizard, QStringLiteral("wizard-close-folder.png"));
        QSignalSpy done(&wizard, &CloseMonthWizard::closeFinished);
        click(&wizard, QWizard::NextButton);
        QCOMPARE(wizard.currentId(), int(CloseMonthWizard::RunPage));
        QVERIFY(done.wait(120000) || !done.isEmpty());
        QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
        QVERIFY(wizard.closed());
        const QString hash = wizard.result()->contentHash;
        QFile json(QDir(out).filePath(QStringLiteral("close-2026-10.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QCOMPARE(
            QString::fromLatin1(QCryptographicHash::hash(json.readAll(), QCryptographicHash::Sha256).toHex()),
            hash);
        QVERIFY(text(&wizard, "closeStatus").contains(hash));
        QVERIFY(QFileInfo(QDir(out).filePath(QStringLiteral("close-2026-10.pdf"))).size() > 0);
        shoot(&wizard, QStringLiteral("wizard-close-done.png"));
        click(&wizard, QWizard::FinishButton);
        QVERIFY(!wizard.isVisible());
    }

    void cancelWritesNothing()
    {
        CloseMonthWizard wizard(*m_account->engine, nullptr);
        wizard.show();
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.isPreviewing() && wizard.previewOk(), 60000);
        const QString out = m_dir.filePath(QStringLiteral("cancelled"));
        QVERIFY(QDir().mkpath(out));
        wizard.setFolder(out);
        click(&wizard, QWizard::NextButton);
        QSignalSpy done(&wizard, &CloseMonthWizard::closeFinished);
        click(&wizard, QWizard::NextButton);
        QVERIFY(wizard.isClosing());
        QTest::mouseClick(wizard.button(QWizard::CancelButton), Qt::LeftButton);
        QVERIFY(done.wait(120000) || !done.isEmpty());
        if (done.first().at(0).toBool())
            QSKIP("the close finished before the cancel reached it");
        QVERIFY(done.first().at(1).toString().contains(QLatin1String("cancelled")));
        QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
        QVERIFY(!wizard.closed());
    }
};

QTEST_MAIN(TestCloseMonthUi)
#include "tst_closemonthui.moc"
