#include "bills/transactionspage.h"

#include "bills/recordfilterproxy.h"
#include "bills/recordtablemodel.h"
#include "engine/engine.h"
#include "widgets/emptystate.h"
#include "widgets/errorbanner.h"
#include "widgets/moneydelegate.h"
#include "widgets/totalsfooter.h"
#include "widgets/totalsmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace billing::ui {

namespace {
struct Loaded
{
    std::vector<Record> records;
    AccountDisplay display;
};
} // namespace

TransactionsPage::TransactionsPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_model(new RecordTableModel(this)),
      m_proxy(new RecordFilterProxy(this)), m_totals(nullptr), m_banner(new ErrorBanner(this)),
      m_type(new QComboBox(this)), m_month(new QComboBox(this)),
      m_exact(new QCheckBox(tr("Exact fees (8 decimals)"), this)), m_count(new QLabel(this)),
      m_stack(new QStackedWidget(this)), m_table(new QTableView(this)),
      m_footer(new TotalsFooter(m_table, this)),
      m_empty(new EmptyState(
          tr("No transactions yet"),
          tr("Top-ups, package purchases and the hourly settlement of imported calls are listed "
             "here. Top up with \u201cbillingctl topup AMOUNT\u201d or import call records with "
             "\u201cbillingctl import-calls FILE\u201d."),
          this)),
      m_centsDelegate(new MoneyDelegate(this)), m_feeDelegate(new MoneyDelegate(this))
{
    setObjectName(QStringLiteral("transactionsPage"));
    m_proxy->setSourceModel(m_model);
    m_totals =
        new TotalsModel(m_proxy,
                        {RecordTableModel::Fee, RecordTableModel::Charged, RecordTableModel::RoundedOff,
                         RecordTableModel::PaidCoupon, RecordTableModel::PaidCash, RecordTableModel::Arrears},
                        {RecordTableModel::Calls}, this);

    m_type->addItem(tr("All types"));
    for (auto t : {Record::Type::Usage, Record::Type::Purchase, Record::Type::Renewal, Record::Type::Refund,
                   Record::Type::TopUp, Record::Type::Coupon})
        m_type->addItem(RecordTableModel::typeName(t), QVariant::fromValue(int(t)));
    m_month->addItem(tr("All months"));
    m_exact->setToolTip(tr("Show fees and rounded-off amounts with all 8 decimals instead of whole cents"));

    m_table->setObjectName(QStringLiteral("transactionsTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RecordTableModel::Time, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setHighlightSections(false);
    for (int c : RecordTableModel::MoneyColumns)
        m_table->setItemDelegateForColumn(c, m_centsDelegate);
    m_table->setItemDelegateForColumn(RecordTableModel::Fee, m_feeDelegate);
    m_table->setItemDelegateForColumn(RecordTableModel::RoundedOff, m_feeDelegate);
    m_footer->setModel(m_totals);
    m_footer->setSpan(0, 0, 1, RecordTableModel::Calls);

    m_filterBar = new QWidget(this);
    auto *filters = new QHBoxLayout(m_filterBar);
    filters->setContentsMargins(0, 0, 0, 0);
    auto *typeLabel = new QLabel(tr("&Type:"), this);
    typeLabel->setBuddy(m_type);
    auto *monthLabel = new QLabel(tr("&Bill month:"), this);
    monthLabel->setBuddy(m_month);
    filters->addWidget(typeLabel);
    filters->addWidget(m_type);
    filters->addWidget(monthLabel);
    filters->addWidget(m_month);
    filters->addWidget(m_exact);
    filters->addStretch(1);
    filters->addWidget(m_count);

    auto *tablePane = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->setSpacing(0);
    tableLayout->addWidget(m_table, 1);
    tableLayout->addWidget(m_footer);
    tableLayout->addWidget(m_footer->scrollBar());
    m_stack->addWidget(tablePane);
    m_stack->addWidget(m_empty);

    QLabel *title = createTitle(tr("Transactions"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_banner);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_stack, 1);

    connect(m_type, &QComboBox::currentIndexChanged, this, &TransactionsPage::applyFilter);
    connect(m_month, &QComboBox::currentIndexChanged, this, &TransactionsPage::applyFilter);
    connect(m_exact, &QCheckBox::toggled, this, &TransactionsPage::setExactFees);
    connect(m_banner, &ErrorBanner::retryRequested, this, &TransactionsPage::refresh);
    connect(m_totals, &TotalsModel::dataChanged, this, [this] {
        m_count->setText(
            tr("Showing %1 of %2")
                .arg(QLocale().toString(m_totals->sourceRows()), QLocale().toString(m_model->rowCount())));
    });
}

void TransactionsPage::refresh()
{
    auto loaded = m_engine.run([&](Context &ctx) -> Result<Loaded> {
        auto records = ctx.records.list(RecordFilter{});
        if (!records)
            return records.error();
        return Loaded{std::move(*records), AccountDisplay{ctx.account.currency, ctx.account.utcOffsetSeconds,
                                                          &m_engine.catalog()}};
    });
    if (!loaded) {
        // Keep the old rows visible under the banner rather than an empty table.
        m_banner->showError(tr("Could not load the transactions."), loaded.error());
        return;
    }
    m_banner->clear();
    m_model->setRecords(std::move(loaded->records), loaded->display);
    fillMonths();
    const bool empty = m_model->rowCount() == 0;
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_stack->widget(0));
    m_filterBar->setVisible(!empty);
    fitColumns();
}

void TransactionsPage::fillMonths()
{
    std::set<QString, std::greater<>> months;
    for (const Record &r : m_model->records())
        if (!r.billMonth.isEmpty())
            months.insert(r.billMonth);
    const QString current = m_month->currentData().toString();
    const QSignalBlocker blocker(m_month);
    m_month->clear();
    m_month->addItem(tr("All months"));
    for (const QString &m : months)
        m_month->addItem(m, m);
    m_month->setCurrentIndex(std::max(0, m_month->findData(current)));
    applyFilter();
}

void TransactionsPage::applyFilter()
{
    RecordPredicate p;
    if (m_type->currentIndex() > 0)
        p.type = static_cast<Record::Type>(m_type->currentData().toInt());
    p.billMonth = m_month->currentData().toString();
    m_proxy->setPredicate(p);
}

void TransactionsPage::setExactFees(bool exact)
{
    m_feeDelegate->setPrecision(exact ? MoneyDelegate::Precision::Exact : MoneyDelegate::Precision::Cents);
    fitColumns();
}

void TransactionsPage::fitColumns()
{
    m_table->resizeColumnsToContents();
    m_table->viewport()->update();
    m_footer->syncWithTable();
    m_footer->viewport()->update();
}

} // namespace billing::ui
