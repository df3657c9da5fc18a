#include "ownertest.h"
#include "packages/autorenewdialog.h"
#include "packages/billingmodewizard.h"
#include "packages/buydialog.h"
#include "packages/modeoptionmodel.h"
#include "packages/packagespage.h"
#include "packages/packagetablemodel.h"
#include "packages/renewaltablemodel.h"
#include "packages/renewdialog.h"
#include "packages/rightsizerpanel.h"
#include "shell/mainwindow.h"
#include "shell/settings.h"
#include "widgets/confirmdialog.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>

using namespace billing;
using namespace billing::ui;
using billing::test::money;

class TestPackages : public QObject
{
    Q_OBJECT

private:
    static void choose(QComboBox *box, const QString &data)
    {
        const int i = box->findData(data);
        QVERIFY2(i >= 0, qPrintable(data));
        box->setFocus();
        box->setCurrentIndex(i);
    }
    // Opens the box's list with a click and clicks the item whose data is `data`, as a person would.
    static void clickItem(QComboBox *box, const QString &data)
    {
        const int i = box->findData(data);
        QVERIFY2(i >= 0, qPrintable(data));
        QTest::mouseClick(box, Qt::LeftButton);
        QAbstractItemView *list = box->view();
        QTRY_VERIFY(list->isVisible());
        // A release within a double-click interval of the opening click would be taken for its end.
        QTest::qWait(QApplication::doubleClickInterval() + 50);
        const QModelIndex index = list->model()->index(i, box->modelColumn(), list->rootIndex());
        list->scrollTo(index);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
        QTRY_VERIFY(!list->isVisible());
        QCOMPARE(box->currentIndex(), i);
    }
    static QString cell(const PackagesPage &page, qint64 id, int column)
    {
        const int row = page.model()->rowOf(id);
        return row < 0 ? QString() : page.model()->index(row, column).data().toString();
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void buyShowsTheQuoteThenBuys()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "1000"));
        PackagesPage page(*acc.engine, nullptr);
        page.show();
        page.refresh();
        QCOMPARE(page.model()->rowCount(), 0);
        QSignalSpy changed(&page, &Page::accountChanged);

        BuyDialog *dialog = page.openBuy();
        QVERIFY(dialog && dialog->isVisible());
        choose(dialog->apiBox(), QStringLiteral("general-text"));
        choose(dialog->regionBox(), QStringLiteral("cn-north-4"));
        choose(dialog->skuBox(), QStringLiteral("100k"));
        auto quote = acc.run([&](Context &c) { return packages::quoteBuy(c, dialog->request()); });
        QVERIFY(quote.ok() && !quote->refusal);
        const QString price = formatMoney(quote->total);
        QVERIFY2(dialog->previewText().contains(price), qPrintable(dialog->previewText()));
        QVERIFY(dialog->previewText().contains(formatMoney(money("1000") - quote->total)));
        QVERIFY(dialog->refusal().isEmpty());
        QVERIFY(dialog->buyButton()->isEnabled());
        // The quote follows the quantity as it changes.
        dialog->quantityBox()->setValue(2);
        QVERIFY(dialog->previewText().contains(formatMoney(quote->total + quote->total)));
        dialog->quantityBox()->setValue(1);

        test::shot(dialog, "dialog-buy");
        QTest::mouseClick(dialog->buyButton(), Qt::LeftButton);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(page.model()->rowCount(), 1);
        const auto st = test::status(acc);
        QCOMPARE(st.packages.size(), size_t(1));
        QCOMPARE(st.account.balance, money("1000") - quote->total);
        const qint64 id = st.packages.front().id;
        QCOMPARE(cell(page, id, PackageTableModel::Status), QStringLiteral("In force"));
        QCOMPARE(cell(page, id, PackageTableModel::Remaining), QStringLiteral("100,000 of 100,000"));
        QCOMPARE(cell(page, id, PackageTableModel::Order), QStringLiteral("1"));
    }

    void refusesAPurchaseForLackOfFundsAndSaysWhy()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "1"));
        PackagesPage page(*acc.engine, nullptr);
        page.show();
        page.refresh();
        BuyDialog *dialog =
            page.openBuy(QStringLiteral("general-text"), QStringLiteral("cn-north-4"), QStringLiteral("1m"));
        QVERIFY(dialog);
        QVERIFY2(dialog->refusal().contains(QStringLiteral("insufficient funds")),
                 qPrintable(dialog->refusal()));
        QVERIFY(!dialog->buyButton()->isEnabled());
        test::shot(dialog, "dialog-buy-refused");
        QTest::mouseClick(dialog->buyButton(), Qt::LeftButton);
        QVERIFY(test::status(acc).packages.empty());
        QCOMPARE(test::status(acc).account.balance, money("1"));
        // What to do next is one click away: the top-up.
        QVERIFY(dialog->topUpButton()->isVisible());
        QSignalSpy topUp(&page, &PackagesPage::topUpRequested);
        QTest::mouseClick(dialog->topUpButton(), Qt::LeftButton);
        QCOMPARE(topUp.count(), 1);
    }

    void unsubscribingAPendingPackageShowsTheRefund()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "1000"));
        auto later =
            test::buy(acc, "general-text", "cn-north-4", "100k", test::at("2026-12-15T00:00:00+08:00"));
        QVERIFY(test::ok(later));
        const qint64 id = later->front().id;
        const Money price = later->front().price;
        PackagesPage page(*acc.engine, nullptr);
        page.show();
        page.refresh();
        QCOMPARE(cell(page, id, PackageTableModel::Status), QStringLiteral("Pending"));
        page.selectPackage(id);
        ConfirmDialog *dialog = page.openUnsubscribe();
        QVERIFY(dialog);
        QVERIFY(dialog->refusal().isEmpty());
        QVERIFY2(dialog->rows().contains(QStringLiteral("Refund: ") + formatMoney(price)),
                 qPrintable(dialog->rows().join(QLatin1Char('|'))));
        QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Unsubscribe package %1").arg(id));
        test::shot(dialog, "dialog-unsubscribe");
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        QCOMPARE(cell(page, id, PackageTableModel::Status), QStringLiteral("Unsubscribed"));
        QCOMPARE(test::status(acc).account.balance, money("1000"));
    }

    void unsubscribingAPackageInForceIsRefusedWithTheReason()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "1000"));
        auto now = test::buy(acc, "general-text", "cn-north-4", "100k");
        QVERIFY(test::ok(now));
        PackagesPage page(*acc.engine, nullptr);
        page.show();
        page.refresh();
        page.selectPackage(now->front().id);
        ConfirmDialog *dialog = page.openUnsubscribe();
        QVERIFY(dialog);
        QVERIFY2(dialog->refusal().contains(QStringLiteral("in force")), qPrintable(dialog->refusal()));
        QVERIFY(!dialog->confirmButton()->isEnabled());
        dialog->reject();
    }

    void renewsAndSwitchesAutoRenew()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "1000"));
        auto bought = test::buy(acc, "general-text", "cn-north-4", "100k");
        QVERIFY(test::ok(bought));
        const qint64 id = bought->front().id;
        PackagesPage page(*acc.engine, nullptr);
        page.show();
        page.refresh();
        page.selectPackage(id);
        ConfirmDialog *renew = page.openRenew();
        QVERIFY(renew);
        QVERIFY(renew->refusal().isEmpty());
        test::shot(renew, "dialog-renew");
        QVERIFY(renew->confirmButton()->text().startsWith(QStringLiteral("Renew package %1 for ").arg(id)));
        QTest::mouseClick(renew->confirmButton(), Qt::LeftButton);
        auto st = test::status(acc);
        QCOMPARE(st.packages.size(), size_t(2));
        const Package next = st.packages.back(); // a copy: st is reloaded below
        QCOMPARE(next.previousId, std::optional<qint64>(id));
        QCOMPARE(cell(page, next.id, PackageTableModel::Previous), QStringLiteral("\u2190 %1").arg(id));
        QCOMPARE(cell(page, next.id, PackageTableModel::Status), QStringLiteral("Pending"));
        QCOMPARE(cell(page, next.id, PackageTableModel::Order), QStringLiteral("2"));

        page.selectPackage(next.id);
        QDialog *auto_ = page.openAutoRenew();
        QVERIFY(auto_);
        auto *on = auto_->findChild<QCheckBox *>(QStringLiteral("autoRenewOn"));
        auto *days = auto_->findChild<QSpinBox *>(QStringLiteral("autoRenewDays"));
        QVERIFY(on && days);
        QTest::mouseClick(on, Qt::LeftButton);
        QVERIFY(days->isEnabled());
        days->setValue(10);
        QTest::mouseClick(auto_->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save),
                          Qt::LeftButton);
        st = test::status(acc);
        QVERIFY(st.packages.back().autoRenew);
        QCOMPARE(st.packages.back().renewDays, 10);
        QCOMPARE(cell(page, next.id, PackageTableModel::AutoRenew), QStringLiteral("10 days before"));
        // The renewal calendar lists nothing within 90 days for a term that ends in 2028.
        QCOMPARE(page.renewals()->rowCount(), 0);
    }

    void rightSizerPreviewsThenSetsTheAutoRenewSize()
    {
        // A 100k bought 2026-10-01 with 300,000 calls on 2027-07-01: on 2027-09-22 its term ends in 10
        // days, and 100,000 calls a month make 1m the cheapest (tst_rightsizer has the hand computation).
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QVERIFY(test::topUp(acc, "2000"));
        QVERIFY(test::enable(acc, "general-text", "ap-southeast-1"));
        auto bought = test::buy(acc, "general-text", "ap-southeast-1", "100k");
        QVERIFY(test::ok(bought));
        const qint64 id = bought->front().id;
        auto other =
            test::buy(acc, "general-text", "cn-north-4", "100k", test::at("2027-01-10T00:00:00+08:00"));
        QVERIFY(test::ok(other));
        acc.setNow("2027-07-01T09:30:00+08:00");
        QVERIFY(test::ok(
            test::importCsv(acc, "timestamp,api,region,status,count\n"
                                 "2027-07-01T09:15:00+08:00,general-text,ap-southeast-1,200,300000\n")));
        acc.setNow("2027-09-22T00:30:00+08:00");
        PackagesPage page(*acc.engine, nullptr);
        page.resize(1400, 700);
        page.show();
        page.refresh();
        // The term ending within 30 days is highlighted; the one ending in 2028 is not.
        const int row = page.model()->rowOf(id);
        QVERIFY(page.model()->index(row, PackageTableModel::Id).data(Qt::BackgroundRole).isValid());
        QVERIFY(!page.model()
                     ->index(page.model()->rowOf(other->front().id), PackageTableModel::Id)
                     .data(Qt::BackgroundRole)
                     .isValid());
        // Select the package with a click on its row.
        QTableView *table = page.table();
        QModelIndex index;
        for (int r = 0; r < table->model()->rowCount(); ++r)
            if (table->model()->index(r, 0).data(PackageTableModel::PackageIdRole).toLongLong() == id)
                index = table->model()->index(r, PackageTableModel::Sku);
        QVERIFY(index.isValid());
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        RightSizerPanel *sizer = page.rightSizer();
        const QString figures = sizer->figuresText();
        QVERIFY2(figures.contains(QStringLiteral("Used so far: 100,000 of 100,000 calls")),
                 qPrintable(figures));
        QVERIFY2(figures.contains(QStringLiteral("Cheapest for the next term: 1m at 1,500.00 a year")),
                 qPrintable(figures));
        QVERIFY2(figures.contains(QStringLiteral("Renewing at this size: 1,777.44 a year as 100k")),
                 qPrintable(figures));
        QVERIFY2(figures.contains(QStringLiteral("Yearly difference: 277.44")), qPrintable(figures));
        QCOMPARE(sizer->renewButton()->text(), QStringLiteral("Renew next term as 1m\u2026"));
        QVERIFY(sizer->renewButton()->isEnabled());
        if (const QString dir = qEnvironmentVariable("BILLING_DIALOG_SHOTS"); !dir.isEmpty())
            page.grab().save(dir + QStringLiteral("/packages-rightsizer.png"));
        // The button previews the cost; nothing changes before the confirmation.
        QTest::mouseClick(sizer->renewButton(), Qt::LeftButton);
        auto *dialog = page.findChild<ConfirmDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(!test::status(acc).packages.front().autoRenew);
        const QStringList rows = dialog->rows();
        QVERIFY2(rows.contains(QStringLiteral("Each attempt pays: 1,200.00")), qPrintable(rows.join(u'|')));
        QVERIFY2(rows.contains(QStringLiteral("A year as 1m: 1,500.00")), qPrintable(rows.join(u'|')));
        QVERIFY2(
            rows.contains(QStringLiteral("Today's funds: covered: 0.00 from coupons, 1,200.00 from cash")),
            qPrintable(rows.join(u'|')));
        QVERIFY2(rows.contains(QStringLiteral("Yearly difference: 277.44")), qPrintable(rows.join(u'|')));
        QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Renew next term as 1m"));
        test::shot(dialog, "dialog-rightsize");
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        const Package p = test::status(acc).packages.front();
        QCOMPARE(p.id, id);
        QVERIFY(p.autoRenew);
        QCOMPARE(p.renewSku, std::optional<QString>(QStringLiteral("1m")));
        // Done: the panel says so and the button has nothing left to do.
        QTRY_VERIFY(!sizer->renewButton()->isEnabled());
        QVERIFY2(sizer->figuresText().contains(QStringLiteral("Auto-renew now: on, renews as 1m")),
                 qPrintable(sizer->figuresText()));
    }

    void rightSizerSwitchesAutoRenewOffWhenPayPerUseIsCheapest()
    {
        // 3,000 calls in 90 days: 1,000 a month cost 1.50 pay-per-use against 10.62 for a 100k's share.
        test::TestAccount acc("2026-10-01T08:00:00+08:00");
        QVERIFY(test::topUp(acc, "1000"));
        QVERIFY(test::enable(acc, "general-text", "cn-east-3"));
        auto bought = test::buy(acc, "general-text", "cn-east-3", "100k", std::nullopt, true);
        QVERIFY(test::ok(bought));
        const qint64 id = bought->front().id;
        acc.setNow("2027-07-01T09:30:00+08:00");
        QVERIFY(
            test::ok(test::importCsv(acc, "timestamp,api,region,status,count\n"
                                          "2027-07-01T09:15:00+08:00,general-text,cn-east-3,200,3000\n")));
        acc.setNow("2027-09-22T00:30:00+08:00");
        PackagesPage page(*acc.engine, nullptr);
        page.show();
        page.refresh();
        QTableView *table = page.table();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualRect(table->model()->index(0, PackageTableModel::Sku)).center());
        RightSizerPanel *sizer = page.rightSizer();
        QVERIFY2(sizer->figuresText().contains(
                     QStringLiteral("Quota that will lapse: 97,000 calls, worth 123.67")),
                 qPrintable(sizer->figuresText()));
        QVERIFY2(sizer->figuresText().contains(
                     QStringLiteral("Cheapest for the next term: pay-per-use at 18.00 a year")),
                 qPrintable(sizer->figuresText()));
        QCOMPARE(sizer->renewButton()->text(),
                 QStringLiteral("Next term pay-per-use (auto-renew off)\u2026"));
        QTest::mouseClick(sizer->renewButton(), Qt::LeftButton);
        auto *dialog = page.findChild<ConfirmDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY2(dialog->rows().contains(QStringLiteral("Yearly difference: 109.44")),
                 qPrintable(dialog->rows().join(u'|')));
        QCOMPARE(dialog->confirmButton()->text(), QStringLiteral("Switch auto-renew off"));
        QVERIFY(test::status(acc).packages.front().autoRenew);
        QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
        const Package p = test::status(acc).packages.front();
        QCOMPARE(p.id, id);
        QVERIFY(!p.autoRenew);
        QTRY_VERIFY(!sizer->renewButton()->isEnabled());
    }

    void renewsAsAnotherSizeChosenInTheDialog()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "7000"));
        auto bought = test::buy(acc, "general-text", "cn-north-4", "1m");
        QVERIFY(test::ok(bought));
        const qint64 id = bought->front().id;
        PackagesPage page(*acc.engine, nullptr);
        page.show();
        page.refresh();
        page.selectPackage(id);
        RenewDialog *renew = page.openRenew();
        QVERIFY(renew && renew->isVisible());
        // The same size by default, with its quote.
        QCOMPARE(renew->sizeBox()->currentData().toString(), QStringLiteral("1m"));
        QVERIFY(!renew->sku());
        QVERIFY2(renew->rows().contains(QStringLiteral("Price: 1,200.00")),
                 qPrintable(renew->rows().join(u'|')));
        QCOMPARE(renew->confirmButton()->text(), QStringLiteral("Renew package %1 for 1,200.00").arg(id));
        // A bigger size: the quote follows (5,000 × 1.50 × 0.75 = 5,625.00).
        clickItem(renew->sizeBox(), QStringLiteral("5m"));
        QCOMPARE(renew->sku(), std::optional<QString>(QStringLiteral("5m")));
        QVERIFY2(renew->rows().contains(QStringLiteral("Price: 5,625.00")),
                 qPrintable(renew->rows().join(u'|')));
        QVERIFY(renew->rows().contains(QStringLiteral("Calls: 5,000,000")));
        QVERIFY(renew->rows().contains(QStringLiteral("Balance after: 175.00")));
        QCOMPARE(renew->confirmButton()->text(),
                 QStringLiteral("Renew package %1 as 5m for 5,625.00").arg(id));
        QVERIFY(renew->confirmButton()->isEnabled());
        // One the balance cannot pay is refused in the model's words, and the button stays off.
        clickItem(renew->sizeBox(), QStringLiteral("10m"));
        QVERIFY2(renew->refusal().contains(QStringLiteral("insufficient funds")),
                 qPrintable(renew->refusal()));
        QVERIFY(!renew->confirmButton()->isEnabled());
        test::shot(renew, "dialog-renew-size-refused");
        clickItem(renew->sizeBox(), QStringLiteral("5m"));
        QVERIFY(renew->refusal().isEmpty());
        QVERIFY(renew->confirmButton()->isEnabled());
        test::shot(renew, "dialog-renew-size");
        QTest::mouseClick(renew->confirmButton(), Qt::LeftButton);
        auto st = test::status(acc);
        QCOMPARE(st.packages.size(), size_t(2));
        const Package next = st.packages.back();
        QCOMPARE(next.sku, QStringLiteral("5m"));
        QCOMPARE(next.quota, qint64(5'000'000));
        QCOMPARE(next.previousId, std::optional<qint64>(id));
        QCOMPARE(st.account.balance, money("175"));
        QCOMPARE(cell(page, next.id, PackageTableModel::Sku), QStringLiteral("5m"));

        // Auto-renew of the new term as 100k: the size follows the check box, the quote the size.
        page.selectPackage(next.id);
        AutoRenewDialog *autoRenew = page.openAutoRenew();
        QVERIFY(autoRenew && autoRenew->isVisible());
        QVERIFY(!autoRenew->sizeBox()->isEnabled());
        QCOMPARE(autoRenew->sizeBox()->currentData().toString(), QStringLiteral("5m"));
        QTest::mouseClick(autoRenew->onBox(), Qt::LeftButton);
        QVERIFY(autoRenew->sizeBox()->isEnabled());
        QVERIFY2(autoRenew->previewText().contains(QStringLiteral("5,625.00")),
                 qPrintable(autoRenew->previewText()));
        QVERIFY(autoRenew->previewText().contains(QStringLiteral("Not enough today")));
        clickItem(autoRenew->sizeBox(), QStringLiteral("100k"));
        QVERIFY2(autoRenew->previewText().contains(QStringLiteral("127.50 for 100,000 calls")),
                 qPrintable(autoRenew->previewText()));
        QVERIFY(autoRenew->previewText().contains(QStringLiteral("balance after 47.50")));
        test::shot(autoRenew, "dialog-auto-renew-size");
        QTest::mouseClick(autoRenew->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
        st = test::status(acc);
        QVERIFY(st.packages.back().autoRenew);
        QCOMPARE(st.packages.back().renewSku, std::optional<QString>(QStringLiteral("100k")));
        QCOMPARE(cell(page, next.id, PackageTableModel::AutoRenew), QStringLiteral("7 days before, as 100k"));
        // Opened again, the dialog shows the size set; off forgets it.
        autoRenew = page.openAutoRenew();
        QCOMPARE(autoRenew->sizeBox()->currentData().toString(), QStringLiteral("100k"));
        QTest::mouseClick(autoRenew->onBox(), Qt::LeftButton);
        QVERIFY(!autoRenew->sku());
        QTest::mouseClick(autoRenew->buttons()->button(QDialogButtonBox::Save), Qt::LeftButton);
        st = test::status(acc);
        QVERIFY(!st.packages.back().autoRenew);
        QVERIFY(!st.packages.back().renewSku);
        QCOMPARE(cell(page, next.id, PackageTableModel::AutoRenew), QStringLiteral("Off"));
    }

    void modeWizardComparesAndLeadsToTheBuyPreview()
    {
        test::TestAccount acc("2026-11-20T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "500"));
        QVERIFY(test::enable(acc, "general-text", "cn-north-4"));
        acc.setNow("2026-11-20T10:30:00+08:00");
        QVERIFY(
            test::ok(test::importCsv(acc, "timestamp,api,region,status,count\n"
                                          "2026-11-20T10:10:00+08:00,general-text,cn-north-4,200,20000\n")));
        acc.setNow("2026-11-27T10:00:00+08:00");
        QTemporaryDir dir;
        ConsoleSettings settings(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(*acc.engine, settings);
        BillingModeWizard *wizard =
            w.openModeWizard(QStringLiteral("general-text"), QStringLiteral("cn-north-4"));
        QVERIFY(wizard);
        QCOMPARE(wizard->currentModeText(), QStringLiteral("Pay-per-use"));
        QVERIFY2(wizard->monthlyCallsText().contains(QStringLiteral("20,000")),
                 qPrintable(wizard->monthlyCallsText()));
        QCOMPARE(wizard->options()->rowCount(), 5); // pay-per-use and four sizes
        wizard->next();
        test::shot(wizard, "dialog-mode-wizard-compare");
        wizard->next();
        test::shot(wizard, "dialog-mode-wizard-switch");
        wizard->choose(QStringLiteral("buy"));
        wizard->accept();
        QCOMPARE(w.currentPage(), PageId::Packages);
        auto *buy = w.findChild<BuyDialog *>();
        QVERIFY(buy);
        QCOMPARE(buy->request().api, QStringLiteral("general-text"));
        QCOMPARE(buy->request().region, QStringLiteral("cn-north-4"));
        QVERIFY(buy->buyButton()->isEnabled());
        buy->reject();
    }

    void modeWizardLetsAPackageRunOutOrUnsubscribesAPendingOne()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "1000"));
        auto now = test::buy(acc, "general-text", "cn-north-4", "100k", std::nullopt, true);
        QVERIFY(test::ok(now));
        QTemporaryDir dir;
        ConsoleSettings settings(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(*acc.engine, settings);
        BillingModeWizard *wizard =
            w.openModeWizard(QStringLiteral("general-text"), QStringLiteral("cn-north-4"));
        QVERIFY(wizard->currentModeText().startsWith(QStringLiteral("Package: 100k")));
        wizard->choose(QStringLiteral("auto-renew-off"));
        wizard->accept();
        QVERIFY(!test::status(acc).packages.front().autoRenew);

        // A package bought for later is not in force yet: the wizard leads to its unsubscription and refund.
        auto later = test::buy(acc, "passport", "cn-east-3", "100k", test::at("2027-01-01T00:00:00+08:00"));
        QVERIFY(test::ok(later));
        wizard = w.openModeWizard(QStringLiteral("passport"), QStringLiteral("cn-east-3"));
        QCOMPARE(wizard->currentModeText(), QStringLiteral("Pay-per-use"));
        wizard->choose(QStringLiteral("unsubscribe"));
        wizard->accept();
        QCOMPARE(w.currentPage(), PageId::Packages);
        ConfirmDialog *confirm = nullptr;
        for (ConfirmDialog *d : w.findChildren<ConfirmDialog *>())
            if (d->isVisible())
                confirm = d;
        QVERIFY(confirm);
        QCOMPARE(confirm->confirmButton()->text(),
                 QStringLiteral("Unsubscribe package %1").arg(later->front().id));
        QVERIFY(confirm->rows().contains(QStringLiteral("Refund: ") + formatMoney(later->front().price)));
        QTest::mouseClick(confirm->confirmButton(), Qt::LeftButton);
        QVERIFY(test::status(acc).packages.back().cancelledAt.has_value());
    }
};

QTEST_MAIN(TestPackages)
#include "tst_packagespage.moc"
