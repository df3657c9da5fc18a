// Cost Center › Budgets, scopes (billing-rules §10, "Budget scope"): the scope editor driven by real
// clicks, the scope stored and shown in the list with the scope's own spend, and undo.
#include "analysis/analysissettings.h"
#include "costcenter/budgetmodel.h"
#include "costcenter/budgetspage.h"
#include "costcenter/scopeeditor.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/services.h"
#include "storage/budgetrepository.h"
#include "testaccount.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using namespace billing;
using namespace billing::ui;

namespace {
// The items of a scope list whose value (the id kept as item data) is `value`.
QList<QListWidgetItem *> itemsOf(QListWidget *list, const QString &value)
{
    QList<QListWidgetItem *> out;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->data(Qt::UserRole).toString() == value)
            out << list->item(i);
    return out;
}

// Clicks the item `value` of a scope list, as a person would: it toggles its selection.
void clickValue(ScopeEditor *editor, const char *dimension, const char *value)
{
    QListWidget *list = editor->list(QString::fromLatin1(dimension));
    QVERIFY(list);
    const auto found = itemsOf(list, QString::fromLatin1(value));
    QVERIFY2(found.size() == 1, value);
    list->scrollToItem(found.front());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(found.front()).center());
}

QStringList selected(ScopeEditor *editor, const char *dimension)
{
    QStringList out;
    for (QListWidgetItem *item : editor->list(QString::fromLatin1(dimension))->selectedItems())
        out << item->data(Qt::UserRole).toString();
    out.sort();
    return out;
}
} // namespace

class TestBudgetScope : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestAccount> m_acc;

    std::vector<Budget> stored()
    {
        auto b = m_acc->run([](Context &c) { return BudgetRepository(c.db).all(); });
        return b ? *b : std::vector<Budget>();
    }

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_acc = std::make_unique<test::TestAccount>("2026-10-01T08:00:00+08:00");
        QVERIFY(m_acc->run([](Context &c) { return funds::topUp(c, Money::fromCents(100000)); }));
        for (const char *api : {"general-text", "id-card"})
            QVERIFY(m_acc->run([&](Context &c) {
                return services::setEnabled(c, QString::fromLatin1(api), QStringLiteral("cn-north-4"), true);
            }));
        QVERIFY(m_acc->run([](Context &c) {
            return setProjectTags(c, QStringLiteral("web"), QStringList{QStringLiteral("frontend")});
        }));
        // general-text for web 3.00, id-card for kyc 3.00.
        QByteArray csv = "timestamp,api,region,status,enterprise_project,count\n"
                         "2026-10-01T09:10:00+08:00,general-text,cn-north-4,200,web,2000\n"
                         "2026-10-01T09:10:00+08:00,id-card,cn-north-4,200,kyc,1000\n";
        m_acc->setNow("2026-10-01T12:00:00+08:00");
        QBuffer buf(&csv);
        buf.open(QIODevice::ReadOnly);
        auto imported = m_acc->engine->runThenCatchUp([&](Context &c) {
            return importCalls(c, buf, ImportOptions{QStringLiteral("calls"), false});
        });
        QVERIFY(imported.ok());
    }

    void scopeIsPickedByClicksAndShown()
    {
        BudgetsPage page(*m_acc->engine, nullptr);
        QAbstractItemModelTester tester(page.model());
        page.resize(1100, 760);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.refresh();
        ScopeEditor *scope = page.scopeEditor();
        // The values offered: the catalog's APIs and regions, the projects with records, the tags in use.
        // APIs and regions by the names the console shows everywhere, their ids as the items' data.
        const auto idCard = itemsOf(scope->list(QStringLiteral("api")), QStringLiteral("id-card"));
        QCOMPARE(idCard.size(), 1);
        QCOMPARE(idCard.front()->text(), QStringLiteral("ID Card"));
        const auto singapore =
            itemsOf(scope->list(QStringLiteral("region")), QStringLiteral("ap-southeast-1"));
        QCOMPARE(singapore.size(), 1);
        QCOMPARE(singapore.front()->text(), QStringLiteral("CN-Hong Kong"));
        QCOMPARE(scope->list(QStringLiteral("project"))->count(), 2); // kyc, web
        QCOMPARE(scope->list(QStringLiteral("tag"))->count(), 1);     // frontend

        QTest::keyClicks(page.nameEdit(), QStringLiteral("Cards"));
        QTest::keyClicks(page.amountEdit(), QStringLiteral("5"));
        clickValue(scope, "api", "id-card");
        clickValue(scope, "api", "general-text");
        clickValue(scope, "region", "cn-north-4");
        clickValue(scope, "api", "general-text"); // clicked again: out of the scope
        QCOMPARE(selected(scope, "api"), QStringList{"id-card"});
        QVERIFY(page.saveButton()->isEnabled());
        QTest::mouseClick(page.saveButton(), Qt::LeftButton);
        auto budgets = stored();
        QCOMPARE(budgets.size(), size_t(1));
        QCOMPARE(budgets[0].scope.apis, QStringList{"id-card"});
        QCOMPARE(budgets[0].scope.regions, QStringList{"cn-north-4"});
        QVERIFY(budgets[0].scope.projects.isEmpty());
        QTRY_COMPARE(page.model()->rowCount(), 1);
        // The list shows the scope and the scope's own spend: id-card's 3.00 of the 6.00 spent.
        QCOMPARE(page.model()->data(page.model()->index(0, BudgetModel::Scope)).toString(),
                 QStringLiteral("API ID Card; region CN North-Beijing4"));
        QCOMPARE(page.model()->status(0).actual, Money::fromCents(300));
        QCOMPARE(page.model()->data(page.model()->index(0, BudgetModel::SpentPercent)).toString(),
                 QStringLiteral("60 %"));

        // A second budget for a tag: the editor starts empty (the whole account) for a new budget.
        QTest::mouseClick(page.newButton(), Qt::LeftButton);
        QVERIFY(scope->scope().isEmpty());
        QTest::keyClicks(page.nameEdit(), QStringLiteral("Frontend"));
        QTest::keyClicks(page.amountEdit(), QStringLiteral("100"));
        clickValue(scope, "tag", "frontend");
        QTest::mouseClick(page.saveButton(), Qt::LeftButton);
        QTRY_COMPARE(page.model()->rowCount(), 2);
        const BudgetStatus &frontend = page.model()->status(1);
        QCOMPARE(frontend.budget.name, QStringLiteral("Frontend"));
        QCOMPARE(frontend.budget.scope.tags, QStringList{"frontend"});
        QCOMPARE(frontend.actual, Money::fromCents(300)); // web's general-text

        // Selecting a budget shows its scope in the editor; a change is saved and undone.
        page.table()->selectRow(0);
        QCOMPARE(page.nameEdit()->text(), QStringLiteral("Cards"));
        QCOMPARE(selected(scope, "api"), QStringList{"id-card"});
        QCOMPARE(selected(scope, "region"), QStringList{"cn-north-4"});
        QCOMPARE(selected(scope, "tag"), QStringList());
        clickValue(scope, "project", "kyc");
        QTest::mouseClick(page.saveButton(), Qt::LeftButton);
        QTRY_COMPARE(page.model()->status(0).budget.scope.projects, QStringList{"kyc"});
        QCOMPARE(stored()[0].scope.projects, QStringList{"kyc"});
        page.undoStack()->undo();
        QCOMPARE(stored()[0].scope.projects, QStringList());
        QTRY_COMPARE(page.model()->status(0).budget.scope.projects, QStringList());

        // Clearing every value makes the budget account-wide: 6.00 spent.
        page.table()->selectRow(0);
        clickValue(scope, "api", "id-card");
        clickValue(scope, "region", "cn-north-4");
        QVERIFY(scope->scope().isEmpty());
        QTest::mouseClick(page.saveButton(), Qt::LeftButton);
        QTRY_COMPARE(page.model()->status(0).actual, Money::fromCents(600));
        QCOMPARE(page.model()->data(page.model()->index(0, BudgetModel::Scope)).toString(),
                 QStringLiteral("Whole account"));
        page.undoStack()->undo();
        QTRY_COMPARE(page.model()->status(0).actual, Money::fromCents(300));

        page.table()->selectRow(0);
        const QString shots = QString::fromLocal8Bit(qgetenv("BILLING_SCREENSHOTS"));
        if (!shots.isEmpty())
            QVERIFY(page.grab().save(QDir(shots).filePath(QStringLiteral("budgets-scope.png"))));
    }
};

QTEST_MAIN(TestBudgetScope)
#include "tst_budgetscope.moc"
