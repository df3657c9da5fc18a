#include "funds/fundspage.h"

#include "engine/accountstatus.h"
#include "engine/engine.h"
#include "funds/ledgertablemodel.h"
#include "widgets/emptystate.h"
#include "widgets/errorbanner.h"
#include "widgets/figure.h"
#include "widgets/format.h"
#include "widgets/itemroles.h"
#include "widgets/moneydelegate.h"
#include "widgets/totalsfooter.h"
#include "widgets/totalsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
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
             "with the balance after it. Top up with \u201cbillingctl topup AMOUNT\u201d."),
          this))
{
    setObjectName(QStringLiteral("fundsPage"));
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(SortRole);
    m_totals =
        new TotalsModel(proxy, {LedgerTableModel::CashChange, LedgerTableModel::CouponChange}, {}, this);

    auto *money = new MoneyDelegate(this);
    m_table->setObjectName(QStringLiteral("ledgerTable"));
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

    auto *tablePane = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->setSpacing(0);
    auto *ledgerTitle = new QLabel(tr("Ledger"), this);
    QFont sectionFont = ledgerTitle->font();
    sectionFont.setBold(true);
    ledgerTitle->setFont(sectionFont);
    tableLayout->addWidget(ledgerTitle);
    tableLayout->addWidget(m_table, 1);
    tableLayout->addWidget(m_footer);
    tableLayout->addWidget(m_footer->scrollBar());
    m_stack->addWidget(tablePane);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_banner);
    layout->addLayout(figures);
    layout->addWidget(m_stack, 1);

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

    m_model->setEntries(std::move(loaded->ledger),
                        AccountDisplay{a.currency, a.utcOffsetSeconds, &m_engine.catalog()});
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget *>(m_empty)
                                                       : m_stack->widget(0));
    m_table->resizeColumnsToContents();
    m_footer->syncWithTable();
}

} // namespace billing::ui
