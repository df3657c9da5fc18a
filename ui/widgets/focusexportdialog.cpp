#include "widgets/focusexportdialog.h"

#include "engine/engine.h"
#include "focuscsv.h"
#include "widgets/errorbanner.h"
#include "widgets/ownengine.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
QDateEdit *monthEdit(QDate month, const QString &name, QWidget *parent)
{
    auto *edit = new QDateEdit(QDate(month.year(), month.month(), 1), parent);
    edit->setObjectName(name);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM"));
    edit->setCalendarPopup(true);
    return edit;
}
QString monthKey(const QDateEdit *edit)
{
    return edit->date().toString(QStringLiteral("yyyy-MM"));
}
} // namespace

FocusExportDialog::FocusExportDialog(Engine &engine, QDate from, QDate to, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_from(monthEdit(from, QStringLiteral("focusFrom"), this)),
      m_to(monthEdit(to, QStringLiteral("focusTo"), this)), m_path(new QLineEdit(this)),
      m_browse(new QPushButton(tr("&Browse\u2026"), this)), m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)), m_banner(new ErrorBanner(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this)),
      m_export(m_buttons->addButton(tr("&Export"), QDialogButtonBox::ActionRole))
{
    setObjectName(QStringLiteral("focusExportDialog"));
    setWindowTitle(tr("Export FOCUS 1.2 cost and usage data"));
    m_path->setObjectName(QStringLiteral("focusPath"));
    m_path->setText(
        QDir::home().filePath(QStringLiteral("focus-%1-%2.csv").arg(monthKey(m_from), monthKey(m_to))));
    m_path->setMinimumWidth(fontMetrics().averageCharWidth() * 48);
    m_export->setObjectName(QStringLiteral("focusExport"));
    m_export->setDefault(true);
    m_progress->setObjectName(QStringLiteral("focusProgress"));
    m_progress->setAccessibleName(tr("Export progress"));
    m_progress->hide();
    m_status->setObjectName(QStringLiteral("focusStatus"));
    m_status->setWordWrap(true);

    auto *intro = new QLabel(tr("One row per transaction record of the bill months chosen, in the FinOps "
                                "Foundation's FOCUS 1.2 columns (CSV, UTF-8), for FinOps tools."),
                             this);
    intro->setWordWrap(true);
    auto *file = new QHBoxLayout;
    file->addWidget(m_path, 1);
    file->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(tr("&From month:"), m_from);
    form->addRow(tr("&To month:"), m_to);
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, file);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);

    connect(m_browse, &QPushButton::clicked, this, &FocusExportDialog::browse);
    connect(m_export, &QPushButton::clicked, this, &FocusExportDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &FocusExportDialog::reject);
    m_task.onProgress([this](int value, int maximum) {
        m_progress->setMaximum(maximum);
        m_progress->setValue(value);
    });
    m_task.onFinished([this](const Result<qint64> &rows) { onDone(rows); });
}

FocusExportDialog::~FocusExportDialog() = default;

void FocusExportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

void FocusExportDialog::browse()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export FOCUS data"), m_path->text(), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        m_path->setText(path);
}

void FocusExportDialog::startExport()
{
    if (isExporting())
        return;
    m_banner->clear();
    const FocusRange range{monthKey(m_from), monthKey(m_to)};
    const QString path = m_path->text().trimmed();
    Status valid =
        path.isEmpty() ? Status(Error::badUsage(tr("Choose a file to write."))) : validateFocusRange(range);
    if (!valid) {
        m_banner->showError(tr("Could not export the FOCUS data."), valid.error());
        emit exportFinished(false, valid.error().message);
        return;
    }
    // The worker opens its own engine on the same database: the file says what the engine holds now.
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    m_running = path;
    setRunning(true);
    m_task.start([location, &clock, range, path](TaskControl &control) -> Result<qint64> {
        return withOwnEngine(location, clock, [&](Engine &engine) -> Result<qint64> {
            return engine.run([&](Context &ctx) -> Result<qint64> {
                return report::exportFocusCsv(ctx, range, path, [&control](int done, int total) {
                    control.setProgress(done, total);
                    return !control.isCancelled();
                });
            });
        });
    });
}

void FocusExportDialog::setRunning(bool running)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_from, m_to, m_path, m_browse, m_export})
        w->setEnabled(!running);
    m_progress->setVisible(running);
    m_progress->setRange(0, 0); // busy until the first month is counted
    m_status->setText(running ? tr("Exporting\u2026") : QString());
    // While it runs, the button that closes the dialog cancels the export instead.
    m_buttons->button(QDialogButtonBox::Close)->setText(running ? tr("&Cancel export") : tr("&Close"));
}

void FocusExportDialog::onDone(const Result<qint64> &rows)
{
    setRunning(false);
    if (!rows) {
        m_banner->showError(tr("Could not export the FOCUS data."), rows.error());
        emit exportFinished(false, rows.error().message);
        return;
    }
    const QString shown = QDir::toNativeSeparators(QFileInfo(m_running).absoluteFilePath());
    const QString message = tr("Saved %n row(s) to %1", nullptr, int(*rows)).arg(shown);
    m_status->setText(message);
    emit exportFinished(true, message);
}

void FocusExportDialog::reject()
{
    // Closing stops a running export first (the file is then not written); once stopped, it closes.
    if (isExporting()) {
        m_task.cancel();
        m_status->setText(tr("Cancelling\u2026"));
        return;
    }
    QDialog::reject();
}

} // namespace billing::ui
