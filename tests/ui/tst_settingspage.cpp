#include "ownertest.h"
#include "settings/languagechoice.h"
#include "settings/settingspage.h"
#include "shell/settings.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUndoStack>

using namespace billing;
using namespace billing::ui;
using billing::test::money;

class TestSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void alertThresholdsAreValidatedSavedAndUndone()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QTemporaryDir dir;
        ConsoleSettings console(dir.filePath(QStringLiteral("s.ini")));
        SettingsPage page(*acc.engine, console, nullptr);
        page.show();
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        page.refresh();
        QCOMPARE(page.percentField()->value(), 10);
        QVERIFY(!page.saveButton()->isEnabled()); // nothing changed yet

        QLineEdit *field = page.thresholdField();
        field->selectAll();
        QTest::keyClicks(field, QStringLiteral("12.345"));
        QVERIFY(!page.reason().isEmpty());
        QVERIFY(!page.saveButton()->isEnabled());
        field->clear();
        QTest::keyClicks(field, QStringLiteral("25.50"));
        QVERIFY(page.reason().isEmpty());
        page.percentField()->setValue(20);
        QVERIFY(page.saveButton()->isEnabled());
        QTest::mouseClick(page.saveButton(), Qt::LeftButton);
        auto st = test::status(acc);
        QCOMPARE(st.account.lowBalanceThreshold, money("25.50"));
        QCOMPARE(st.account.quotaAlertPercent, 20);

        // Ctrl+Z outside a text field undoes the save (inside one, the field undoes its own typing).
        page.saveButton()->setFocus();
        QTest::keyClick(page.saveButton(), Qt::Key_Z, Qt::ControlModifier);
        st = test::status(acc);
        QCOMPARE(st.account.lowBalanceThreshold, Money());
        QCOMPARE(st.account.quotaAlertPercent, 10);
        QCOMPARE(page.percentField()->value(), 10);

        page.undoStack()->redo();
        QCOMPARE(test::status(acc).account.lowBalanceThreshold, money("25.50"));
    }

    // The language is chosen by keyboard, stored at once, and read back by the next start.
    void languageIsStoredForTheNextStart()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("s.ini"));
        {
            ConsoleSettings console(file);
            QCOMPARE(console.language(), QString()); // default: the system's
            SettingsPage page(*acc.engine, console, nullptr);
            page.show();
            QComboBox *combo = page.languageChoice()->combo();
            QCOMPARE(combo->currentIndex(), 0);
            combo->setFocus();
            QTest::keyClick(combo, Qt::Key_Down);
            QTest::keyClick(combo, Qt::Key_Down);
            QCOMPARE(page.languageChoice()->language(), QStringLiteral("zh_CN"));
            QVERIFY(!page.findChild<QLabel *>(QStringLiteral("languageNote"))->text().isEmpty());
        }
        ConsoleSettings again(file);
        QCOMPARE(again.language(), QStringLiteral("zh_CN"));
        QCOMPARE(ConsoleSettings::localeFor(again.language()).language(), QLocale::Chinese);
        QCOMPARE(ConsoleSettings::localeFor(QStringLiteral("en")).language(), QLocale::English);
        QCOMPARE(ConsoleSettings::localeFor(QString()), QLocale::system());
        SettingsPage page(*acc.engine, again, nullptr);
        QCOMPARE(page.languageChoice()->combo()->currentText(), QStringLiteral("简体中文"));
        again.setLanguage(QString());
        QCOMPARE(again.language(), QString());
    }

    void modelRefusesBadThresholds()
    {
        QVERIFY(!alerts::validate(AlertSettings{money("-1"), 10}));
        QVERIFY(!alerts::validate(AlertSettings{money("0.001"), 10}));
        QVERIFY(!alerts::validate(AlertSettings{Money(), 101}));
        QVERIFY(alerts::validate(AlertSettings{money("10000000"), 100}));
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settingspage.moc"
