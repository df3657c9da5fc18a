#include "bills/billspage.h"

#include "billprint.h"
#include "bills/billtablemodel.h"
#include "engine/engine.h"
#include "reconcile/reconciliation.h"
#include "widgets/activatingtableview.h"
#include "widgets/emptystate.h"
#include "widgets/errorbanner.h"
#include "widgets/figure.h"
#include "widgets/flowlayout.h"
#include "widgets/focusexportdialog.h"
#include "widgets/itemroles.h"
#include "widgets/moneydelegate.h"
#include "widgets/ownengine.h"
#include "widgets/totalsfooter.h"
#include "widgets/totalsmodel.h"
#include "widgets/totalstablepane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
struct Loaded
{
    QStringList months;
    BillComparison comparison;
    AccountDisplay display;
    QString accountName;
    QString generatedAt;
};
} // namespace

BillsPage::BillsPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_model(new BillTableModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_totals(nullptr), m_banner(new ErrorBanner(this)),
      m_month(new QComboBox(this)), m_previous(new QToolButton(this)), m_next(new QToolButton(this)),
      m_status(new QLabel(this)), m_exact(new QCheckBox(tr("E&xact amounts (8 decimals)"), this)),
      m_export(new QToolButton(this)), m_printPreview(new QPushButton(tr("Print pre&view\u2026"), this)),
      m_print(new QPushButton(tr("&Print\u2026"), this)), m_busy(new QProgressBar(this)),
      m_exportStatus(new QLabel(this)), m_due(new Figure(tr("Amount due"), Figure::Size::Large, this)),
      m_fee(new Figure(tr("List amount"), Figure::Size::Medium, this)),
      m_roundedOff(new Figure(tr("Rounded off"), Figure::Size::Medium, this)),
      m_paid(new Figure(tr("Paid by coupon / cash"), Figure::Size::Medium, this)),
      m_arrears(new Figure(tr("Arrears"), Figure::Size::Medium, this)),
      m_change(new Figure(tr("Versus previous month"), Figure::Size::Medium, this)),
      m_content(new QWidget(this)), m_stack(new QStackedWidget(this)), m_table(new ActivatingTableView(this)),
      m_footer(new TotalsFooter(m_table, this)),
      m_empty(new EmptyState(
          tr("No bills yet"),
          tr("A bill sums the charges of one month. Import call records (File \u203a Import "
             "call records\u2026, Ctrl+I) or buy a package, and the month's bill appears here."),
          this)),
      m_centsDelegate(new MoneyDelegate(this)), m_feeDelegate(new MoneyDelegate(this))
{
    setObjectName(QStringLiteral("billsPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_totals = new TotalsModel(
        m_proxy, {std::begin(BillTableModel::MoneyColumns), std::end(BillTableModel::MoneyColumns)},
        {BillTableModel::Calls}, this);

    m_month->setObjectName(QStringLiteral("billMonth"));
    m_month->setMinimumContentsLength(8);
    m_previous->setObjectName(QStringLiteral("previousMonth"));
    m_previous->setArrowType(Qt::LeftArrow);
    m_previous->setToolTip(tr("Previous month (Alt+Left)"));
    m_previous->setAccessibleName(tr("Previous month"));
    m_previous->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_next->setObjectName(QStringLiteral("nextMonth"));
    m_next->setArrowType(Qt::RightArrow);
    m_next->setToolTip(tr("Next month (Alt+Right)"));
    m_next->setAccessibleName(tr("Next month"));
    m_next->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    m_status->setObjectName(QStringLiteral("billStatus"));
    m_status->setWordWrap(true); // a long status takes two lines rather than widening the window
    m_exact->setToolTip(tr("Show list amounts and rounded-off amounts with all 8 decimals"));

    m_export->setObjectName(QStringLiteral("exportBill"));
    m_export->setText(tr("&Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    m_export->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("As &CSV\u2026"), this, [this] { chooseExport(report::Format::Csv); });
    exportMenu->addAction(tr("As E&xcel workbook (XLSX)\u2026"), this,
                          [this] { chooseExport(report::Format::Xlsx); });
    exportMenu->addAction(tr("As &PDF\u2026"), this, [this] { chooseExport(report::Format::Pdf); });
    exportMenu->addSeparator();
    exportMenu->addAction(tr("&FOCUS cost and usage data\u2026"), this, &BillsPage::openFocusExport)
        ->setObjectName(QStringLiteral("exportFocus"));
    m_export->setMenu(exportMenu);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(120);
    m_busy->hide();
    m_exportStatus->setObjectName(QStringLiteral("exportStatus"));

    m_table->setObjectName(QStringLiteral("billTable"));
    m_table->setAccessibleName(tr("Bill lines"));
    m_table->setAccessibleDescription(
        tr("One line per API, region and billing mode; Enter opens the transactions of the selected line."));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // the bill's own order until a header is clicked
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setHighlightSections(false);
    for (int c : BillTableModel::MoneyColumns)
        m_table->setItemDelegateForColumn(c, m_centsDelegate);
    m_table->setItemDelegateForColumn(BillTableModel::Fee, m_feeDelegate);
    m_table->setItemDelegateForColumn(BillTableModel::RoundedOff, m_feeDelegate);
    m_footer->setModel(m_totals);
    m_footer->setSpan(0, 0, 1, BillTableModel::Calls);
    m_footer->syncWithTable();

    auto *bar = new QHBoxLayout;
    auto *monthLabel = new QLabel(tr("&Month:"), this);
    monthLabel->setBuddy(m_month);
    bar->addWidget(monthLabel);
    bar->addWidget(m_previous);
    bar->addWidget(m_month);
    bar->addWidget(m_next);
    bar->addSpacing(m_month->fontMetrics().horizontalAdvance(QLatin1Char('M')));
    bar->addWidget(m_status, 1); // takes the room there is, wraps when there is too little
    bar->addWidget(m_exportStatus);
    bar->addWidget(m_busy);
    bar->addWidget(m_exact);
    bar->addWidget(m_export);
    bar->addWidget(m_printPreview);
    bar->addWidget(m_print);

    // The figures wrap onto a second row when the window is narrower than all of them (exact amounts).
    auto *figures = new FlowLayout;
    figures->addWidget(m_due);
    for (Figure *f : {m_fee, m_roundedOff, m_paid, m_arrears, m_change})
        figures->addWidget(f);

    auto *hint =
        new QLabel(tr("Double-click a line or press Enter to see its transactions; from a usage line, "
                      "open the calls behind it."),
                   this);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(figures);
    contentLayout->addWidget(hint);
    contentLayout->addWidget(new TotalsTablePane(m_table, m_footer, this), 1);
    m_stack->addWidget(m_content);
    m_stack->addWidget(m_empty);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Bills")));
    layout->addWidget(m_banner);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    setTabOrder(m_month, m_table);
    connect(m_month, &QComboBox::activated, this, [this] { load(m_month->currentText()); });
    connect(m_previous, &QToolButton::clicked, this, [this] { step(-1); });
    connect(m_next, &QToolButton::clicked, this, [this] { step(+1); });
    connect(m_exact, &QCheckBox::toggled, this, &BillsPage::setExact);
    connect(m_printPreview, &QPushButton::clicked, this, &BillsPage::printPreview);
    connect(m_print, &QPushButton::clicked, this, &BillsPage::print);
    connect(m_table, &QTableView::activated, this, &BillsPage::openLine);
    connect(m_table, &QTableView::doubleClicked, this, &BillsPage::openLine);
    connect(m_banner, &ErrorBanner::retryRequested, this, &BillsPage::refresh);
    m_exportTask.onFinished([this](const Status &s) { onExportDone(s); });
}

QString BillsPage::month() const
{
    return m_model->comparison().bill.month;
}

void BillsPage::setMonth(const QString &month)
{
    load(month);
}

void BillsPage::refresh()
{
    load(month());
}

void BillsPage::load(const QString &wanted)
{
    auto loaded = m_engine.run([&](Context &ctx) -> Result<Loaded> {
        auto months = billMonths(ctx);
        if (!months)
            return months.error();
        QString month = wanted;
        if (month.isEmpty() || !months->contains(month))
            month = months->isEmpty() ? ctx.calendar.monthKey(ctx.now) : months->first();
        auto comparison = compareWithPreviousMonth(ctx, month);
        if (!comparison)
            return comparison.error();
        return Loaded{std::move(*months), std::move(*comparison),
                      AccountDisplay{ctx.account.currency, ctx.account.utcOffsetSeconds, &m_engine.catalog()},
                      ctx.account.name, ctx.calendar.format(ctx.now)};
    });
    if (!loaded) {
        m_banner->showError(tr("Could not load the bill."), loaded.error());
        return;
    }
    m_banner->clear();
    m_months = loaded->months;
    m_accountName = loaded->accountName;
    m_generatedAt = loaded->generatedAt;
    m_model->setComparison(std::move(loaded->comparison), loaded->display);
    {
        const QSignalBlocker blocker(m_month);
        m_month->clear();
        m_month->addItems(m_months);
        m_month->setCurrentIndex(int(m_months.indexOf(month())));
    }
    const int at = int(m_months.indexOf(month()));
    m_previous->setEnabled(at >= 0 && at + 1 < m_months.size());
    m_next->setEnabled(at > 0);
    const bool empty = m_months.isEmpty();
    m_stack->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_content);
    for (QWidget *w : std::initializer_list<QWidget *>{m_month, m_exact, m_export, m_printPreview, m_print})
        w->setEnabled(!empty);
    showSummary();
    m_footer->fitTableColumns();
}

void BillsPage::step(int delta)
{
    // The list is newest first: an earlier month is further down.
    const int at = int(m_months.indexOf(month())) - delta;
    if (at >= 0 && at < m_months.size())
        load(m_months.at(at));
}

void BillsPage::showSummary()
{
    const BillComparison &c = m_model->comparison();
    const Bill &bill = c.bill;
    const BillingCalendar cal(m_model->display().utcOffsetSeconds);
    const QLocale locale;
    const CivilDate d = cal.dateOf(bill.finalAt);
    const QString date = locale.toString(QDate(d.year, d.month, d.day), QLocale::LongFormat);
    QString status = bill.final ? tr("<b>Final</b> since %1").arg(date)
                                : tr("<b>Open</b> \u2014 becomes final on %1").arg(date);
    // Accepted on the Reconciliation page (or with billingctl reconcile accept): one small query.
    const QString shown = bill.month;
    if (auto reconciled = m_engine.run([&shown](Context &ctx) { return monthReconciled(ctx, shown); });
        reconciled && *reconciled)
        status += tr(" \u00b7 <b>Reconciled</b>");
    m_status->setText(status);
    m_status->setToolTip(
        bill.final ? tr("Nothing in a final month changes again; corrections go into the open month.")
                   : tr("Charges of this month can still arrive until it becomes final."));
    const QString cur = m_model->display().currency;
    auto money = [&](Money m, int decimals = 2) {
        return tr("%1 %2").arg(formatMoney(m, decimals, locale), cur);
    };
    m_due->setValue(money(bill.totals.charged));
    m_due->setDetail(
        tr("%n line(s), %1 calls", nullptr, int(bill.lines.size())).arg(locale.toString(bill.totals.calls)));
    m_fee->setValue(money(bill.totals.fee, Money::Decimals));
    m_roundedOff->setValue(money(bill.totals.roundedOff, Money::Decimals));
    m_roundedOff->setDetail(tr("not charged"));
    m_paid->setValue(tr("%1 / %2").arg(formatMoney(bill.totals.paidCoupon, 2, locale),
                                       formatMoney(bill.totals.paidCash, 2, locale)));
    m_arrears->setValue(money(bill.totals.arrears));
    m_arrears->setNegative(!bill.totals.arrears.isZero());
    const ComparedLine &t = c.totals;
    const QString sign = t.change.isNegative() ? QString() : QStringLiteral("+");
    m_change->setValue(tr("%1%2 (%3)")
                           .arg(sign, formatMoney(t.change, 2, locale),
                                BillTableModel::percentText(t.changeBasisPoints, locale)));
    m_change->setDetail(tr("%1 due in %2").arg(money(t.previousCharged), c.previous.month));
}

void BillsPage::openLine(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const ComparedLine &l = m_model->line(m_proxy->mapToSource(index).row());
    emit lineTransactionsRequested(month(), l.line.api, l.line.region, l.line.mode);
}

void BillsPage::setExact(bool exact)
{
    m_feeDelegate->setPrecision(exact ? MoneyDelegate::Precision::Exact : MoneyDelegate::Precision::Cents);
    m_footer->fitTableColumns();
}

report::BillDocument BillsPage::document() const
{
    const Bill &bill = m_model->comparison().bill;
    const CivilDate d = BillingCalendar(m_model->display().utcOffsetSeconds).dateOf(bill.finalAt);
    return report::BillDocument{bill,          m_model->display().currency,
                                m_accountName, QDate(d.year, d.month, d.day),
                                m_generatedAt, report::DisplayNames(m_engine.catalog())};
}

bool BillsPage::isExporting() const
{
    return m_exportTask.isRunning();
}

void BillsPage::chooseExport(report::Format format)
{
    const QString ext = report::formatName(format);
    const QString filter = format == report::Format::Csv    ? tr("CSV files (*.csv)")
                           : format == report::Format::Xlsx ? tr("Excel workbooks (*.xlsx)")
                                                            : tr("PDF files (*.pdf)");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the bill of %1").arg(month()),
        QDir::home().filePath(QStringLiteral("bill-%1.%2").arg(month(), ext)), filter);
    if (!path.isEmpty())
        exportTo(format, path);
}

void BillsPage::openFocusExport()
{
    // From and to the month shown: the user widens the range in the dialog.
    const QDate month = QDate::fromString(this->month() + QStringLiteral("-01"), Qt::ISODate);
    const QDate shown = month.isValid() ? month : QDate::currentDate();
    auto *dialog = new FocusExportDialog(m_engine, shown, shown, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void BillsPage::exportTo(report::Format format, const QString &path)
{
    if (isExporting() || month().isEmpty())
        return;
    // The worker reads the bill again with its own engine, so the file says what the engine holds now.
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    const QString month = this->month();
    const QString accountName = m_accountName;
    const QLocale locale;
    m_exportPath = path;
    m_exportStatus->setText(tr("Exporting\u2026"));
    m_busy->show();
    m_export->setEnabled(false);
    m_exportTask.start([location, &clock, month, format, path, locale](TaskControl &) -> Status {
        return withOwnEngine(location, clock, [&](Engine &engine) -> Status {
            auto doc = engine.run([&](Context &ctx) -> Result<report::BillDocument> {
                auto bill = monthlyBill(ctx, month);
                if (!bill)
                    return bill.error();
                const CivilDate d = ctx.calendar.dateOf(bill->finalAt);
                return report::BillDocument{std::move(*bill),
                                            ctx.account.currency,
                                            ctx.account.name,
                                            QDate(d.year, d.month, d.day),
                                            ctx.calendar.format(ctx.now),
                                            report::DisplayNames(ctx.catalog)};
            });
            if (!doc)
                return doc.error();
            return report::exportBill(*doc, format, path, locale);
        });
    });
}

void BillsPage::onExportDone(const Status &s)
{
    m_busy->hide();
    m_export->setEnabled(true);
    if (!s) {
        m_exportStatus->clear();
        m_banner->showError(tr("Could not export the bill."), s.error());
        emit exportFinished(false, s.error().message);
        return;
    }
    const QString shown = QDir::toNativeSeparators(m_exportPath);
    m_exportStatus->setText(tr("Saved %1").arg(QFileInfo(m_exportPath).fileName()));
    m_exportStatus->setToolTip(shown);
    emit exportFinished(true, shown);
}

void BillsPage::printPreview()
{
    QPrinter printer(QPrinter::ScreenResolution); // the layout is in CSS pixels, like the PDF
    printer.setDocName(tr("Bill for %1").arg(month()));
    printer.setPageLayout(report::billPageLayout()); // a default: the dialog may change it
    QPrintPreviewDialog dialog(&printer, this);
    const report::BillDocument doc = document();
    connect(&dialog, &QPrintPreviewDialog::paintRequested, this, [this, doc](QPrinter *p) {
        if (Status s = report::printBill(doc, *p, QLocale()); !s)
            m_banner->showError(tr("Could not print the bill."), s.error());
    });
    dialog.exec();
}

void BillsPage::print()
{
    QPrinter printer(QPrinter::ScreenResolution); // the layout is in CSS pixels, like the PDF
    printer.setDocName(tr("Bill for %1").arg(month()));
    printer.setPageLayout(report::billPageLayout()); // a default: the dialog may change it
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (Status s = report::printBill(document(), printer, QLocale()); !s)
        m_banner->showError(tr("Could not print the bill."), s.error());
}

} // namespace billing::ui
