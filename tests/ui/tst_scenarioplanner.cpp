// The Scenario planner page (issue #16, billing-rules §10): a +30 % scenario built with the form by
// real clicks and keys, saved by name, run in the worker: the table shows 1.3× the baseline, the same
// figures as whatif::plan (billingctl whatif); a run can be cancelled. The account has 1,000 general-text
// calls every hour of the 28 days before now: 1.50 an hour, November 1080.00.
#include "engine/whatif.h"
#include "ownertest.h"
#include "planner/scenarioeditor.h"
#include "planner/scenarioplannerpage.h"
#include "widgets/errorbanner.h"
#include "widgets/timeseriesplot.h"

#include <QDir>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace billing;
using namespace billing::ui;

namespace {
QByteArray hourlyCalls()
{
    QByteArray out("timestamp,api,region,status,count\n");
    const Instant start = test::at("2026-10-01T00:30:00+08:00");
    const BillingCalendar cal(8 * 3600);
    for (int h = 0; h < 28 * 24; ++h)
        out += cal.format(start + h * kMicrosPerHour).toUtf8() + ",general-text,cn-north-4,200,1000\n";
    return out;
}

void editCell(QTableWidget *t, int row, int column, const QString &text)
{
    const QRect r = t->visualRect(t->model()->index(row, column));
    QTest::mouseClick(t->viewport(), Qt::LeftButton, {}, r.center());
    QTest::keyClick(t, Qt::Key_F2);
    QWidget *editor = QApplication::focusWidget();
    QVERIFY(editor);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
}
} // namespace

class TestScenarioPlanner : public QObject
{
    Q_OBJECT

    QTemporaryDir m_folder;

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void thirtyPercentMoreShowsOnePointThreeTimes()
    {
        test::TestAccount acc("2026-09-30T00:00:00+08:00");
        QVERIFY(test::topUp(acc, "100000"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        acc.setNow("2026-10-29T00:00:00+08:00");
        QVERIFY(test::ok(test::importCsv(acc, hourlyCalls())));

        ScenarioPlannerPage page(*acc.engine, nullptr, m_folder.path());
        page.resize(1200, 800);
        page.show();
        page.refresh();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        ScenarioEditor *editor = page.editor();
        QTest::keyClicks(editor->nameEdit(), "plus30");
        QTest::mouseClick(editor->addButton(), Qt::LeftButton);
        QCOMPARE(editor->changesTable()->rowCount(), 1);
        editCell(editor->changesTable(), 0, ScenarioEditor::Amount, QStringLiteral("30"));
        QTest::mouseClick(page.saveButton(), Qt::LeftButton);
        QCOMPARE(page.savedList()->count(), 1);
        QCOMPARE(page.savedList()->item(0)->text(), QStringLiteral("plus30"));
        QVERIFY(QFile::exists(QDir(m_folder.path()).filePath(QStringLiteral("plus30.json"))));

        page.monthsBox()->setFocus();
        page.monthsBox()->selectAll();
        QTest::keyClicks(page.monthsBox(), "2");
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QVERIFY(page.isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 60000);
        QTableWidget *t = page.resultTable();
        QCOMPARE(t->rowCount(), 2);
        QCOMPARE(t->columnCount(), 4);
        QCOMPARE(t->item(0, 0)->text(), QStringLiteral("2026-11"));
        QCOMPARE(t->item(0, 1)->text(), QStringLiteral("1080.00"));
        QCOMPARE(t->item(0, 2)->text(), QStringLiteral("1404.00")); // 1.3 × 1080.00
        QCOMPARE(t->item(0, 3)->text(), QStringLiteral("324.00"));
        QCOMPARE(t->item(1, 1)->text(), QStringLiteral("1116.00"));
        QCOMPARE(t->item(1, 2)->text(), QStringLiteral("1450.80"));
        QCOMPARE(page.plot()->seriesCount(), 2);

        // The same figures as the model (and so billingctl whatif) gives for the saved file.
        auto saved = editor->scenario();
        QVERIFY(saved);
        auto report = whatif::plan(*acc.engine, acc.clock.now(), acc.engine->actor(), {*saved}, 2);
        QVERIFY2(report, qPrintable(report ? QString() : report.error().message));
        for (int m = 0; m < 2; ++m) {
            QCOMPARE(t->item(m, 1)->text(), report->baseline.months[size_t(m)].charged.toString());
            QCOMPARE(t->item(m, 2)->text(), report->scenarios[0].months[size_t(m)].charged.toString());
        }
        const QString shot = qEnvironmentVariable("BILLING_SCREENSHOT_DIR");
        if (!shot.isEmpty())
            QVERIFY(page.grab().save(QDir(shot).filePath(QStringLiteral("page-scenario-planner.png"))));

        // Bad input in the form: the banner says which change and key, nothing runs.
        editCell(editor->changesTable(), 0, ScenarioEditor::Amount, QStringLiteral("-200"));
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QVERIFY(!page.isBusy());
        auto *banner = page.findChild<ErrorBanner *>();
        QVERIFY(banner && banner->isVisible());

        // Cancel: a 12-month run stopped at once reports the cancellation.
        page.savedList()->item(0)->setCheckState(Qt::Checked);
        page.monthsBox()->setValue(12);
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QVERIFY(page.cancelButton()->isEnabled());
        QTest::mouseClick(page.cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 60000);
        QVERIFY(page.runButton()->isEnabled());
    }
};

QTEST_MAIN(TestScenarioPlanner)
#include "tst_scenarioplanner.moc"
