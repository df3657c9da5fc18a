// Spend guards in the console (issue #16): the Guards section of the Services page (New guard with
// its 30-day dry-run preview, the list with state, removal) and the main window's banner after a
// guard fired, whose re-enable asks first and shows the services' marginal price. Real clicks and keys.
#include "engine/guards.h"
#include "ownertest.h"
#include "services/guarddialog.h"
#include "services/guardspanel.h"
#include "services/servicespage.h"
#include "shell/guardbanner.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "widgets/confirmdialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace billing;
using namespace billing::ui;

namespace {
// 4,000 general-text calls (6.00) in hours 9, 10 and 11 of 1 November.
const QByteArray kCalls = "timestamp,api,region,status,count\n"
                          "2026-11-01T09:10:00+08:00,general-text,cn-north-4,200,4000\n"
                          "2026-11-01T10:10:00+08:00,general-text,cn-north-4,200,4000\n"
                          "2026-11-01T11:10:00+08:00,general-text,cn-north-4,200,4000\n";

Result<Guard> setCostGuard(test::TestAccount &acc, const char *name, const char *api, const char *limit)
{
    return acc.run([&](Context &c) -> Result<Guard> {
        guards::GuardSpec s;
        s.name = QString::fromUtf8(name);
        s.api = QString::fromLatin1(api);
        s.monthCost = QString::fromLatin1(limit);
        auto g = guards::fromSpec(c, s);
        if (!g)
            return g.error();
        return guards::set(c, *g);
    });
}

bool serviceEnabled(test::TestAccount &acc, const char *api)
{
    for (const ServiceState &s : test::status(acc).services)
        if (s.api == QLatin1String(api) && s.region == QLatin1String("cn-north-4"))
            return s.enabled;
    return false;
}

// The main window on the Services page, with settings of its own.
struct ServicesWindow
{
    explicit ServicesWindow(Engine &engine) : w(engine, settings)
    {
        w.resize(1280, 800);
        w.show();
        w.showPage(PageId::Services);
    }
    QTemporaryDir dir;
    ConsoleSettings settings{dir.filePath(QStringLiteral("s.ini"))};
    MainWindow w;
};

bool clickRow(QTableWidget *table, int row)
{
    const QRect r = table->visualRect(table->model()->index(row, 0));
    if (!r.isValid())
        return false;
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, r.center());
    return true;
}
} // namespace

class TestGuardsUi : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void newGuardPreviewsItsDryRunThenAddsIt()
    {
        test::TestAccount acc("2026-11-01T08:00:00+08:00");
        QVERIFY(test::topUp(acc, "500"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        acc.setNow("2026-11-01T12:00:00+08:00");
        QVERIFY(test::ok(test::importCsv(acc, kCalls)));
        ServicesPage page(*acc.engine, nullptr);
        page.resize(1100, 760);
        page.show();
        page.refresh();
        GuardsPanel *panel = page.guardsPanel();
        QCOMPARE(panel->table()->rowCount(), 0);

        QTest::mouseClick(panel->newButton(), Qt::LeftButton);
        auto *dialog = panel->findChild<GuardDialog *>(QStringLiteral("guardDialog"));
        QVERIFY(dialog);
        QVERIFY(!dialog->addButton()->isEnabled());
        QTest::keyClicks(dialog->nameField(), "Text cap");
        dialog->apiField()->setFocus();
        dialog->apiField()->setCurrentIndex(dialog->apiField()->findData(QStringLiteral("general-text")));
        QTest::keyClicks(dialog->amountField(), "10.001");
        QVERIFY(!dialog->addButton()->isEnabled()); // checked as it is typed
        QVERIFY2(dialog->reasonLabel()->text().contains(QStringLiteral("not an amount")),
                 qPrintable(dialog->reasonLabel()->text()));
        QTest::keyClick(dialog->amountField(), Qt::Key_Backspace);
        QVERIFY(dialog->addButton()->isEnabled());
        QVERIFY(dialog->reasonLabel()->text().isEmpty());

        QSignalSpy done(dialog, &GuardDialog::previewFinished);
        QTest::mouseClick(dialog->previewButton(), Qt::LeftButton);
        QVERIFY(done.wait(10000));
        const QString preview = dialog->previewLabel()->text();
        // 12.00 reached with hour 10: fired at 11:00; hour 11's 4,000 calls (6.00) avoided.
        QVERIFY2(preview.contains(QStringLiteral("11:00")) && preview.contains(QStringLiteral("4,000")) &&
                     preview.contains(QStringLiteral("6.00")),
                 qPrintable(preview));
        // Replayed on a scratch copy: the account has no guard and the same bill.
        auto none = acc.run([](Context &c) { return guards::list(c); });
        QVERIFY(none && none->empty());
        QVERIFY(serviceEnabled(acc, "general-text"));
        test::shot(dialog, "dialog-new-guard");
        QTest::mouseClick(dialog->addButton(), Qt::LeftButton);

        QCOMPARE(panel->table()->rowCount(), 1);
        QCOMPARE(panel->table()->item(0, 0)->text(), QStringLiteral("Text cap"));
        QCOMPARE(panel->table()->item(0, 4)->text(), QStringLiteral("Armed"));
        auto stored = acc.run([](Context &c) { return guards::list(c); });
        QVERIFY(stored && stored->size() == 1);
        QCOMPARE(stored->front().api, QStringLiteral("general-text"));
        QCOMPARE(stored->front().amount, test::money("10"));

        // Remove: a confirmation that names the guard.
        QVERIFY(clickRow(panel->table(), 0));
        QVERIFY(panel->removeButton()->isEnabled());
        QTest::mouseClick(panel->removeButton(), Qt::LeftButton);
        auto *remove = panel->findChild<ConfirmDialog *>(QStringLiteral("removeGuardDialog"));
        QVERIFY(remove);
        QCOMPARE(remove->confirmButton()->text(), QStringLiteral("Remove guard \u201cText cap\u201d"));
        QTest::mouseClick(remove->confirmButton(), Qt::LeftButton);
        QCOMPARE(panel->table()->rowCount(), 0);
    }

    void previewCanBeCancelled()
    {
        test::TestAccount acc("2026-11-01T08:00:00+08:00");
        ServicesPage page(*acc.engine, nullptr);
        page.show();
        page.refresh();
        QTest::mouseClick(page.guardsPanel()->newButton(), Qt::LeftButton);
        auto *dialog = page.guardsPanel()->findChild<GuardDialog *>(QStringLiteral("guardDialog"));
        QVERIFY(dialog);
        QTest::keyClicks(dialog->nameField(), "Floor");
        dialog->triggerField()->setCurrentIndex(1);
        QVERIFY(!dialog->apiField()->isEnabled()); // a balance guard watches every API
        QTest::keyClicks(dialog->amountField(), "50");
        QSignalSpy done(dialog, &GuardDialog::previewFinished);
        QTest::mouseClick(dialog->previewButton(), Qt::LeftButton);
        QVERIFY(dialog->cancelPreviewButton()->isVisible() || done.count() == 1);
        if (dialog->cancelPreviewButton()->isVisible())
            QTest::mouseClick(dialog->cancelPreviewButton(), Qt::LeftButton);
        QVERIFY(done.count() == 1 || done.wait(10000));
        QVERIFY(!dialog->cancelPreviewButton()->isVisible());
        QVERIFY(!dialog->previewLabel()->text().isEmpty()); // cancelled, or done first: it says which
    }

    // Two guards fired: one line each, each with its own re-enable; re-enabling one leaves the other.
    void bannerShowsEveryFiredGuardAndReenablesOne()
    {
        test::TestAccount acc("2026-11-01T08:00:00+08:00");
        QVERIFY(test::topUp(acc, "500"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        QVERIFY(test::enable(acc, "id-card", "cn-north-4"));
        QVERIFY(setCostGuard(acc, "Text cap", "general-text", "10"));
        QVERIFY(setCostGuard(acc, "Card cap", "id-card", "2"));
        acc.setNow("2026-11-01T12:00:00+08:00");
        QVERIFY(test::ok(test::importCsv(acc, kCalls +
                                                  "2026-11-01T09:40:00+08:00,id-card,cn-north-4,200,500\n"
                                                  "2026-11-01T10:40:00+08:00,id-card,cn-north-4,200,500\n")));
        ServicesWindow window(*acc.engine);
        MainWindow &w = window.w;
        GuardBanner *banner = w.guardBanner();
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->guardCount(), 2);
        QCOMPARE(banner->guardName(0), QStringLiteral("Text cap")); // in id order
        QCOMPARE(banner->guardName(1), QStringLiteral("Card cap"));
        QVERIFY2(banner->text(1)->text().contains(QStringLiteral("Card cap")) &&
                     banner->text(1)->text().contains(QStringLiteral("11:00")),
                 qPrintable(banner->text(1)->text()));
        QVERIFY(banner->reenableButton(0)->isVisible() && banner->reenableButton(1)->isVisible());
        test::shot(&w, "window-guard-fired");

        // Re-enable the second: its own confirmation, with the price of the next 1,000 calls.
        QTest::mouseClick(banner->reenableButton(1), Qt::LeftButton);
        auto *dialog = banner->findChild<ConfirmDialog *>(QStringLiteral("reenableDialog"));
        QVERIFY(dialog);
        const QString rows = dialog->rows().join(QLatin1Char('|'));
        QVERIFY2(rows.contains(QStringLiteral("ID Card in CN North-Beijing4")), qPrintable(rows));
        QVERIFY2(rows.contains(QStringLiteral("3.00000000")), qPrintable(rows));  // 1,000 id-card calls
        QVERIFY2(!rows.contains(QStringLiteral("1.50000000")), qPrintable(rows)); // not general-text
        bool namesGuard = false;
        for (const QLabel *l : dialog->findChildren<QLabel *>())
            namesGuard = namesGuard || l->text().contains(QStringLiteral("Card cap"));
        QVERIFY(namesGuard);
        test::shot(dialog, "dialog-reenable");
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

        QVERIFY(serviceEnabled(acc, "id-card"));
        QVERIFY(!serviceEnabled(acc, "general-text"));
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->guardCount(), 1);
        QCOMPARE(banner->guardName(0), QStringLiteral("Text cap"));
        QCOMPARE(banner->reenableButton(0)->text(), QStringLiteral("&Re-enable 1 service\u2026"));
    }

    void bannerAfterAGuardFiredReenablesWithConfirmation()
    {
        test::TestAccount acc("2026-11-01T08:00:00+08:00");
        QVERIFY(test::topUp(acc, "500"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        QVERIFY(acc.run([](Context &c) -> Result<Guard> {
            guards::GuardSpec s;
            s.name = QStringLiteral("Text cap");
            s.api = QStringLiteral("general-text");
            s.monthCost = QStringLiteral("10");
            auto g = guards::fromSpec(c, s);
            if (!g)
                return g.error();
            return guards::set(c, *g);
        }));
        acc.setNow("2026-11-01T12:00:00+08:00");
        QVERIFY(test::ok(test::importCsv(acc, kCalls)));
        ServicesWindow window(*acc.engine);
        MainWindow &w = window.w;
        GuardBanner *banner = w.guardBanner();
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text()->text().contains(QStringLiteral("Text cap")),
                 qPrintable(banner->text()->text()));
        QCOMPARE(banner->guardCount(), 1);
        QCOMPARE(banner->reenableButton()->text(), QStringLiteral("&Re-enable 1 service\u2026"));

        QTest::mouseClick(banner->reenableButton(), Qt::LeftButton);
        auto *dialog = banner->findChild<ConfirmDialog *>(QStringLiteral("reenableDialog"));
        QVERIFY(dialog);
        // 8,000 pay-per-use calls this month: the next 1,000 cost 1.50 (billing-rules §10).
        const QString rows = dialog->rows().join(QLatin1Char('|'));
        QVERIFY2(rows.contains(QStringLiteral("1.50000000")), qPrintable(rows));
        QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Re-enable 1 service"));
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);

        QVERIFY(serviceEnabled(acc, "general-text"));
        QVERIFY(!banner->isVisible());
    }
};

QTEST_MAIN(TestGuardsUi)
#include "tst_guardsui.moc"
