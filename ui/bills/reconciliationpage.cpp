#include "bills/reconciliationpage.h"

#include "engine/context.h"
#include "mapping/columnmappingdialog.h"
#include "mapping/profiles.h"
#include "reconcile/billpreview.h"
#include "widgets/errorbanner.h"
#include "widgets/format.h"
#include "widgets/ownengine.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
constexpr int kCauseRole = Qt::UserRole + 1;
enum Column { CauseColumn, ColumnCount = 9 };

QStandardItem *item(const QString &text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *i = new QStandardItem(text);
    i->setEditable(false);
    i->setTextAlignment(align);
    return i;
}
} // namespace

ReconciliationPage::ReconciliationPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_banner(new ErrorBanner(this)), m_files(new QLabel(this)),
      m_profile(new QComboBox(this)), m_mapping(new QPushButton(tr("&Mapping profiles\u2026"), this)),
      m_add(new QPushButton(tr("&Add files\u2026"), this)), m_run(new QPushButton(tr("&Reconcile"), this)),
      m_cancel(new QPushButton(tr("&Cancel"), this)), m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)), m_months(new QTableWidget(this)), m_cause(new QComboBox(this)),
      m_model(new QStandardItemModel(0, ColumnCount, this)), m_proxy(new QSortFilterProxyModel(this)),
      m_table(new QTableView(this)), m_records(new QPushButton(tr("Show &records\u2026"), this)),
      m_export(new QPushButton(tr("&Export differences\u2026"), this)), m_note(new QLineEdit(this)),
      m_accept(new QPushButton(tr("Acce&pt month"), this))
{
    setObjectName(QStringLiteral("reconciliationPage"));
    m_files->setObjectName(QStringLiteral("reconcileFiles"));
    m_files->setWordWrap(true);
    m_profile->setObjectName(QStringLiteral("reconcileProfile"));
    m_profile->setAccessibleName(tr("Column profile"));
    m_mapping->setObjectName(QStringLiteral("reconcileMapping"));
    m_mapping->setToolTip(tr("Map the columns of a bill file in another layout and save them as a profile"));
    m_run->setObjectName(QStringLiteral("reconcileRun"));
    m_cancel->setObjectName(QStringLiteral("reconcileCancel"));
    m_progress->setObjectName(QStringLiteral("reconcileProgress"));
    m_progress->setAccessibleName(tr("Reconciliation progress"));
    m_status->setObjectName(QStringLiteral("reconcileStatus"));
    m_months->setObjectName(QStringLiteral("reconcileMonths"));
    m_months->setAccessibleName(tr("Months"));
    m_cause->setObjectName(QStringLiteral("reconcileCause"));
    m_cause->setAccessibleName(tr("Cause"));
    m_table->setObjectName(QStringLiteral("reconcileDifferences"));
    m_table->setAccessibleName(tr("Differences"));
    m_records->setObjectName(QStringLiteral("reconcileRecords"));
    m_export->setObjectName(QStringLiteral("reconcileExport"));
    m_note->setObjectName(QStringLiteral("reconcileNote"));
    m_note->setAccessibleName(tr("Note"));
    m_note->setPlaceholderText(tr("Why the differences are accepted"));
    m_accept->setObjectName(QStringLiteral("reconcileAccept"));

    m_months->setColumnCount(7);
    m_months->setHorizontalHeaderLabels({tr("Month"), tr("Provider"), tr("Ours"), tr("Difference"),
                                         tr("Matched"), tr("Differences"), tr("Reconciled")});
    m_months->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_months->setSelectionMode(QAbstractItemView::SingleSelection);
    m_months->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_months->verticalHeader()->hide();
    m_months->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_months->setMaximumHeight(fontMetrics().height() * 8);

    m_cause->addItem(tr("All causes"), QString());
    for (Cause c : kCauses)
        m_cause->addItem(causeTitle(c), causeId(c));
    m_model->setHorizontalHeaderLabels({tr("Cause"), tr("API"), tr("Region"), tr("Mode"), tr("Project"),
                                        tr("Hour"), tr("Provider charged"), tr("Our charged"),
                                        tr("Difference")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterKeyColumn(CauseColumn);
    m_proxy->setFilterRole(kCauseRole);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_progress->hide();
    m_cancel->hide();

    auto *files = new QHBoxLayout;
    files->addWidget(m_add);
    files->addWidget(m_files, 1);
    auto *profileLabel = new QLabel(tr("Column &profile:"), this);
    profileLabel->setBuddy(m_profile);
    files->addWidget(profileLabel);
    files->addWidget(m_profile);
    files->addWidget(m_mapping);
    files->addWidget(m_run);
    files->addWidget(m_cancel);
    auto *filter = new QHBoxLayout;
    auto *causeLabel = new QLabel(tr("Ca&use:"), this);
    causeLabel->setBuddy(m_cause);
    filter->addWidget(causeLabel);
    filter->addWidget(m_cause);
    filter->addStretch(1);
    filter->addWidget(m_records);
    filter->addWidget(m_export);
    auto *accept = new QHBoxLayout;
    auto *noteLabel = new QLabel(tr("&Note:"), this);
    noteLabel->setBuddy(m_note);
    accept->addWidget(noteLabel);
    accept->addWidget(m_note, 1);
    accept->addWidget(m_accept);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Reconciliation")));
    layout->addWidget(m_banner);
    layout->addLayout(files);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_months);
    layout->addLayout(filter);
    layout->addWidget(m_table, 1);
    layout->addLayout(accept);

    connect(m_add, &QPushButton::clicked, this, &ReconciliationPage::addFiles);
    connect(m_mapping, &QPushButton::clicked, this, &ReconciliationPage::chooseMapping);
    connect(m_run, &QPushButton::clicked, this, &ReconciliationPage::startReconcile);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_task.cancel();
        m_status->setText(tr("Cancelling\u2026"));
    });
    connect(m_months, &QTableWidget::currentCellChanged, this, [this](int row) { showMonth(row); });
    connect(m_cause, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setFilterFixedString(m_cause->currentData().toString()); });
    connect(m_records, &QPushButton::clicked, this, &ReconciliationPage::openRecords);
    connect(m_table, &QAbstractItemView::activated, this, &ReconciliationPage::openRecords);
    connect(m_export, &QPushButton::clicked, this, &ReconciliationPage::chooseExport);
    connect(m_accept, &QPushButton::clicked, this, &ReconciliationPage::acceptMonth);
    m_task.onProgress([this](int value, int maximum) {
        m_progress->setRange(0, maximum);
        m_progress->setValue(value);
    });
    m_task.onFinished([this](const ReconcileOutcome &r) { onDone(r); });
    setFiles({});
}

ReconciliationPage::~ReconciliationPage() = default;

void ReconciliationPage::refresh()
{
    const QString current = m_profile->currentData().toString();
    m_profile->clear();
    m_profile->addItem(tr("By the headers"), QString());
    auto profiles = m_engine.run([this](Context &ctx) {
        m_utcOffsetSeconds = ctx.calendar.utcOffsetSeconds();
        return columnProfiles(ctx, ProfileKind::ProviderBill);
    });
    if (profiles)
        for (const ColumnProfile &p : *profiles)
            m_profile->addItem(p.name, p.name);
    m_profile->setCurrentIndex(std::max(0, m_profile->findData(current)));
}

void ReconciliationPage::setFiles(const QStringList &files)
{
    m_paths = files;
    QStringList names;
    for (const QString &f : files)
        names << QFileInfo(f).fileName();
    m_files->setText(files.isEmpty()
                         ? tr("No files chosen: add the provider's bill files (CSV, XLSX or ZIP).")
                         : names.join(QLatin1String(", ")));
    m_run->setEnabled(!files.isEmpty() && !m_task.isRunning());
}

void ReconciliationPage::addFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Bill files"), QString(), tr("Bill files (*.csv *.xlsx *.zip);;All files (*)"));
    if (!files.isEmpty())
        setFiles(m_paths + files);
}

void ReconciliationPage::startReconcile()
{
    if (m_paths.isEmpty() || m_task.isRunning())
        return;
    m_banner->clear();
    ReconcileRequest request;
    request.files = m_paths;
    request.profile = m_profile->currentData().toString();
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    setRunning(true);
    m_task.start([location, &clock, request](TaskControl &control) {
        ReconcileOutcome out;
        out.result = withOwnEngine(location, clock, [&](Engine &engine) -> Result<Reconciliation> {
            return engine.run([&](Context &ctx) -> Result<Reconciliation> {
                ReconcileHooks hooks;
                hooks.progress = [&control](int file, int files, qint64 done, qint64 total) {
                    const int perFile = 1000;
                    control.setProgress(file * perFile + int(total > 0 ? done * perFile / total : 0),
                                        files * perFile);
                    return !control.isCancelled();
                };
                auto r = reconcile(ctx, request, hooks);
                // Refused without a profile: is it a layout the headers do not tell? (the first rows only)
                if (!r && request.profile.isEmpty() && !control.isCancelled())
                    for (const QString &file : request.files)
                        if (auto known = billLayoutRecognized(file, billOptionsOf(ctx)); known && !*known) {
                            out.unrecognized = file;
                            break;
                        }
                return r;
            });
        });
        return out;
    });
}

void ReconciliationPage::chooseMapping()
{
    QString path = m_paths.value(0);
    if (path.isEmpty())
        path = QFileDialog::getOpenFileName(this, tr("A bill file to map"), QString(),
                                            tr("Bill files (*.csv *.xlsx *.zip);;All files (*)"));
    if (!path.isEmpty())
        openMapping(path);
}

ColumnMappingDialog *ReconciliationPage::openMapping(const QString &path)
{
    auto *dialog = new ColumnMappingDialog(m_engine, path, this, ProfileKind::ProviderBill);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (const QString chosen = m_profile->currentData().toString(); !chosen.isEmpty())
        if (auto ctx = m_engine.inspect())
            if (auto p = columnProfile(**ctx, ProfileKind::ProviderBill, chosen))
                dialog->setProfile(*p);
    const auto choose = [this](const QString &name) {
        refresh();
        m_profile->setCurrentIndex(std::max(0, m_profile->findData(name)));
    };
    connect(dialog, &ColumnMappingDialog::saved, this, choose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, path, choose] {
        choose(dialog->profile().name);
        if (!m_paths.contains(path))
            setFiles(m_paths + QStringList{path});
        startReconcile();
    });
    dialog->open();
    return dialog;
}

void ReconciliationPage::setRunning(bool running)
{
    m_progress->setVisible(running);
    m_progress->setRange(0, 0);
    m_cancel->setVisible(running);
    m_run->setEnabled(!running && !m_paths.isEmpty());
    m_add->setEnabled(!running);
    m_mapping->setEnabled(!running);
    m_status->setText(running ? tr("Reading the files\u2026") : QString());
}

void ReconciliationPage::onDone(const ReconcileOutcome &outcome)
{
    setRunning(false);
    const Result<Reconciliation> &r = outcome.result;
    if (!r) {
        m_banner->showError(tr("Could not reconcile the files."), r.error());
        if (!outcome.unrecognized.isEmpty()) {
            m_status->setText(tr("The columns of %1 are not recognized: map them to the fields of a "
                                 "provider bill and save them as a profile.")
                                  .arg(QFileInfo(outcome.unrecognized).fileName()));
            openMapping(outcome.unrecognized);
        }
        return;
    }
    m_result = *r;
    qint64 rows = 0, ignored = 0;
    for (const BillFileSummary &f : r->files) {
        rows += f.rows;
        ignored += qint64(f.ignored.size());
    }
    m_status->setText(
        r->matches()
            ? tr("Every month matches (%n row(s) read).", nullptr, int(rows))
            : tr("%n row(s) read, %1 ignored; the months below differ.", nullptr, int(rows)).arg(ignored));
    showMonths();
}

void ReconciliationPage::showMonths()
{
    m_months->setRowCount(0);
    if (!m_result)
        return;
    for (const MonthReconciliation &m : m_result->months) {
        const int row = m_months->rowCount();
        m_months->insertRow(row);
        const QStringList cells{m.month,
                                formatMoney(m.providerCharged),
                                formatMoney(m.oursCharged),
                                formatMoney(m.difference()),
                                QString::number(m.matched),
                                QString::number(m.differences.size()),
                                m.reconciled ? tr("Reconciled") : QString()};
        for (int c = 0; c < cells.size(); ++c) {
            auto *cell = new QTableWidgetItem(cells[c]);
            if (c >= 1 && c <= 5)
                cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_months->setItem(row, c, cell);
        }
    }
    if (m_months->rowCount() > 0)
        m_months->setCurrentCell(0, 0);
    showMonth(m_months->currentRow());
}

const MonthReconciliation *ReconciliationPage::selectedMonth() const
{
    const int row = m_months->currentRow();
    if (!m_result || row < 0 || row >= int(m_result->months.size()))
        return nullptr;
    return &m_result->months[size_t(row)];
}

void ReconciliationPage::showMonth(int)
{
    m_model->removeRows(0, m_model->rowCount());
    const MonthReconciliation *m = selectedMonth();
    m_accept->setEnabled(m != nullptr);
    m_export->setEnabled(m != nullptr);
    m_records->setEnabled(m != nullptr && !m->differences.empty());
    if (!m)
        return;
    const BillingCalendar calendar(m_utcOffsetSeconds);
    const Qt::Alignment right = Qt::AlignRight | Qt::AlignVCenter;
    for (const Difference &d : m->differences) {
        QList<QStandardItem *> row{item(causeTitle(d.cause)),
                                   item(d.key.api),
                                   item(d.key.region),
                                   item(d.key.mode),
                                   item(d.key.project.value_or(QString())),
                                   item(d.key.hour == kNoHour ? QString() : calendar.format(d.key.hour)),
                                   item(d.provider ? formatMoney(d.provider->charged) : QString(), right),
                                   item(d.ours ? formatMoney(d.ours->charged) : QString(), right),
                                   item(formatMoney(d.difference), right)};
        row[CauseColumn]->setData(causeId(d.cause), kCauseRole);
        m_model->appendRow(row);
    }
}

void ReconciliationPage::openRecords()
{
    const MonthReconciliation *m = selectedMonth();
    const QModelIndex index =
        m_table->currentIndex().isValid() ? m_table->currentIndex() : m_proxy->index(0, 0);
    if (!m || !index.isValid())
        return;
    const int source = m_proxy->mapToSource(index).row();
    const Difference &d = m->differences[size_t(source)];
    emit recordsRequested(m->month, d.key.api, d.key.region, d.key.mode);
}

void ReconciliationPage::chooseExport()
{
    const MonthReconciliation *m = selectedMonth();
    if (!m)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export differences"),
                                                      QStringLiteral("differences-%1.csv").arg(m->month),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportDifferences(path);
}

bool ReconciliationPage::exportDifferences(const QString &path)
{
    const MonthReconciliation *m = selectedMonth();
    if (!m)
        return false;
    QFile f(path);
    const QByteArray bytes = differencesCsv(*m, BillingCalendar(m_utcOffsetSeconds)).toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size()) {
        m_banner->showError(tr("Could not export the differences."), Error::internal(f.errorString()));
        return false;
    }
    m_status->setText(
        tr("Saved the differences of %1 to %2").arg(m->month, QFileInfo(path).absoluteFilePath()));
    return true;
}

bool ReconciliationPage::acceptMonth()
{
    const MonthReconciliation *m = selectedMonth();
    if (!m || !m_result)
        return false;
    const QString month = m->month;
    const QString note = m_note->text().trimmed();
    const Reconciliation evidence = *m_result;
    auto done = applyChange(m_engine, m_banner, tr("Could not accept the month."),
                            [&](Context &ctx) { return acceptReconciliation(ctx, month, note, &evidence); });
    if (!done)
        return false;
    for (MonthReconciliation &each : m_result->months)
        if (each.month == month)
            each.reconciled = true;
    const int row = m_months->currentRow();
    showMonths();
    m_months->setCurrentCell(row, 0);
    m_status->setText(tr("%1 is reconciled.").arg(month));
    emit accountChanged();
    return true;
}

} // namespace billing::ui
