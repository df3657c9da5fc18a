// Roles in the console: the window as a finance member or an analyst hides what the role may not do
// (and the model refuses it even when called directly); the account bar says who acts; the audit page
// lists, filters, details and exports the log with its chain status; backup and restore run from
// Settings with a preview and a confirmation.
#include "audit/auditpage.h"
#include "audit/audittablemodel.h"
#include "auth/members.h"
#include "engine/backup.h"
#include "ownertest.h"
#include "settings/maintenancesection.h"
#include "settings/settingspage.h"
#include "shell/accountbar.h"
#include "shell/mainwindow.h"
#include "shell/rolegate.h"
#include "shell/settings.h"
#include "storage/auditrepository.h"
#include "widgets/confirmdialog.h"

#include <QAction>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace billing;
using namespace billing::ui;

namespace {
// The console acts as the operating-system user; the tests give that user a role.
QString me()
{
    return Engine::defaultActor();
}

void makeMember(test::TestAccount &acc, Role role)
{
    acc.engine->setActor(QStringLiteral("boss"));
    QVERIFY(test::ok(acc.run([](Context &c) { return setMember(c, QStringLiteral("boss"), Role::Owner); })));
    if (me() != QLatin1String("boss"))
        QVERIFY(test::ok(acc.run([&](Context &c) { return setMember(c, me(), role); })));
    acc.engine->setActor(me());
}

// Visible to the user: the action is visible and (for a page's action) the window has it.
bool shown(MainWindow &w, const char *name)
{
    if (auto *a = w.findChild<QAction *>(QLatin1String(name)))
        return a->isVisible();
    if (auto *b = w.findChild<QWidget *>(QLatin1String(name)))
        return !b->property("billingHiddenByRole").toBool() && !b->isHidden();
    qFatal("no control %s", name);
}
} // namespace

class TestRolesWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void controlsFollowTheRole_data()
    {
        QTest::addColumn<Role>("role");
        QTest::newRow("owner") << Role::Owner;
        QTest::newRow("finance") << Role::Finance;
        QTest::newRow("analyst") << Role::Analyst;
    }
    void controlsFollowTheRole()
    {
        QFETCH(Role, role);
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "1000"));
        makeMember(acc, role);
        ConsoleSettings settings(m_settingsDir.filePath(QStringLiteral("roles.ini")));
        MainWindow w(*acc.engine, settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // The pages are built when first needed, after the role was resolved: each is gated then.
        for (PageId id : w.pages())
            QVERIFY(w.page(id));
        const bool owner = role == Role::Owner, finance = role == Role::Finance;
        QCOMPARE(shown(w, "buyPackageAction"), owner);
        QCOMPARE(shown(w, "buyAction"), owner);
        QCOMPARE(shown(w, "renewAction"), owner);
        QCOMPARE(shown(w, "unsubscribeAction"), owner);
        QCOMPARE(shown(w, "rightSizerRenew"), shown(w, "autoRenewAction")); // both set auto-renew
        QCOMPARE(shown(w, "stopBillingAction"), owner);
        QCOMPARE(shown(w, "stopBilling"), owner);
        QCOMPARE(shown(w, "toggleService"), owner);
        QCOMPARE(shown(w, "newGuard"), owner);
        QCOMPARE(shown(w, "removeGuard"), owner);
        QCOMPARE(shown(w, "topUpAction"), owner || finance);
        QCOMPARE(shown(w, "topUpButton"), owner || finance);
        QCOMPARE(shown(w, "importCallsAction"), owner || finance);
        // Closing the books (Permission::CloseMonth): File › Close month… and accepting a reconciliation.
        QCOMPARE(shown(w, "closeMonthAction"), owner || finance);
        QCOMPARE(shown(w, "reconcileAccept"), owner || finance);
        QCOMPARE(w.findChild<QLineEdit *>(QStringLiteral("reconcileNote"))->isReadOnly(),
                 !(owner || finance));
        QCOMPARE(shown(w, "saveBudget"), !finance);
        QCOMPARE(shown(w, "saveSettings"), owner);
        QCOMPARE(w.findChild<QLineEdit *>(QStringLiteral("lowBalanceThreshold"))->isReadOnly(), !owner);
        QCOMPARE(shown(w, "maintenanceSection"), owner || finance);
        QCOMPARE(shown(w, "restoreBackup"), owner);
        // The account bar says who acts.
        QVERIFY2(w.accountBar()->identityText().contains(me()), qPrintable(w.accountBar()->identityText()));
        QVERIFY(w.accountBar()->identityText().contains(roleName(role)));
        // Shown on screen too: the Services page's stop button, as the person sees it.
        w.showPage(PageId::Services);
        const auto buttons =
            w.findChild<QWidget *>(QStringLiteral("servicesPage"))->findChildren<QToolButton *>();
        bool stopVisible = false;
        for (QToolButton *b : buttons)
            if (b->defaultAction() && b->defaultAction()->objectName() == QLatin1String("stopBilling"))
                stopVisible = b->isVisible();
        QCOMPARE(stopVisible, owner);
        if (role == Role::Analyst) {
            w.showPage(PageId::Packages);
            test::shot(&w, "packages-as-analyst");
        }
        // Hidden is not the only guard: the model refuses the same action when called directly.
        auto stopped = acc.run([](Context &c) { return services::stopBilling(c); });
        QCOMPARE(stopped.ok(), owner);
        auto bought = test::buy(acc, "general-text", "cn-north-4", "100k");
        QCOMPARE(bought.ok(), owner);
        if (!owner) {
            QCOMPARE(bought.error().code, ErrorCode::Refused);
            QVERIFY(bought.error().message.contains(roleName(role)));
        }
        auto topped = acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(100)); });
        QCOMPARE(topped.ok(), owner || finance);
    }

    void aRoleChangeShowsAtTheNextRefresh()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        if (me() == QLatin1String("boss"))
            QSKIP("the test user is called boss");
        makeMember(acc, Role::Analyst);
        ConsoleSettings settings(m_settingsDir.filePath(QStringLiteral("change.ini")));
        MainWindow w(*acc.engine, settings);
        QVERIFY(!shown(w, "topUpAction"));
        acc.engine->setActor(QStringLiteral("boss"));
        QVERIFY(test::ok(acc.run([](Context &c) { return setMember(c, me(), Role::Finance); })));
        acc.engine->setActor(me());
        w.refresh();
        QVERIFY(shown(w, "topUpAction"));
        QVERIFY(!shown(w, "buyPackageAction"));
        QVERIFY(w.accountBar()->identityText().contains(roleName(Role::Finance)));
    }

    void auditPageListsFiltersAndExports()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        for (int i = 0; i < AuditTableModel::PageSize + 30; ++i)
            QVERIFY(test::topUp(acc, "1"));
        acc.engine->setActor(QStringLiteral("olivia"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        acc.engine->setActor(me());
        AuditPage page(*acc.engine, nullptr);
        page.resize(1000, 700);
        page.show();
        page.refresh();
        QTRY_VERIFY(!page.isBusy());
        QVERIFY2(page.chainText().contains(QLatin1String("verified")), qPrintable(page.chainText()));
        // Lazily loaded: the first page only, the rest as one scrolls.
        auto *model = page.model();
        QCOMPARE(model->rowCount(), AuditTableModel::PageSize);
        QVERIFY(model->canFetchMore({}));
        model->fetchMore({});
        QCOMPARE(model->rowCount(), AuditTableModel::PageSize + 32); // init, the top-ups, enable
        QVERIFY(!model->canFetchMore({}));
        QCOMPARE(model->entry(0).action, QStringLiteral("enable"));
        QCOMPARE(model->entry(0).actor, QStringLiteral("olivia"));
        // Filters by actor and by action.
        page.setActorFilter(QStringLiteral("olivia"));
        QCOMPARE(model->rowCount(), 1);
        page.setActorFilter(QString());
        page.setActionFilter(QStringLiteral("topup"));
        QCOMPARE(model->rowCount(), AuditTableModel::PageSize);
        QVERIFY(model->data(model->index(0, AuditTableModel::Change))
                    .toString()
                    .contains(QLatin1String("balance")));
        // Details: the JSON of the selected entry.
        auto *table = page.findChild<QTableView *>(QStringLiteral("auditTable"));
        table->setCurrentIndex(model->index(0, 0));
        QVERIFY2(page.detailsText().contains(QLatin1String("\"balance\"")), qPrintable(page.detailsText()));
        // Export: every entry the filter matches, not only the loaded page.
        const QString csv = m_settingsDir.filePath(QStringLiteral("audit.csv"));
        page.setPathProvider([csv] { return csv; });
        QSignalSpy done(&page, &AuditPage::exportFinished);
        QTest::mouseClick(page.findChild<QPushButton *>(QStringLiteral("exportAudit")), Qt::LeftButton);
        QTRY_COMPARE(done.size(), 1);
        QVERIFY(done.first().at(0).toBool());
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.first().trimmed(),
                 QByteArray("id,time,actor,action,subject,before,after,prev_hash,hash"));
        QCOMPARE(lines.size() - 2, AuditTableModel::PageSize + 30); // header, the top-ups, the last CRLF
        test::shot(&page, "audit-page");
    }

    void auditPageShowsABrokenChain()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "5"));
        {
            QSqlQuery q(acc.engine->database().connection());
            QVERIFY(
                q.exec(QStringLiteral("UPDATE audit_log SET actor = 'someone else' WHERE action = 'topup'")));
        }
        AuditPage page(*acc.engine, nullptr);
        page.refresh();
        QTRY_VERIFY(!page.isBusy());
        QVERIFY2(page.chainText().contains(QLatin1String("broken")), qPrintable(page.chainText()));
        QVERIFY(page.chainText().contains(QLatin1String("altered")));
    }

    void backupAndRestoreFromSettings()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "10"));
        ConsoleSettings settings(m_settingsDir.filePath(QStringLiteral("backup.ini")));
        MainWindow w(*acc.engine, settings);
        w.showPage(PageId::Settings);
        auto *section = w.findChild<MaintenanceSection *>();
        QVERIFY(section);
        const QString backup = acc.dir.filePath(QStringLiteral("console-backup.sqlite"));
        section->setPathProvider([&](MaintenanceSection::Purpose p) {
            return p == MaintenanceSection::Purpose::BackupTarget ? backup : backup;
        });
        QSignalSpy backedUp(section, &MaintenanceSection::backupFinished);
        QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("backUp")), Qt::LeftButton);
        QTRY_COMPARE(backedUp.size(), 1);
        QVERIFY2(backedUp.first().at(0).toBool(), qPrintable(section->statusText()));
        QVERIFY2(section->statusText().contains(QLatin1String("verified")),
                 qPrintable(section->statusText()));
        QVERIFY(QFile::exists(backup));
        test::shot(&w, "backup-done");

        // Later money, then the restore brings the account back to the backup.
        QVERIFY(test::topUp(acc, "90"));
        w.refresh();
        QVERIFY(w.accountBar()->balanceText().startsWith(QLatin1String("100.00")));
        QSignalSpy preview(section, &MaintenanceSection::previewReady);
        QTest::mouseClick(w.findChild<QPushButton *>(QStringLiteral("restoreBackup")), Qt::LeftButton);
        QTRY_COMPARE(preview.size(), 1);
        ConfirmDialog *dialog = section->restoreDialog();
        QVERIFY(dialog && dialog->isVisible());
        const QString rows = dialog->rows().join(u'\n');
        QVERIFY2(rows.contains(QLatin1String("Test (USD)")), qPrintable(rows));
        QVERIFY(rows.contains(QLatin1String("every invariant holds")));
        QVERIFY(dialog->refusal().isEmpty());
        QVERIFY(dialog->confirmButton()->isEnabled());
        test::shot(dialog, "restore-preview");
        QSignalSpy restored(section, &MaintenanceSection::restoreFinished);
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        QTRY_COMPARE(restored.size(), 1);
        QVERIFY2(restored.first().at(0).toBool(), qPrintable(section->statusText()));
        // The window reloads on the restored data.
        QTRY_VERIFY2(w.accountBar()->balanceText().startsWith(QLatin1String("10.00")),
                     qPrintable(w.accountBar()->balanceText()));
        QCOMPARE(test::status(acc).account.balance, test::money("10"));
    }

    void aDamagedBackupIsNotOfferedForRestore()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        const QString junk = acc.dir.filePath(QStringLiteral("junk.sqlite"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a database");
        f.close();
        ConfirmDialog *dialog = nullptr;
        ConsoleSettings settings(m_settingsDir.filePath(QStringLiteral("junk.ini")));
        MainWindow w(*acc.engine, settings);
        auto *section = w.page(PageId::Settings)->findChild<MaintenanceSection *>();
        QSignalSpy preview(section, &MaintenanceSection::previewReady);
        section->previewRestore(junk);
        QTRY_COMPARE(preview.size(), 1);
        dialog = section->restoreDialog();
        QVERIFY(!dialog->refusal().isEmpty());
        QVERIFY(!dialog->confirmButton()->isEnabled());
    }

    void restoreIsRefusedToFinanceByTheModel()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        const QString backup = acc.dir.filePath(QStringLiteral("b.sqlite"));
        QVERIFY(backupDatabase(acc.engine->database(), backup, me()).ok());
        makeMember(acc, Role::Finance);
        if (me() == QLatin1String("boss"))
            QSKIP("the test user is called boss");
        const Status s = restoreDatabase(backup, acc.path, me());
        QCOMPARE(s.error().code, ErrorCode::Refused);
        QVERIFY(s.error().message.contains(roleName(Role::Finance)));
    }
};

QTEST_MAIN(TestRolesWindow)
#include "tst_roleswindow.moc"
