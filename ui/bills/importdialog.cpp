#include "bills/importdialog.h"

#include "ui_importdialog.h"

#include "engine/context.h"
#include "engine/engine.h"
#include "mapping/calllogmapping.h"
#include "mapping/columnmappingdialog.h"
#include "mapping/profiles.h"
#include "widgets/taborder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>

namespace billing::ui {

namespace {
constexpr int kStrict = -1;  // the profile combo's data for the strict format
constexpr int kUnsaved = -2; // ... and for a mapping used without saving it

class TaskObserver : public ImportObserver
{
public:
    TaskObserver(TaskControl &task, qint64 size) : m_task(task), m_size(size) {}
    void progress(qint64 bytesDone) override
    {
        if (m_size > 0)
            m_task.setProgress(int(std::min<qint64>(1000, bytesDone * 1000 / m_size)), 1000);
    }
    bool isCancelled() const override { return m_task.isCancelled(); }

private:
    TaskControl &m_task;
    qint64 m_size;
};
} // namespace

ImportDialog::ImportDialog(Engine &engine, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_ui(std::make_unique<Ui::ImportDialog>())
{
    m_ui->setupUi(this);
    // Modal: while the import holds the database's write lock, the rest of the console waits here, with
    // progress and cancel, instead of freezing on the lock.
    setModal(true);
    m_ui->importProblems->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    resize(fontMetrics().averageCharWidth() * 100, sizeHint().height());

    connect(m_ui->browse, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(m_ui->start, &QPushButton::clicked, this, &ImportDialog::start);
    connect(m_ui->cancel, &QPushButton::clicked, this, &ImportDialog::cancel);
    connect(m_ui->close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->save, &QPushButton::clicked, this, &ImportDialog::chooseReportFile);
    connect(m_ui->mapColumns, &QPushButton::clicked, this, [this] { openMapping(); });
    reloadProfiles();
    m_task.onProgress([this](int value, int) { m_ui->progress->setValue(value); });
    m_task.onFinished([this](ImportOutcome outcome) { onFinished(std::move(outcome)); });
    orderTabsByLayout(this);
}

ImportDialog::~ImportDialog() = default;

QTableWidget *ImportDialog::problems() const
{
    return m_ui->importProblems;
}

void ImportDialog::setPath(const QString &path)
{
    m_ui->importPath->setText(path);
}

void ImportDialog::setBillLate(bool late)
{
    m_ui->late->setChecked(late);
}

QComboBox *ImportDialog::profileChoice() const
{
    return m_ui->profile;
}

void ImportDialog::reloadProfiles()
{
    const QString current = m_ui->profile->currentText();
    // A read of the account as stored: no catch-up on the GUI thread for a list of names.
    auto ctx = m_engine.inspect();
    auto profiles =
        ctx ? columnProfiles(**ctx, ProfileKind::CallLog) : Result<std::vector<ColumnProfile>>(ctx.error());
    m_profiles = profiles ? std::move(*profiles) : std::vector<ColumnProfile>();
    if (!profiles)
        m_ui->result->setText(profiles.error().message);
    const QSignalBlocker block(m_ui->profile);
    m_ui->profile->clear();
    m_ui->profile->addItem(tr("Strict format (timestamp, api, region, status)"), kStrict);
    for (int i = 0; i < int(m_profiles.size()); ++i)
        m_ui->profile->addItem(m_profiles[size_t(i)].name, i);
    if (m_unsaved)
        m_ui->profile->addItem(tr("Unsaved mapping"), kUnsaved);
    m_ui->profile->setCurrentIndex(std::max(0, m_ui->profile->findText(current)));
}

std::optional<ColumnProfile> ImportDialog::chosenProfile() const
{
    const int data = m_ui->profile->currentData().toInt();
    if (data == kUnsaved)
        return m_unsaved;
    if (data >= 0 && data < int(m_profiles.size()))
        return m_profiles[size_t(data)];
    return std::nullopt;
}

ColumnMappingDialog *ImportDialog::openMapping()
{
    const QString path = m_ui->importPath->text();
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        m_ui->result->setText(tr("Choose a call-record file first: the mapping shows its first rows."));
        return nullptr;
    }
    auto *dialog = new ColumnMappingDialog(m_engine, path, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (const std::optional<ColumnProfile> p = chosenProfile())
        dialog->setProfile(*p);
    connect(dialog, &ColumnMappingDialog::saved, this, [this] { reloadProfiles(); });
    connect(dialog, &QDialog::accepted, this, [this, dialog] { chooseMapping(dialog->profile()); });
    dialog->open();
    return dialog;
}

void ImportDialog::chooseMapping(const ColumnProfile &profile)
{
    m_unsaved.reset();
    reloadProfiles();
    // The saved profile of that name when it is the same mapping; otherwise the mapping as it is.
    for (int i = 0; i < int(m_profiles.size()); ++i) {
        if (m_profiles[size_t(i)] == profile) {
            m_ui->profile->setCurrentIndex(m_ui->profile->findData(i));
            return;
        }
    }
    m_unsaved = profile;
    reloadProfiles();
    m_ui->profile->setCurrentIndex(m_ui->profile->findData(kUnsaved));
}

void ImportDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Import call records"), QDir::homePath(),
        tr("Call records (*.csv *.jsonl *.json *.ndjson *.gz *.zst);;All files (*)"));
    if (!path.isEmpty())
        setPath(path);
}

void ImportDialog::start()
{
    if (isRunning())
        return;
    const QString path = m_ui->importPath->text();
    if (path.isEmpty() || !QFileInfo::exists(path) || QFileInfo(path).isDir()) {
        m_ui->result->setText(tr("Choose a call-record file first."));
        return;
    }
    // A refused file is read a second time to list every refused line: a pipe cannot be.
    if (!QFileInfo(path).isFile()) {
        m_ui->result->setText(tr("%1 is not a regular file: the dialog reads a file twice to list every "
                                 "refused line. Import a pipe with billingctl import-calls.")
                                  .arg(path));
        return;
    }
    m_outcome = ImportOutcome();
    m_ui->importProblems->setRowCount(0);
    m_ui->importProblems->hide();
    m_ui->save->hide();
    m_ui->progress->setValue(0);
    m_ui->result->setText(tr("Importing %1\u2026").arg(QFileInfo(path).fileName()));
    m_ui->start->setEnabled(false);
    m_ui->cancel->setEnabled(true);
    m_ui->close->setEnabled(false);
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    ImportOptions options;
    options.late = m_ui->late->isChecked();
    options.name = QFileInfo(path).fileName();
    if (const std::optional<ColumnProfile> profile = chosenProfile())
        options.mapping = CallLogMapping::factory(*profile, m_engine.catalog());
    const qint64 size = QFileInfo(path).size();
    m_task.start([location, &clock, path, options, size](TaskControl &task) {
        TaskObserver observer(task, size);
        return runImport(location, clock, path, options, &observer);
    });
}

void ImportDialog::cancel()
{
    m_task.cancel();
    m_ui->cancel->setEnabled(false);
    m_ui->result->setText(tr("Cancelling: the import is rolled back\u2026"));
}

void ImportDialog::onFinished(ImportOutcome outcome)
{
    m_outcome = std::move(outcome);
    m_ui->start->setEnabled(true);
    m_ui->cancel->setEnabled(false);
    m_ui->close->setEnabled(true);
    const QLocale locale;
    if (m_outcome.summary) {
        m_ui->progress->setValue(1000);
        const ImportSummary &s = *m_outcome.summary;
        QString text = tr("Imported %1 record(s) with %2 call(s).")
                           .arg(locale.toString(s.records), locale.toString(s.calls));
        if (s.lateRecords > 0)
            text += QLatin1Char(' ') +
                    tr("%1 late record(s) will be billed as late usage.").arg(locale.toString(s.lateRecords));
        m_ui->result->setText(text);
        emit imported(s);
    } else if (m_outcome.cancelled) {
        m_ui->progress->setValue(0);
        m_ui->result->setText(tr("The import was cancelled; nothing was imported."));
    } else {
        const QString why = m_outcome.error ? m_outcome.error->message : tr("unknown error");
        QString text = tr("Nothing was imported: %1").arg(why);
        const auto &problems = m_outcome.check.problems;
        if (m_outcome.checked && !problems.empty())
            text += QLatin1Char('\n') + (m_outcome.check.truncated
                                             ? tr("The first %1 refused lines are listed below.")
                                             : tr("%1 refused line(s), listed below."))
                                            .arg(locale.toString(qint64(problems.size())));
        m_ui->result->setText(text);
        m_ui->importProblems->setRowCount(int(problems.size()));
        for (int i = 0; i < int(problems.size()); ++i) {
            const CallRecordProblem &p = problems[size_t(i)];
            auto *line = new QTableWidgetItem(locale.toString(p.line));
            line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_ui->importProblems->setItem(i, 0, line);
            m_ui->importProblems->setItem(i, 1, new QTableWidgetItem(p.column));
            auto *reason = new QTableWidgetItem(p.reason);
            reason->setToolTip(p.reason);
            m_ui->importProblems->setItem(i, 2, reason);
        }
        m_ui->importProblems->resizeColumnToContents(0);
        m_ui->importProblems->resizeColumnToContents(1);
        m_ui->importProblems->setVisible(!problems.empty());
        m_ui->save->setVisible(!problems.empty());
        if (!problems.empty()) // room for the report
            resize(width(), std::max(height(), fontMetrics().height() * 26));
    }
    emit finished();
}

QString ImportDialog::resultText() const
{
    return m_ui->result->text();
}

QString ImportDialog::reportText() const
{
    QString text = tr("Import of %1").arg(m_ui->importPath->text()) + QLatin1Char('\n');
    if (m_outcome.error)
        text += m_outcome.error->message + QLatin1Char('\n');
    text += tr("line\tcolumn\treason") + QLatin1Char('\n');
    for (const CallRecordProblem &p : m_outcome.check.problems)
        text += QStringLiteral("%1\t%2\t%3\n").arg(QString::number(p.line), p.column, p.reason);
    if (m_outcome.check.truncated)
        text += tr("(more refused lines follow in the file; only the first %1 are listed)")
                    .arg(m_outcome.check.problems.size()) +
                QLatin1Char('\n');
    return text;
}

Status ImportDialog::saveReport(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error::internal(tr("cannot write %1: %2").arg(path, file.errorString()));
    file.write(reportText().toUtf8());
    if (!file.commit())
        return Error::internal(tr("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

void ImportDialog::chooseReportFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the import report"), QDir::home().filePath(QStringLiteral("import-report.txt")),
        tr("Text files (*.txt)"));
    if (path.isEmpty())
        return;
    if (Status s = saveReport(path); !s)
        m_ui->result->setText(s.error().message);
}

} // namespace billing::ui
