#include "funds/coupontablemodel.h"
#include "funds/fundspage.h"
#include "funds/topupdialog.h"
#include "ownertest.h"
#include "shell/accountbar.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"

#include <QLineEdit>
#include <QPushButton>

using namespace billing;
using namespace billing::ui;
using billing::test::money;

class TestFunds : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void topUpOutOfArrears()
    {
        test::TestAccount acc("2026-11-20T10:00:00+08:00");
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        acc.setNow("2026-11-20T10:30:00+08:00");
        QVERIFY(
            test::ok(test::importCsv(acc, "timestamp,api,region,status,count\n"
                                          "2026-11-20T10:10:00+08:00,general-text,cn-north-4,200,6000\n")));
        acc.setNow("2026-11-21T10:00:00+08:00");
        const auto before = test::status(acc);
        QVERIFY(before.account.balance.isNegative());
        QCOMPARE(before.account.state, AccountState::Grace);

        QTemporaryDir dir;
        ConsoleSettings settings(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(*acc.engine, settings);
        w.show();
        QVERIFY(w.accountBar()->stateText().startsWith(QStringLiteral("Grace")));
        w.showPage(PageId::Funds);
        auto *funds = qobject_cast<FundsPage *>(w.page(PageId::Funds));
        QVERIFY(funds);
        QVERIFY2(funds->arrearsTimelineText().contains(QStringLiteral("grace period ends")),
                 qPrintable(funds->arrearsTimelineText()));

        w.resize(1280, 800);
        test::shot(&w, "page-funds-in-grace");
        TopUpDialog *dialog = funds->openTopUp();
        QVERIFY(dialog);
        QLineEdit *field = dialog->amountField();
        QTest::keyClicks(field, QStringLiteral("1e3"));
        QVERIFY(!dialog->reason().isEmpty());
        QVERIFY(!dialog->topUpButton()->isEnabled());
        field->clear();
        QTest::keyClicks(field, QStringLiteral("20000000"));
        QVERIFY2(dialog->reason().contains(QStringLiteral("10")), qPrintable(dialog->reason()));
        QVERIFY(!dialog->topUpButton()->isEnabled());
        field->clear();
        QTest::keyClicks(field, QStringLiteral("50"));
        QVERIFY(dialog->reason().isEmpty());
        QVERIFY(dialog->topUpButton()->isEnabled());
        const QString preview = dialog->previewText();
        QVERIFY2(preview.contains(formatMoney(before.account.balance + money("50"))), qPrintable(preview));
        QVERIFY2(preview.contains(QStringLiteral("Normal")), qPrintable(preview));
        test::shot(dialog, "dialog-top-up");
        QTest::keyClick(field, Qt::Key_Return);

        const auto after = test::status(acc);
        QCOMPARE(after.account.balance, before.account.balance + money("50"));
        QCOMPARE(after.account.state, AccountState::Normal);
        QCOMPARE(w.accountBar()->stateText(), QStringLiteral("Normal"));
        QVERIFY(funds->arrearsTimelineText().isEmpty());
    }

    void listsCashCoupons()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::ok(acc.run([](Context &c) {
            return coupons::grant(c, money("5"), test::at("2026-12-31T23:59:59+08:00"),
                                  QStringLiteral("passport"));
        })));
        FundsPage page(*acc.engine, nullptr);
        page.refresh();
        QCOMPARE(page.coupons()->rowCount(), 1);
        QCOMPARE(page.coupons()->index(0, CouponTableModel::Remaining).data().toString(),
                 QStringLiteral("5.00"));
        QCOMPARE(page.coupons()->index(0, CouponTableModel::Status).data().toString(),
                 QStringLiteral("Usable"));
        QCOMPARE(page.coupons()->index(0, CouponTableModel::Scope).data().toString(),
                 acc.engine->catalog().api(u"passport")->name);
    }
};

QTEST_MAIN(TestFunds)
#include "tst_fundspage.moc"
