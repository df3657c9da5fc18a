// Every item model of the account owner's pages under QAbstractItemModelTester.
#include "engine/fundspreview.h"
#include "engine/renewalcalendar.h"
#include "funds/coupontablemodel.h"
#include "ownertest.h"
#include "packages/modeoptionmodel.h"
#include "packages/packagetablemodel.h"
#include "packages/renewaltablemodel.h"
#include "services/servicelistmodel.h"
#include "widgets/itemroles.h"
#include "widgets/quotabardelegate.h"

#include <QAbstractItemModelTester>

using namespace billing;
using namespace billing::ui;
using billing::test::at;
using billing::test::money;

namespace {
Package package(qint64 id, const char *effective, const char *end, qint64 remaining = 50000)
{
    Package p;
    p.id = id;
    p.api = QStringLiteral("general-text");
    p.region = QStringLiteral("cn-north-4");
    p.sku = QStringLiteral("100k");
    p.quota = 100000;
    p.remaining = remaining;
    p.price = money("127.50");
    p.purchasedAt = at("2026-11-01T00:00:00+08:00");
    p.effectiveAt = at(effective);
    p.endAt = at(end);
    return p;
}
} // namespace

class TestOwnerModels : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void packageModelShowsStatusQuotaAndDeductionOrder()
    {
        PackageTableModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto catalog = Catalog::builtIn();
        QVERIFY(catalog.ok());
        // billing-rules §5 example: A 01-01…12-31, B 01-01…06-30, C 02-01…06-30 → B, A, C.
        std::vector<Package> ps{package(1, "2027-01-01T00:00:00+08:00", "2028-01-01T00:00:00+08:00"),
                                package(2, "2027-01-01T00:00:00+08:00", "2027-07-01T00:00:00+08:00"),
                                package(3, "2027-02-01T00:00:00+08:00", "2027-07-01T00:00:00+08:00"),
                                package(4, "2026-01-01T00:00:00+08:00", "2026-06-01T00:00:00+08:00")};
        ps[3].previousId = 9;
        model.setPackages(ps, at("2027-02-15T10:00:00+08:00"),
                          AccountDisplay{QStringLiteral("USD"), 8 * 3600, &*catalog});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(PackageTableModel::ColumnCount));
        QCOMPARE(model.index(0, PackageTableModel::Order).data().toString(), QStringLiteral("2"));
        QCOMPARE(model.index(1, PackageTableModel::Order).data().toString(), QStringLiteral("1"));
        QCOMPARE(model.index(2, PackageTableModel::Order).data().toString(), QStringLiteral("3"));
        QCOMPARE(model.index(3, PackageTableModel::Order).data().toString(), QString());
        QCOMPARE(model.index(3, PackageTableModel::Status).data().toString(), QStringLiteral("Expired"));
        QCOMPARE(model.index(3, PackageTableModel::Previous).data().toString(), QStringLiteral("\u2190 9"));
        QCOMPARE(model.index(0, PackageTableModel::Remaining).data().toString(),
                 QStringLiteral("50,000 of 100,000"));
        QCOMPARE(model.index(0, PackageTableModel::Remaining).data(QuotaBarDelegate::FractionRole).toInt(),
                 500);
        QCOMPARE(model.index(0, PackageTableModel::Price).data(MoneyRole).toLongLong(),
                 money("127.50").units());
        QCOMPARE(model.index(0, PackageTableModel::LastSecond).data(SortRole).toLongLong(),
                 at("2028-01-01T00:00:00+08:00"));
        QCOMPARE(model.headerData(PackageTableModel::Price, Qt::Horizontal).toString(),
                 QStringLiteral("Price (USD)"));
        model.setPackages({}, 0, {});
        QCOMPARE(model.rowCount(), 0);
    }

    void renewalModelListsEventsByDate()
    {
        test::TestAccount acc("2026-11-27T10:00:00+08:00");
        QVERIFY(test::topUp(acc, "1000"));
        QVERIFY(test::ok(test::buy(acc, "general-text", "cn-north-4", "100k", std::nullopt, true)));
        acc.setNow("2027-11-15T10:00:00+08:00");
        auto events =
            acc.run([](Context &c) { return upcomingRenewals(c, c.now, c.now + 90 * kMicrosPerDay); });
        QVERIFY(test::ok(events));
        RenewalTableModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEvents(*events, AccountDisplay{QStringLiteral("USD"), 8 * 3600, &acc.engine->catalog()});
        QVERIFY(model.rowCount() >= 2); // the attempt on 11-20 03:00 and the expiry 11-27 23:59:59
        QCOMPARE(model.event(0).kind, RenewalEvent::Kind::AutoRenewAttempt);
        QCOMPARE(model.event(0).at, at("2027-11-20T03:00:00+08:00"));
        QVERIFY(model.index(0, RenewalTableModel::Event)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("Auto-renew attempt")));
    }

    void serviceModelShowsEveryServiceWithModeAndCost()
    {
        auto catalog = Catalog::builtIn();
        QVERIFY(catalog.ok());
        ServiceListModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Bill bill;
        BillLine line;
        line.api = QStringLiteral("general-text");
        line.region = QStringLiteral("cn-north-4");
        line.calls = 1200;
        line.charged = money("1.80");
        bill.lines.push_back(line);
        model.setServices(
            *catalog, {ServiceState{QStringLiteral("general-text"), QStringLiteral("cn-north-4"), true, 0}},
            {package(1, "2026-01-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00")},
            at("2026-11-27T10:00:00+08:00"), bill,
            AccountDisplay{QStringLiteral("USD"), 8 * 3600, &*catalog});
        QCOMPARE(model.rowCount(), int(catalog->apis().size() * catalog->regions().size()));
        const int row = model.rowOf(QStringLiteral("general-text"), QStringLiteral("cn-north-4"));
        QCOMPARE(model.index(row, ServiceListModel::State).data().toString(), QStringLiteral("Enabled"));
        QCOMPARE(model.index(row, ServiceListModel::Mode).data().toString(), QStringLiteral("Package"));
        QCOMPARE(model.index(row, ServiceListModel::Calls).data().toString(), QStringLiteral("1,200"));
        QCOMPARE(model.index(row, ServiceListModel::Cost).data(MoneyRole).toLongLong(),
                 money("1.80").units());
        QCOMPARE(model.enabledCount(), 1);
        QCOMPARE(model.totalCost(), money("1.80"));
        QCOMPARE(model.index(row + 1, ServiceListModel::State).data().toString(), QStringLiteral("Disabled"));
    }

    void couponModelShowsAmountsScopeAndStatus()
    {
        CouponTableModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Coupon general{1, money("5"), money("2.50"), 0, at("2026-12-31T00:00:00+08:00"), QString(), false};
        Coupon lapsed{
            2, money("3"), money("1"), 0, at("2026-10-31T00:00:00+08:00"), QStringLiteral("passport"), true};
        model.setCoupons({general, lapsed}, at("2026-11-27T10:00:00+08:00"), AccountDisplay{});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, CouponTableModel::Remaining).data().toString(), QStringLiteral("2.50"));
        QCOMPARE(model.index(0, CouponTableModel::Scope).data().toString(), QStringLiteral("Every API"));
        QCOMPARE(model.index(0, CouponTableModel::Status).data().toString(), QStringLiteral("Usable"));
        QCOMPARE(model.index(1, CouponTableModel::Status).data().toString(), QStringLiteral("Expired"));
        QCOMPARE(model.index(1, CouponTableModel::Amount).data(MoneyRole).toLongLong(), money("3").units());
    }

    void modeOptionModelMarksTheCheapest()
    {
        auto catalog = Catalog::builtIn();
        QVERIFY(catalog.ok());
        auto quotes = priceCalculator(*catalog, QStringLiteral("general-text"), 50000);
        QVERIFY(test::ok(quotes));
        ModeOptionModel model(nullptr);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOptions(*quotes, kModePayPerUse, QStringLiteral("USD"));
        QCOMPARE(model.rowCount(), int(quotes->size()));
        QCOMPARE(model.index(0, ModeOptionModel::Option).data().toString(),
                 QStringLiteral("Pay-per-use (now)"));
        QCOMPARE(model.index(0, ModeOptionModel::MonthlyCost).data(MoneyRole).toLongLong(),
                 quotes->front().monthlyCost.units());
        const int best = model.cheapestRow();
        QVERIFY(best >= 0);
        for (int r = 0; r < model.rowCount(); ++r)
            QVERIFY(model.option(best).monthlyCost <= model.option(r).monthlyCost);
    }

    void topUpPreviewAndArrearsTimeline()
    {
        Account a;
        a.balance = money("-12.345");
        a.state = AccountState::Grace;
        a.stateUntil = at("2026-12-05T11:00:00+08:00");
        QCOMPARE(funds::amountToClearArrears(a), std::optional<Money>(money("12.35")));
        const funds::ArrearsTimeline t = funds::arrearsTimeline(a);
        QCOMPARE(t.graceEnds, std::optional<Instant>(at("2026-12-05T11:00:00+08:00")));
        QCOMPARE(t.releaseAt, std::optional<Instant>(at("2026-12-20T11:00:00+08:00")));
        a.balance = Money();
        a.state = AccountState::Normal;
        QVERIFY(!funds::amountToClearArrears(a));
    }
};

QTEST_MAIN(TestOwnerModels)
#include "tst_ownermodels.moc"
