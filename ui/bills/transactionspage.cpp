#include "bills/transactionspage.h"

#include "bills/importdialog.h"
#include "bills/linedetaildialog.h"
#include "bills/recordfilterbar.h"
#include "bills/recordloader.h"
#include "bills/recordtablemodel.h"
#include "bills/recordtotalsmodel.h"
#include "engine/billview.h"
#include "engine/engine.h"
#include "transactionscsv.h"
#include "widgets/activatingtableview.h"
#include "widgets/emptystate.h"
#include "widgets/errorbanner.h"
#include "widgets/moneydelegate.h"
#include "widgets/ownengine.h"
#include "widgets/totalsfooter.h"
#include "widgets/totalstablepane.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
struct Choices
{
    QStringList months;
    QStringList projects;
    AccountDisplay display;
};

// Every record a filter matches, streamed into a CSV file a page at a time.
Status writeCsv(const QString &location, const Clock &clock, RecordFilter filter, const QString &path,
                TaskControl &task)
{
    return withOwnEngine(location, clock, [&](Engine &engine) -> Status {
        auto ctx = engine.inspect();
        if (!ctx)
            return ctx.error();
        auto totals = (*ctx)->records.totals(filter);
        if (!totals)
            return totals.error();
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return Error::internal(
                QCoreApplication::translate("billing::ui::TransactionsPage", "cannot write %1: %2")
                    .arg(QDir::toNativeSeparators(path), file.errorString()));
        report::TransactionsCsvWriter writer(file, (*ctx)->calendar, (*ctx)->account.currency);
        if (Status s = writer.writeHeader(); !s)
            return s;
        constexpr int Chunk = 5000;
        filter.limit = Chunk;
        for (filter.offset = 0;; filter.offset += Chunk) {
            if (task.isCancelled()) {
                file.cancelWriting();
                return Error::refused(
                    QCoreApplication::translate("billing::ui::TransactionsPage", "the export was cancelled"));
            }
            auto records = (*ctx)->records.list(filter);
            if (!records)
                return records.error();
            if (Status s = writer.write(*records); !s)
                return s;
            if (totals->records > 0)
                task.setProgress(
                    int(std::min<qint64>(1000, qint64(filter.offset + Chunk) * 1000 / totals->records)),
                    1000);
            if (int(records->size()) < Chunk)
                break;
        }
        if (!file.commit())
            return Error::internal(file.errorString());
        return {};
    });
}
} // namespace

TransactionsPage::TransactionsPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_model(new RecordTableModel(this)),
      m_totals(new RecordTotalsModel(this)),
      m_loader(new RecordLoader(engine.database().location(), engine.clock(), this)),
      m_banner(new ErrorBanner(this)), m_filters(new RecordFilterBar(this)),
      m_exact(new QCheckBox(tr("E&xact fees (8 decimals)"), this)),
      m_details(new QPushButton(tr("&Calls behind the line\u2026"), this)),
      m_exportButton(new QPushButton(tr("Ex&port CSV\u2026"), this)), m_busy(new QProgressBar(this)),
      m_count(new QLabel(this)), m_credits(new QLabel(this)), m_stack(new QStackedWidget(this)),
      m_table(new ActivatingTableView(this)), m_footer(new TotalsFooter(m_table, this)),
      m_empty(new EmptyState(tr("No transactions yet"),
                             tr("Top-ups, package purchases and the hourly settlement of imported calls are "
                                "listed here. Import call records\u2026 (Ctrl+I) fills it."),
                             this)),
      m_centsDelegate(new MoneyDelegate(this)), m_feeDelegate(new MoneyDelegate(this))
{
    setObjectName(QStringLiteral("transactionsPage"));
    m_exact->setToolTip(tr("Show fees and rounded-off amounts with all 8 decimals instead of whole cents"));
    m_details->setToolTip(
        tr("Open the selected record: for a usage line, the calls, tier positions and fee behind it"));
    auto *import = new QPushButton(tr("&Import call records\u2026"), this);
    import->setObjectName(QStringLiteral("importCalls"));
    m_exportButton->setObjectName(QStringLiteral("exportTransactions"));
    m_busy->setObjectName(QStringLiteral("loadingIndicator"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_count->setObjectName(QStringLiteral("recordCount"));
    m_credits->setObjectName(QStringLiteral("recordCredits"));
    m_credits->setForegroundRole(QPalette::PlaceholderText);

    m_table->setObjectName(QStringLiteral("transactionsTable"));
    m_table->setAccessibleName(tr("Transaction records"));
    m_table->setAccessibleDescription(
        tr("Enter opens the selected record with the calls, tier positions and fee behind it."));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSortIndicator(RecordTableModel::Time, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    for (int c : RecordTableModel::MoneyColumns)
        m_table->setItemDelegateForColumn(c, m_centsDelegate);
    m_table->setItemDelegateForColumn(RecordTableModel::Fee, m_feeDelegate);
    m_table->setItemDelegateForColumn(RecordTableModel::RoundedOff, m_feeDelegate);
    m_footer->setModel(m_totals);
    m_footer->setSpan(0, 0, 1, RecordTableModel::Calls);
    m_footer->syncWithTable();

    auto *actions = new QHBoxLayout;
    actions->addWidget(import);
    actions->addWidget(m_exportButton);
    actions->addWidget(m_details);
    actions->addWidget(m_exact);
    actions->addStretch(1);
    actions->addWidget(m_busy);
    actions->addWidget(m_count);

    auto *tablePane = new TotalsTablePane(m_table, m_footer, this);
    tablePane->addBelow(m_credits);
    m_stack->addWidget(tablePane);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Transactions")));
    layout->addWidget(m_banner);
    layout->addWidget(m_filters);
    layout->addLayout(actions);
    layout->addWidget(m_stack, 1);

    connect(m_filters, &RecordFilterBar::changed, this, &TransactionsPage::reload);
    connect(m_model, &RecordTableModel::sortRequested, this, &TransactionsPage::onSort);
    connect(m_model, &RecordTableModel::moreRequested, m_loader, &RecordLoader::fetch);
    connect(m_loader, &RecordLoader::pageLoaded, this, &TransactionsPage::onPage);
    connect(m_loader, &RecordLoader::busyChanged, m_busy, &QWidget::setVisible);
    connect(m_exact, &QCheckBox::toggled, this, &TransactionsPage::setExactFees);
    connect(m_details, &QPushButton::clicked, this, &TransactionsPage::openSelected);
    connect(m_table, &QTableView::activated, this, &TransactionsPage::openSelected);
    connect(m_table, &QTableView::doubleClicked, this, &TransactionsPage::openSelected);
    connect(import, &QPushButton::clicked, this, &TransactionsPage::openImport);
    connect(m_exportButton, &QPushButton::clicked, this, &TransactionsPage::chooseExportFile);
    connect(m_banner, &ErrorBanner::retryRequested, this, &TransactionsPage::refresh);
    m_export.onFinished([this](const Status &s) { onExportDone(s); });
    m_export.onProgress([this](int value, int) { m_busy->setValue(value); });
}

TransactionsPage::~TransactionsPage() = default;

bool TransactionsPage::isLoading() const
{
    return m_loader->isBusy();
}

QString TransactionsPage::countText() const
{
    return m_count->text();
}

QString TransactionsPage::creditsText() const
{
    return m_credits->text();
}

void TransactionsPage::refresh()
{
    if (loadChoices())
        reload();
}

bool TransactionsPage::loadChoices()
{
    // Catch up (billing-rules §12.16) and read the filter choices here; the records come from the worker.
    auto choices = m_engine.run([&](Context &ctx) -> Result<Choices> {
        auto months = billMonths(ctx);
        if (!months)
            return months.error();
        auto projects = recordProjects(ctx);
        if (!projects)
            return projects.error();
        return Choices{
            *months, *projects,
            AccountDisplay{ctx.account.currency, ctx.account.utcOffsetSeconds, &m_engine.catalog()}};
    });
    if (!choices) {
        m_banner->showError(tr("Could not load the transactions."), choices.error());
        return false;
    }
    m_filters->setChoices(choices->display, choices->months, choices->projects);
    const bool empty = choices->months.isEmpty();
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_stack->widget(0));
    m_filters->setVisible(!empty);
    m_display = choices->display;
    return true;
}

void TransactionsPage::reload()
{
    RecordFilter f = m_filters->filter();
    f.sort = m_sort;
    f.descending = m_descending;
    m_model->setFetching(true);
    m_loader->load(f);
}

void TransactionsPage::onSort(int column, Qt::SortOrder order)
{
    m_sort = RecordTableModel::sortFor(column);
    m_descending = order == Qt::DescendingOrder;
    reload();
}

void TransactionsPage::onPage(const RecordPage &page)
{
    if (page.error) {
        m_model->setFetching(false);
        m_banner->showError(tr("Could not load the transactions."), *page.error); // the old rows stay
        return;
    }
    m_banner->clear();
    const QLocale locale;
    if (page.offset == 0) {
        m_model->setRecords(page.records, m_display);
        const RecordTotals t = page.totals.value_or(RecordTotals());
        m_model->setTotalCount(t.records);
        m_totals->setTotals(t);
        m_filters->setProjects(page.projects);
        m_credits->setText(
            t.creditRecords == 0
                ? tr("The totals are the charges (usage, package purchases, renewals, refunds).")
                : tr("The totals are the charges only. Also listed: %1 credit(s) (top-ups, coupons) "
                     "of %2 %3, not added in.")
                      .arg(locale.toString(t.creditRecords), formatMoney(-t.credits, 2, locale),
                           m_display.currency));
        if (!m_fitted && m_model->rowCount() > 0) {
            m_footer->fitTableColumns();
            m_fitted = true;
        } else {
            m_footer->syncWithTable();
        }
        m_table->scrollToTop();
    } else if (page.offset == m_model->rowCount()) {
        m_model->appendRecords(page.records);
    } else {
        m_model->setFetching(false); // a page of a superseded query
        return;
    }
    const qint64 total = m_model->totalCount();
    m_count->setText(
        total == 0
            ? tr("No records match")
            : tr("Showing %1 of %2").arg(locale.toString(m_model->rowCount()), locale.toString(total)));
    emit loaded();
}

void TransactionsPage::showBillLine(const QString &month, const QString &api, const QString &region,
                                    const QString &mode)
{
    loadChoices(); // the filter bar offers the catalog's names before it selects them
    m_filters->showBillLine(month, api, region, mode);
}

void TransactionsPage::showRecords(const RecordFilter &filter)
{
    loadChoices(); // the filter bar offers the catalog's names before it selects them
    m_filters->showRecords(filter);
}

void TransactionsPage::openSelected()
{
    const QModelIndex index = m_table->currentIndex();
    if (!index.isValid() || index.row() >= m_model->rowCount())
        return;
    openDetail(m_model->record(index.row()).id);
}

LineDetailDialog *TransactionsPage::openDetail(qint64 recordId)
{
    auto *dialog = new LineDetailDialog(m_engine, recordId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

ImportDialog *TransactionsPage::openImport()
{
    if (auto *open = findChild<ImportDialog *>(); open && open->isVisible()) {
        open->raise();
        open->activateWindow();
        return open;
    }
    auto *dialog = new ImportDialog(m_engine, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::imported, this, [this] {
        refresh();
        emit accountChanged();
    });
    dialog->show();
    return dialog;
}

void TransactionsPage::chooseExportFile()
{
    if (isExporting()) {
        m_export.cancel();
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the transactions"), QDir::home().filePath(QStringLiteral("transactions.csv")),
        tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportCsv(path);
}

void TransactionsPage::exportCsv(const QString &path)
{
    if (isExporting())
        return;
    RecordFilter filter = m_filters->filter();
    filter.sort = m_sort;
    filter.descending = m_descending;
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    m_exportPath = path;
    m_exportButton->setText(tr("Cancel ex&port"));
    m_busy->setRange(0, 1000);
    m_busy->setValue(0);
    m_busy->show();
    m_export.start([location, &clock, filter, path](TaskControl &task) {
        return writeCsv(location, clock, filter, path, task);
    });
}

void TransactionsPage::onExportDone(const Status &s)
{
    m_exportButton->setText(tr("Ex&port CSV\u2026"));
    m_busy->setRange(0, 0);
    m_busy->setVisible(isLoading());
    if (!s) {
        m_banner->showError(tr("Could not export the transactions."), s.error());
        emit exportFinished(false, s.error().message);
        return;
    }
    m_count->setToolTip(tr("Saved %1").arg(QDir::toNativeSeparators(m_exportPath)));
    emit exportFinished(true, QDir::toNativeSeparators(m_exportPath));
}

void TransactionsPage::setExactFees(bool exact)
{
    m_feeDelegate->setPrecision(exact ? MoneyDelegate::Precision::Exact : MoneyDelegate::Precision::Cents);
    m_footer->fitTableColumns();
}

} // namespace billing::ui
