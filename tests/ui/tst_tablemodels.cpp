#include "bills/recordfilterproxy.h"
#include "bills/recordtablemodel.h"
#include "engine/accountstatus.h"
#include "engine/funds.h"
#include "funds/ledgertablemodel.h"
#include "notifications/notificationtablemodel.h"
#include "services/servicetablemodel.h"
#include "testaccount.h"
#include "widgets/itemroles.h"
#include "widgets/moneydelegate.h"
#include "widgets/totalsmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QTest>

using namespace billing;
using namespace billing::ui;

namespace {
Money money(const char *text)
{
    return *Money::parse(QString::fromLatin1(text));
}

Record usage(qint64 id, const char *fee, const char *charged, const char *month = "2026-11")
{
    Record r;
    r.id = id;
    r.type = Record::Type::Usage;
    r.at = test::at("2026-11-27T10:00:00+08:00");
    r.expenditureAt = r.at - kMicrosPerHour;
    r.billMonth = QString::fromLatin1(month);
    r.api = QStringLiteral("general-text");
    r.region = QStringLiteral("cn-north-4");
    r.mode = kModePayPerUse;
    r.calls = 1000;
    r.fee = money(fee);
    r.charged = money(charged);
    r.roundedOff = r.fee - r.charged;
    r.paidCash = r.charged;
    return r;
}

Record topUp(qint64 id, const char *amount)
{
    Record r;
    r.id = id;
    r.type = Record::Type::TopUp;
    r.at = test::at("2026-11-20T09:30:00+08:00");
    r.expenditureAt = r.at;
    r.billMonth = QStringLiteral("2026-11");
    r.charged = -money(amount);
    r.paidCash = r.charged;
    return r;
}

QString text(const QAbstractItemModel &m, int row, int column)
{
    return m.index(row, column).data().toString();
}
} // namespace

class TestTableModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void recordModelShowsEveryColumn()
    {
        RecordTableModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto catalog = Catalog::builtIn();
        QVERIFY(catalog.ok());
        model.setRecords({usage(1, "1.23456789", "1.23"), usage(2, "0.0015", "0"), topUp(3, "1250.50")},
                         AccountDisplay{QStringLiteral("USD"), 8 * 3600, &*catalog});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(RecordTableModel::ColumnCount));
        QCOMPARE(model.headerData(RecordTableModel::Charged, Qt::Horizontal).toString(),
                 QStringLiteral("Charged (USD)"));
        QCOMPARE(model.headerData(RecordTableModel::Id, Qt::Horizontal).toString(), QStringLiteral("ID"));
        QCOMPARE(text(model, 0, RecordTableModel::Id), QStringLiteral("1"));
        QCOMPARE(text(model, 0, RecordTableModel::Type), QStringLiteral("Usage"));
        QCOMPARE(text(model, 0, RecordTableModel::Api), QStringLiteral("General Text"));
        QCOMPARE(text(model, 0, RecordTableModel::Mode), QStringLiteral("Pay-per-use"));
        QCOMPARE(text(model, 0, RecordTableModel::Calls), QStringLiteral("1,000"));
        QCOMPARE(text(model, 0, RecordTableModel::Charged), QStringLiteral("1.23"));
        QCOMPARE(text(model, 0, RecordTableModel::Fee), QStringLiteral("1.23456789"));
        QCOMPARE(text(model, 0, RecordTableModel::RoundedOff), QStringLiteral("0.00456789"));
        QVERIFY(text(model, 0, RecordTableModel::Time).contains(QStringLiteral("10:00")));
        QCOMPARE(model.index(0, RecordTableModel::Time).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("2026-11-27T10:00:00+08:00"));
        QCOMPARE(model.index(0, RecordTableModel::Charged).data(MoneyRole).toLongLong(),
                 money("1.23").units());
        QVERIFY(!model.index(0, RecordTableModel::Api).data(MoneyRole).isValid());
        QCOMPARE(model.index(0, RecordTableModel::Charged).data(Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
        QCOMPARE(text(model, 2, RecordTableModel::Type), QStringLiteral("Top-up"));
        QCOMPARE(text(model, 2, RecordTableModel::Charged), QStringLiteral("-1,250.50"));
        QCOMPARE(text(model, 2, RecordTableModel::Calls), QString());
    }

    void totalsFollowTheFilter()
    {
        RecordTableModel model(nullptr);
        RecordFilterProxy proxy(nullptr);
        proxy.setSourceModel(&model);
        TotalsModel totals(&proxy,
                           {RecordTableModel::Fee, RecordTableModel::Charged, RecordTableModel::RoundedOff,
                            RecordTableModel::PaidCash},
                           {RecordTableModel::Calls}, nullptr);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester totalsTester(&totals,
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRecords({usage(1, "1.23456789", "1.23"), usage(2, "0.0015", "0"),
                          usage(3, "2", "2", "2026-10"), topUp(4, "12.50")},
                         AccountDisplay{});
        QCOMPARE(totals.rowCount(), 1);
        QCOMPARE(totals.sourceRows(), 4);
        QCOMPARE(totals.moneyTotal(RecordTableModel::Charged), money("-9.27"));
        QCOMPARE(totals.moneyTotal(RecordTableModel::Fee), money("3.23606789"));
        QCOMPARE(totals.moneyTotal(RecordTableModel::RoundedOff), money("0.00606789"));
        QCOMPARE(totals.countTotal(RecordTableModel::Calls), qint64(3000));
        QCOMPARE(totals.index(0, RecordTableModel::Charged).data(MoneyRole).toLongLong(),
                 money("-9.27").units());
        QCOMPARE(totals.index(0, 0).data().toString(), QStringLiteral("Total of 4 shown"));
        QCOMPARE(totals.headerData(RecordTableModel::Charged, Qt::Horizontal).toString(),
                 QStringLiteral("Charged (USD)"));

        proxy.setPredicate(RecordPredicate{Record::Type::Usage, QStringLiteral("2026-11")});
        QCOMPARE(proxy.rowCount(), 2);
        QCOMPARE(totals.sourceRows(), 2);
        QCOMPARE(totals.moneyTotal(RecordTableModel::Charged), money("1.23"));
        QCOMPARE(totals.moneyTotal(RecordTableModel::Fee), money("1.23606789"));
        QCOMPARE(totals.countTotal(RecordTableModel::Calls), qint64(2000));

        proxy.setPredicate(RecordPredicate{Record::Type::TopUp, QString()});
        QCOMPARE(totals.moneyTotal(RecordTableModel::PaidCash), money("-12.50"));

        proxy.setPredicate(RecordPredicate{});
        proxy.sort(RecordTableModel::Charged, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, RecordTableModel::Id).data().toString(), QStringLiteral("4"));
        QCOMPARE(proxy.index(3, RecordTableModel::Id).data().toString(), QStringLiteral("3"));
    }

    void moneyDelegateShowsCentsOrExactAmounts()
    {
        RecordTableModel model(nullptr);
        model.setRecords({usage(1, "0.0015", "0"), topUp(2, "12.5")}, AccountDisplay{});
        MoneyDelegate delegate(nullptr);
        const QLocale locale;
        QCOMPARE(delegate.displayText(model.index(0, RecordTableModel::Fee), locale), QStringLiteral("0.00"));
        QCOMPARE(delegate.displayText(model.index(1, RecordTableModel::Charged), locale),
                 QStringLiteral("-12.50"));
        QCOMPARE(delegate.displayText(model.index(0, RecordTableModel::Api), locale), QString());
        delegate.setPrecision(MoneyDelegate::Precision::Exact);
        QCOMPARE(delegate.displayText(model.index(0, RecordTableModel::Fee), locale),
                 QStringLiteral("0.00150000"));
    }

    void modelsReadTheEngine()
    {
        test::TestAccount account("2026-11-27T10:00:00+08:00");
        QVERIFY(account.run([](Context &c) { return funds::topUp(c, Money::fromCents(1250)); }).ok());
        account.setNow("2026-11-27T11:30:00+08:00");
        QVERIFY(account.run([](Context &c) { return funds::topUp(c, Money::fromCents(730)); }).ok());

        auto records = account.run([](Context &c) { return c.records.list(RecordFilter{}); });
        QVERIFY(records.ok());
        RecordTableModel recordModel(nullptr);
        QAbstractItemModelTester recordTester(&recordModel,
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        recordModel.setRecords(*records,
                               AccountDisplay{QStringLiteral("USD"), 8 * 3600, &account.engine->catalog()});
        QCOMPARE(recordModel.rowCount(), 2);
        TotalsModel recordTotals(&recordModel, {RecordTableModel::Charged}, {}, nullptr);
        QCOMPARE(recordTotals.moneyTotal(RecordTableModel::Charged), -Money::fromCents(1980));

        auto ledger = account.run([](Context &c) { return c.ledger.all(); });
        QVERIFY(ledger.ok());
        LedgerTableModel ledgerModel(nullptr);
        QAbstractItemModelTester ledgerTester(&ledgerModel,
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        ledgerModel.setEntries(*ledger, AccountDisplay{});
        QCOMPARE(ledgerModel.rowCount(), 2);
        QCOMPARE(text(ledgerModel, 0, LedgerTableModel::Kind), QStringLiteral("Top-up"));
        QCOMPARE(text(ledgerModel, 0, LedgerTableModel::CashChange), QStringLiteral("12.50"));
        QCOMPARE(text(ledgerModel, 1, LedgerTableModel::BalanceAfter), QStringLiteral("19.80"));
        QCOMPARE(text(ledgerModel, 1, LedgerTableModel::Coupon), QString());
        QVERIFY(!ledgerModel.index(1, LedgerTableModel::CouponChange).data(MoneyRole).isValid());
        QCOMPARE(ledgerModel.headerData(LedgerTableModel::BalanceAfter, Qt::Horizontal).toString(),
                 QStringLiteral("Balance after (USD)"));
        TotalsModel ledgerTotals(&ledgerModel, {LedgerTableModel::CashChange, LedgerTableModel::CouponChange},
                                 {}, nullptr);
        auto status = account.run([](Context &c) { return accountStatus(c); });
        QVERIFY(status.ok());
        // The ledger's cash changes add up to the balance.
        QCOMPARE(ledgerTotals.moneyTotal(LedgerTableModel::CashChange), status->account.balance);
        QCOMPARE(ledgerTotals.moneyTotal(LedgerTableModel::CouponChange), Money());

        ServiceTableModel services(nullptr);
        QAbstractItemModelTester servicesTester(&services,
                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
        services.setServices(account.engine->catalog(), status->services, 8 * 3600);
        const Catalog &cat = account.engine->catalog();
        QCOMPARE(services.rowCount(), int(cat.apis().size()));
        QCOMPARE(services.columnCount(), ServiceTableModel::FirstRegion + int(cat.regions().size()));
        QCOMPARE(services.serviceCount(), int(cat.apis().size() * cat.regions().size()));
        QCOMPARE(services.enabledCount(), 0);
        QCOMPARE(text(services, 0, ServiceTableModel::Api), cat.apis().front().name);
        QCOMPARE(text(services, 0, ServiceTableModel::FirstRegion), QStringLiteral("Off"));
        QCOMPARE(services.headerData(ServiceTableModel::FirstRegion, Qt::Horizontal).toString(),
                 cat.regions().front().name);
    }

    void servicesShowWhatIsEnabled()
    {
        auto catalog = Catalog::builtIn();
        QVERIFY(catalog.ok());
        ServiceTableModel services(nullptr);
        QAbstractItemModelTester tester(&services, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const ApiInfo &api = catalog->apis().at(1);
        const RegionInfo &region = catalog->regions().at(2);
        services.setServices(*catalog,
                             {ServiceState{api.id, region.id, true, test::at("2026-11-01T00:00:00+08:00")},
                              ServiceState{QStringLiteral("unknown-api"), region.id, true, 0}},
                             8 * 3600);
        QCOMPARE(services.enabledCount(), 1);
        QCOMPARE(text(services, 1, ServiceTableModel::FirstRegion + 2), QStringLiteral("Enabled"));
        QCOMPARE(text(services, 1, ServiceTableModel::FirstRegion + 1), QStringLiteral("Off"));
        QCOMPARE(services.index(1, ServiceTableModel::FirstRegion + 2).data(SortRole).toBool(), true);
    }

    void notificationsReadAsSentences()
    {
        NotificationTableModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Notification cleared;
        cleared.id = 1;
        cleared.at = test::at("2026-11-27T10:00:00+08:00");
        cleared.kind = QStringLiteral("arrears-cleared");
        cleared.args = QJsonObject{{QStringLiteral("was"), QStringLiteral("grace")},
                                   {QStringLiteral("balance"), QStringLiteral("1234.5")}};
        Notification future;
        future.id = 2;
        future.at = cleared.at;
        future.kind = QStringLiteral("some-new-alert");
        future.read = true;
        model.setNotifications({cleared, future}, AccountDisplay{});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.unreadCount(), 1);
        QCOMPARE(text(model, 0, NotificationTableModel::Title), QStringLiteral("Arrears cleared"));
        QVERIFY(text(model, 0, NotificationTableModel::Message).contains(QStringLiteral("1,234.50")));
        QVERIFY(text(model, 0, NotificationTableModel::Message).contains(QStringLiteral("grace")));
        QVERIFY(text(model, 0, NotificationTableModel::Message).contains(QStringLiteral("USD")));
        QCOMPARE(text(model, 1, NotificationTableModel::Title), QStringLiteral("Some new alert"));
        QVERIFY(model.index(0, 0).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model.index(1, 0).data(Qt::FontRole).value<QFont>().bold());
    }
};

QTEST_MAIN(TestTableModels)
#include "tst_tablemodels.moc"
