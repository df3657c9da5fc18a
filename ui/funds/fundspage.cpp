#include "funds/fundspage.h"

#include "engine/accountstatus.h"
#include "engine/engine.h"
#include "engine/funds.h"
#include "engine/fundspreview.h"
#include "funds/coupontablemodel.h"
#include "funds/ledgertablemodel.h"
#include "funds/topupdialog.h"
#include "widgets/emptystate.h"
#include "widgets/errorbanner.h"
#include "widgets/figure.h"
#include "widgets/format.h"
#include "widgets/itemroles.h"
#include "widgets/moneydelegate.h"
#include "widgets/totalsfooter.h"
#include "widgets/totalsmodel.h"
#include "widgets/totalstablepane.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
struct Loaded
{
    AccountStatus status;
    std::vector<LedgerEntry> ledger;
};
} // namespace

FundsPage::FundsPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_model(new LedgerTableModel(this)), m_totals(nullptr),
      m_banner(new ErrorBanner(this)), m_balance(new Figure(tr("Balance"), Figure::Size::Large, this)),
      m_arrears(new Figure(tr("Arrears"), Figure::Size::Medium, this)),
      m_coupons(new Figure(tr("Cash coupons left"), Figure::Size::Medium, this)),
      m_stack(new QStackedWidget(this)), m_table(new QTableView(this)),
      m_footer(new TotalsFooter(m_table, this)),
      m_empty(new EmptyState(
          tr("No money movements yet"),
          tr("Top-ups, charges, package purchases, refunds and coupons are recorded here, each "
             "with the balance after it. Top up with \u201cTop up\u2026\u201d (Ctrl+T)."),
          this)),
      m_couponModel(new CouponTableModel(this)), m_couponTable(new QTableView(this)),
      m_timeline(new QLabel(this))
{
    setObjectName(QStringLiteral("fundsPage"));
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(SortRole);
    m_totals =
        new TotalsModel(proxy, {LedgerTableModel::CashChange, LedgerTableModel::CouponChange}, {}, this);

    auto *money = new MoneyDelegate(this);
    m_table->setObjectName(QStringLiteral("ledgerTable"));
    m_table->setAccessibleName(tr("Ledger"));
    m_table->setAccessibleDescription(tr("Every money movement with the balance after it."));
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LedgerTableModel::Id, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    for (int c :
         {LedgerTableModel::CashChange, LedgerTableModel::BalanceAfter, LedgerTableModel::CouponChange})
        m_table->setItemDelegateForColumn(c, money);
    m_footer->setModel(m_totals);
    m_footer->setSpan(0, 0, 1, LedgerTableModel::CashChange);

    QLabel *title = createTitle(tr("Funds"));

    auto *figures = new QHBoxLayout;
    figures->addWidget(m_balance);
    figures->addSpacing(m_balance->fontMetrics().averageCharWidth() * 6);
    figures->addWidget(m_arrears);
    figures->addSpacing(m_balance->fontMetrics().averageCharWidth() * 6);
    figures->addWidget(m_coupons);
    figures->addStretch(1);
    auto *topUp = new QPushButton(tr("&Top up\u2026"), this);
    topUp->setObjectName(QStringLiteral("topUpButton"));
    topUp->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    topUp->setToolTip(tr("Add cash to the balance (Ctrl+T)"));
    figures->addWidget(topUp, 0, Qt::AlignBottom);
    connect(topUp, &QPushButton::clicked, this, [this] { openTopUp(); });

    m_timeline->setObjectName(QStringLiteral("arrearsTimeline"));
    m_timeline->setWordWrap(true);
    m_timeline->setTextFormat(Qt::PlainText);

    auto *couponProxy = new QSortFilterProxyModel(this);
    couponProxy->setSourceModel(m_couponModel);
    couponProxy->setSortRole(SortRole);
    m_couponTable->setObjectName(QStringLiteral("couponTable"));
    m_couponTable->setAccessibleName(tr("Cash coupons"));
    m_couponTable->setModel(couponProxy);
    m_couponTable->setSortingEnabled(true);
    m_couponTable->sortByColumn(CouponTableModel::Id, Qt::DescendingOrder);
    m_couponTable->setAlternatingRowColors(true);
    m_couponTable->verticalHeader()->hide();
    m_couponTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int c : {CouponTableModel::Amount, CouponTableModel::Remaining})
        m_couponTable->setItemDelegateForColumn(c, money);

    auto *tablePane = new TotalsTablePane(m_table, m_footer, this);
    m_stack->addWidget(tablePane);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_banner);
    layout->addLayout(figures);
    layout->addWidget(m_timeline);
    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_stack, tr("&Ledger"));
    tabs->addTab(m_couponTable, tr("Cash &coupons"));
    layout->addWidget(tabs, 1);

    connect(m_banner, &ErrorBanner::retryRequested, this, &FundsPage::refresh);
}

void FundsPage::refresh()
{
    auto loaded = m_engine.run([](Context &ctx) -> Result<Loaded> {
        auto status = accountStatus(ctx);
        if (!status)
            return status.error();
        auto ledger = ctx.ledger.all();
        if (!ledger)
            return ledger.error();
        return Loaded{std::move(*status), std::move(*ledger)};
    });
    if (!loaded) {
        m_banner->showError(tr("Could not load the funds."), loaded.error());
        return;
    }
    m_banner->clear();
    const Account &a = loaded->status.account;
    m_balance->setValue(tr("%1 %2").arg(a.balance.toDisplayString(QLocale()), a.currency));
    m_balance->setNegative(a.balance.isNegative());
    m_arrears->setValue(a.arrears().toDisplayString(QLocale()));
    m_arrears->setNegative(!a.arrears().isZero());
    m_arrears->setDetail(a.arrears().isZero() ? tr("Nothing owed") : accountStateText(a));

    Money couponsLeft;
    int usable = 0;
    for (const Coupon &c : loaded->status.coupons)
        if (!c.lapsed && c.expiresAt > loaded->status.now && !c.remaining.isZero()) {
            couponsLeft += c.remaining;
            ++usable;
        }
    m_coupons->setValue(couponsLeft.toDisplayString(QLocale()));
    m_coupons->setDetail(usable == 0 ? tr("No usable coupon")
                                     : tr("Usable coupons: %1").arg(QLocale().toString(usable)));

    m_couponModel->setCoupons(loaded->status.coupons, loaded->status.now,
                              AccountDisplay{a.currency, a.utcOffsetSeconds, &m_engine.catalog()});
    m_couponTable->resizeColumnsToContents();
    const funds::ArrearsTimeline t = funds::arrearsTimeline(a);
    const QLocale locale;
    QString timeline;
    if (a.state == AccountState::Grace && t.graceEnds)
        timeline =
            tr("Arrears of %1 %2. Calls are served and billed until the grace period ends on %3; then the "
               "account is frozen (calls rejected, purchases refused) until %4, when every enabled "
               "service is released. Top up at least %5 to end this now.")
                .arg(formatMoney(a.arrears()), a.currency,
                     formatDateTimeLong(*t.graceEnds, a.utcOffsetSeconds),
                     formatDateTimeLong(*t.releaseAt, a.utcOffsetSeconds),
                     formatMoney(funds::amountToClearArrears(a).value_or(Money())));
    else if (a.state == AccountState::Frozen && t.releaseAt)
        timeline = tr("Frozen since %1 for arrears of %2 %3: calls are rejected and purchases refused. Every "
                      "enabled service is released on %4. Top up at least %5 to end this now.")
                       .arg(formatDateTimeLong(*t.graceEnds, a.utcOffsetSeconds), formatMoney(a.arrears()),
                            a.currency, formatDateTimeLong(*t.releaseAt, a.utcOffsetSeconds),
                            formatMoney(funds::amountToClearArrears(a).value_or(Money())));
    else if (a.state == AccountState::Frozen)
        timeline = tr("Frozen for arrears of %1 %2; the services were released. Top up at least %3 to end "
                      "this, then enable the services again.")
                       .arg(formatMoney(a.arrears()), a.currency,
                            formatMoney(funds::amountToClearArrears(a).value_or(Money())));
    m_timeline->setText(timeline);
    m_timeline->setVisible(!timeline.isEmpty());

    m_model->setEntries(std::move(loaded->ledger),
                        AccountDisplay{a.currency, a.utcOffsetSeconds, &m_engine.catalog()});
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget *>(m_empty)
                                                       : m_stack->widget(0));
    m_table->resizeColumnsToContents();
    m_footer->syncWithTable();
}

QString FundsPage::arrearsTimelineText() const
{
    return m_timeline->isVisibleTo(this) ? m_timeline->text() : QString();
}

TopUpDialog *FundsPage::openTopUp()
{
    auto *dialog = new TopUpDialog(m_engine, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const std::optional<Money> amount = dialog->amount();
        if (!amount)
            return;
        if (applyChange(m_engine, m_banner, tr("The top-up was refused."),
                        [&amount](Context &ctx) { return funds::topUp(ctx, *amount); }))
            emit accountChanged();
    });
    dialog->open();
    return dialog;
}

} // namespace billing::ui
