// The Scenario planner page (issue #16, billing-rules §10): a scenario (+30 %, a 100k package bought on a
// date) built in the form with real clicks and keys on its pickers, saved by name, run in the worker; the
// table's figures are those of the real `billingctl whatif` on the saved file and the same account. Bad
// input is prevented (percent, dates) or flagged inline; a run can be cancelled. The account has 1,000
// general-text calls every hour of the 28 days before now: 1.50 an hour, November 1080.00.
#include "engine/whatif.h"
#include "ownertest.h"
#include "planner/changeeditor.h"
#include "planner/scenarioeditor.h"
#include "planner/scenarioplannerpage.h"
#include "widgets/errorbanner.h"
#include "widgets/timeseriesplot.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
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

// Picks the item of a combo box whose text starts with `text` by typing it, as a keyboard user does.
void pick(QComboBox *box, const QString &text)
{
    box->setFocus();
    QTest::qWait(QApplication::keyboardInputInterval() + 50); // a new search, not the last one's tail
    QTest::keyClicks(box, text);
    QVERIFY2(box->currentText().startsWith(text), qPrintable(box->currentText()));
}

// Replaces a spin box's value by typing.
void typeInto(QSpinBox *box, const QString &text)
{
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Tab);
}

QJsonObject runBillingctl(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(BILLINGCTL_PATH), args);
    if (!p.waitForFinished(120000))
        return {};
    if (p.exitCode() != 0)
        qWarning("%s", p.readAllStandardError().constData());
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}
} // namespace

class TestScenarioPlanner : public QObject
{
    Q_OBJECT

    QTemporaryDir m_folder;

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void aScenarioBuiltWithTheFormRunsAsBillingctlDoes()
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
        ChangeEditor *change = editor->changeEditor();
        QTest::keyClicks(editor->nameEdit(), "plus30");
        // A volume change of +30 % for every API: the kind is the first of the combo, the percent typed.
        QTest::mouseClick(editor->addButton(), Qt::LeftButton);
        QCOMPARE(editor->changesTable()->rowCount(), 1);
        QVERIFY(change->isEnabled());
        QCOMPARE(change->typeBox()->currentText(), ChangeEditor::typeLabel(whatif::Change::Type::Volume));
        QVERIFY(change->percentBox()->isVisible());
        QVERIFY(!change->dateEdit()->isVisible());
        typeInto(change->percentBox(), QStringLiteral("30"));
        QCOMPARE(change->percentBox()->value(), 30);
        // A 100k package of general-text in cn-north-4, bought a month after tomorrow (2026-11-30).
        QTest::mouseClick(editor->addButton(), Qt::LeftButton);
        QCOMPARE(editor->changesTable()->currentRow(), 1);
        change->typeBox()->setFocus();
        QTest::keyClick(change->typeBox(), Qt::Key_Down);
        QTest::keyClick(change->typeBox(), Qt::Key_Down);
        QCOMPARE(change->typeBox()->currentText(), ChangeEditor::typeLabel(whatif::Change::Type::Buy));
        QVERIFY(change->skuBox()->isVisible() && change->dateEdit()->isVisible());
        QVERIFY(!change->percentBox()->isVisible());
        pick(change->apiBox(), QStringLiteral("general-text"));
        pick(change->regionBox(), QStringLiteral("cn-north-4"));
        pick(change->skuBox(), QStringLiteral("100k"));
        QCOMPARE(change->dateEdit()->date(), QDate(2026, 10, 30)); // tomorrow: the earliest
        QCOMPARE(change->dateEdit()->minimumDate(), QDate(2026, 10, 30));
        change->dateEdit()->setFocus();
        QTest::keyClick(change->dateEdit(), Qt::Key_Home);
        for (int i = 0; i < 5; ++i) // past "2026-": the month
            QTest::keyClick(change->dateEdit(), Qt::Key_Right);
        QTest::keyClick(change->dateEdit(), Qt::Key_Up);
        QCOMPARE(change->dateEdit()->date(), QDate(2026, 11, 30));
        QTest::keyClick(change->dateEdit(), Qt::Key_Down, Qt::ControlModifier); // no past dates
        QVERIFY(change->dateEdit()->date() >= QDate(2026, 10, 30));
        QTest::keyClick(change->dateEdit(), Qt::Key_Up);
        QCOMPARE(change->dateEdit()->date(), QDate(2026, 11, 30));
        QCOMPARE(editor->changesTable()->item(1, ScenarioEditor::Check)->text(), QStringLiteral("OK"));
        QTest::mouseClick(page.saveButton(), Qt::LeftButton);
        QCOMPARE(page.savedList()->count(), 1);
        QCOMPARE(page.savedList()->item(0)->text(), QStringLiteral("plus30"));
        const QString file = QDir(m_folder.path()).filePath(QStringLiteral("plus30.json"));
        QVERIFY(QFile::exists(file));

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
        // 29 days of 1,300 calls an hour (1.95) and the package (127.50) whose quota covers 2026-11-30.
        QCOMPARE(t->item(0, 2)->text(), QStringLiteral("1484.70"));
        QCOMPARE(t->item(0, 3)->text(), QStringLiteral("404.70"));
        QCOMPARE(t->item(1, 1)->text(), QStringLiteral("1116.00"));
        QCOMPARE(page.plot()->seriesCount(), 2);
        // One label per month on the time axis, at the month's start: no month twice.
        page.plot()->replotNow();
        QCOMPARE(page.plot()->timeAxisLabels(), (QStringList{"Nov\n2026", "Dec\n2026"}));

        // GUI equals CLI: billingctl whatif on the saved file and the same account gives the same figures.
        const QJsonObject cli = runBillingctl({"--db", acc.path, "--now", "2026-10-29T00:00:00+08:00",
                                               "--json", "whatif", file, "--months", "2"});
        const QJsonArray base = cli.value("baseline").toObject().value("months").toArray();
        const QJsonObject scenario = cli.value("scenarios").toArray().at(0).toObject();
        QCOMPARE(base.size(), 2);
        for (int m = 0; m < 2; ++m) {
            QCOMPARE(t->item(m, 0)->text(), base[m].toObject().value("month").toString());
            QCOMPARE(t->item(m, 1)->text(), base[m].toObject().value("charged").toString());
            QCOMPARE(t->item(m, 2)->text(),
                     scenario.value("months").toArray()[m].toObject().value("charged").toString());
            QCOMPARE(t->item(m, 3)->text(), scenario.value("difference").toArray()[m].toString());
        }
        const QString shot = qEnvironmentVariable("BILLING_SCREENSHOT_DIR");
        if (!shot.isEmpty())
            QVERIFY(page.grab().save(QDir(shot).filePath(QStringLiteral("page-scenario-planner.png"))));

        // Bad input in the form: the percent box stops at -100 %; calls moved from an API to itself are
        // flagged at once, and nothing runs.
        editor->changesTable()->setFocus();
        QTest::mouseClick(
            editor->changesTable()->viewport(), Qt::LeftButton, {},
            editor->changesTable()->visualItemRect(editor->changesTable()->item(0, 0)).center());
        QCOMPARE(change->typeBox()->currentText(), ChangeEditor::typeLabel(whatif::Change::Type::Volume));
        typeInto(change->percentBox(), QStringLiteral("-200"));
        QVERIFY(change->percentBox()->value() >= -100);
        QTest::mouseClick(editor->addButton(), Qt::LeftButton);
        change->typeBox()->setFocus();
        QTest::keyClick(change->typeBox(), Qt::Key_Down);
        QCOMPARE(change->typeBox()->currentText(), ChangeEditor::typeLabel(whatif::Change::Type::Move));
        QVERIFY(change->toApiBox()->isVisible());
        QVERIFY(!change->dateEdit()->isVisible());
        pick(change->apiBox(), QStringLiteral("general-text"));
        pick(change->toApiBox(), QStringLiteral("general-text"));
        QVERIFY(change->problemLabel()->isVisible());
        QVERIFY2(change->problemLabel()->text().contains(QStringLiteral("same API")),
                 qPrintable(change->problemLabel()->text()));
        QVERIFY(editor->changesTable()->item(2, ScenarioEditor::Check)->text().startsWith("Cannot run"));
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QVERIFY(!page.isBusy());
        auto *banner = page.findChild<ErrorBanner *>();
        QVERIFY(banner && banner->isVisible());
        if (!shot.isEmpty())
            QVERIFY(page.grab().save(QDir(shot).filePath(QStringLiteral("page-scenario-planner-check.png"))));
        pick(change->toApiBox(), QStringLiteral("general-table"));
        QVERIFY(!change->problemLabel()->isVisible());

        // The saved scenario opens again in the form by a double click, its pickers set from the file.
        const QListWidget *saved = page.savedList();
        const QPoint item = saved->visualItemRect(saved->item(0)).center();
        QTest::mouseClick(saved->viewport(), Qt::LeftButton, {}, item); // the press a double click follows
        QTest::mouseDClick(saved->viewport(), Qt::LeftButton, {}, item);
        QCOMPARE(editor->changesTable()->rowCount(), 2);
        QCOMPARE(editor->changesTable()->item(1, ScenarioEditor::Details)->text(),
                 QStringLiteral("general-text in cn-north-4, size 100k"));
        QTest::mouseClick(
            editor->changesTable()->viewport(), Qt::LeftButton, {},
            editor->changesTable()->visualItemRect(editor->changesTable()->item(1, 0)).center());
        QCOMPARE(change->skuBox()->currentData().toString(), QStringLiteral("100k"));
        QCOMPARE(change->dateEdit()->date(), QDate(2026, 11, 30));

        // Cancel: a 12-month run stopped at once reports the cancellation.
        page.savedList()->item(0)->setCheckState(Qt::Checked);
        page.monthsBox()->setValue(12);
        QTest::mouseClick(page.runButton(), Qt::LeftButton);
        QVERIFY(page.cancelButton()->isEnabled());
        QTest::mouseClick(page.cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 60000);
        QVERIFY(page.runButton()->isEnabled());
    }

    // Every kind of change of the README's example goes through the form unchanged: the file the form
    // writes is the one billingctl reads. Values the account does not have (packages 3 and 4, project
    // "shop") are kept and shown as they are.
    void everyKindRoundTripsThroughTheForm()
    {
        test::TestAccount acc("2026-10-29T00:00:00+08:00");
        ScenarioPlannerPage page(*acc.engine, nullptr, m_folder.path());
        page.resize(1200, 800);
        page.show();
        page.refresh();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto file = whatif::parseScenario(R"({ "name": "growth", "changes": [
          { "type": "volume", "api": "general-text", "project": "shop", "percent": 30 },
          { "type": "move", "from_api": "general-text", "to_api": "general-table", "share_percent": 20 },
          { "type": "buy", "api": "general-text", "region": "cn-north-4", "sku": "1m", "date": "2026-11-10" },
          { "type": "renew", "package_id": 3, "sku": "5m", "date": "2026-12-01" },
          { "type": "unsubscribe", "package_id": 4, "date": "2026-11-02" },
          { "type": "disable", "api": "web-image", "region": "cn-east-3", "date": "2026-11-15" },
          { "type": "enable", "api": "web-image", "region": "cn-east-3", "date": "2026-12-01" },
          { "type": "guard", "name": "cap", "api": "general-text", "region": "cn-north-4",
            "month_cost": "500.00", "date": "2026-11-01" },
          { "type": "guard", "name": "floor", "api": "all", "balance_floor": "20.00", "date": "2026-11-01" } ] })");
        QVERIFY2(file, qPrintable(file ? QString() : file.error().message));
        ScenarioEditor *editor = page.editor();
        editor->setScenario(*file);
        QTableWidget *list = editor->changesTable();
        QCOMPARE(list->rowCount(), int(file->changes.size()));
        for (int row = 0; row < list->rowCount(); ++row) {
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                              list->visualItemRect(list->item(row, 0)).center());
            QCOMPARE(list->currentRow(), row);
            const auto json = [](const whatif::Change &c) {
                whatif::Scenario one;
                one.name = QStringLiteral("x");
                one.changes = {c};
                return whatif::scenarioToJson(one);
            };
            QCOMPARE(json(editor->changeEditor()->change()), json(file->changes[size_t(row)]));
        }
        // Packages 3 and 4 are not the account's: flagged, so the scenario is not saved.
        QVERIFY(list->item(3, ScenarioEditor::Check)->text().contains(QStringLiteral("package 3")));
        QVERIFY(!editor->scenario());
    }
};

QTEST_MAIN(TestScenarioPlanner)
#include "tst_scenarioplanner.moc"
