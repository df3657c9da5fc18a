#include "bills/importdialog.h"

#include "engine/engine.h"
#include "widgets/taborder.h"

#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
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
    : QDialog(parent), m_engine(engine), m_path(new QLineEdit(this)),
      m_late(new QCheckBox(tr("&Bill late records (calls in hours already settled) as late usage"), this)),
      m_progress(new QProgressBar(this)), m_result(new QLabel(this)),
      m_problems(new QTableWidget(0, 3, this)), m_start(new QPushButton(tr("&Import"), this)),
      m_cancel(new QPushButton(tr("&Cancel import"), this)),
      m_save(new QPushButton(tr("&Save report\u2026"), this)), m_close(new QPushButton(tr("Close"), this))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import call records"));
    // Modal: while the import holds the database's write lock, the rest of the console waits here, with
    // progress and cancel, instead of freezing on the lock.
    setModal(true);
    m_path->setObjectName(QStringLiteral("importPath"));
    m_path->setPlaceholderText(tr("A CSV or JSON Lines file of call records"));
    auto *browse = new QPushButton(tr("B&rowse\u2026"), this);
    m_late->setToolTip(
        tr("Without this, a file with records in hours that are already settled is refused whole."));
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setObjectName(QStringLiteral("importProblems"));
    m_problems->setAccessibleName(tr("Refused lines"));
    m_problems->setHorizontalHeaderLabels({tr("Line"), tr("Column"), tr("Reason")});
    m_problems->horizontalHeader()->setStretchLastSection(true);
    m_problems->verticalHeader()->hide();
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->setWordWrap(false);
    m_problems->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_problems->hide();
    m_save->hide();
    m_cancel->setEnabled(false);
    m_start->setDefault(true);

    auto *fileRow = new QHBoxLayout;
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_path);
    fileRow->addWidget(fileLabel);
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addStretch(1);
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    layout->addWidget(m_late);
    layout->addWidget(m_progress);
    layout->addWidget(m_result);
    layout->addWidget(m_problems, 1);
    layout->addLayout(buttons);
    resize(fontMetrics().averageCharWidth() * 100, sizeHint().height());

    connect(browse, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(m_start, &QPushButton::clicked, this, &ImportDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &ImportDialog::cancel);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &ImportDialog::chooseReportFile);
    m_task.onProgress([this](int value, int) { m_progress->setValue(value); });
    m_task.onFinished([this](ImportOutcome outcome) { onFinished(std::move(outcome)); });
    orderTabsByLayout(this);
}

void ImportDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

void ImportDialog::setBillLate(bool late)
{
    m_late->setChecked(late);
}

void ImportDialog::browse()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import call records"), QDir::homePath(),
                                     tr("Call records (*.csv *.jsonl *.json *.ndjson);;All files (*)"));
    if (!path.isEmpty())
        setPath(path);
}

void ImportDialog::start()
{
    if (isRunning())
        return;
    const QString path = m_path->text();
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        m_result->setText(tr("Choose a call-record file first."));
        return;
    }
    m_outcome = ImportOutcome();
    m_problems->setRowCount(0);
    m_problems->hide();
    m_save->hide();
    m_progress->setValue(0);
    m_result->setText(tr("Importing %1\u2026").arg(QFileInfo(path).fileName()));
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    m_close->setEnabled(false);
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    ImportOptions options;
    options.late = m_late->isChecked();
    options.name = QFileInfo(path).fileName();
    const qint64 size = QFileInfo(path).size();
    m_task.start([location, &clock, path, options, size](TaskControl &task) {
        TaskObserver observer(task, size);
        return runImport(location, clock, path, options, &observer);
    });
}

void ImportDialog::cancel()
{
    m_task.cancel();
    m_cancel->setEnabled(false);
    m_result->setText(tr("Cancelling: the import is rolled back\u2026"));
}

void ImportDialog::onFinished(ImportOutcome outcome)
{
    m_outcome = std::move(outcome);
    m_start->setEnabled(true);
    m_cancel->setEnabled(false);
    m_close->setEnabled(true);
    const QLocale locale;
    if (m_outcome.summary) {
        m_progress->setValue(1000);
        const ImportSummary &s = *m_outcome.summary;
        QString text = tr("Imported %1 record(s) with %2 call(s).")
                           .arg(locale.toString(s.records), locale.toString(s.calls));
        if (s.lateRecords > 0)
            text += QLatin1Char(' ') +
                    tr("%1 late record(s) will be billed as late usage.").arg(locale.toString(s.lateRecords));
        m_result->setText(text);
        emit imported(s);
    } else if (m_outcome.cancelled) {
        m_progress->setValue(0);
        m_result->setText(tr("The import was cancelled; nothing was imported."));
    } else {
        const QString why = m_outcome.error ? m_outcome.error->message : tr("unknown error");
        QString text = tr("Nothing was imported: %1").arg(why);
        const auto &problems = m_outcome.check.problems;
        if (m_outcome.checked && !problems.empty())
            text += QLatin1Char('\n') + (m_outcome.check.truncated
                                             ? tr("The first %1 refused lines are listed below.")
                                             : tr("%1 refused line(s), listed below."))
                                            .arg(locale.toString(qint64(problems.size())));
        m_result->setText(text);
        m_problems->setRowCount(int(problems.size()));
        for (int i = 0; i < int(problems.size()); ++i) {
            const CallRecordProblem &p = problems[size_t(i)];
            auto *line = new QTableWidgetItem(locale.toString(p.line));
            line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_problems->setItem(i, 0, line);
            m_problems->setItem(i, 1, new QTableWidgetItem(p.column));
            auto *reason = new QTableWidgetItem(p.reason);
            reason->setToolTip(p.reason);
            m_problems->setItem(i, 2, reason);
        }
        m_problems->resizeColumnToContents(0);
        m_problems->resizeColumnToContents(1);
        m_problems->setVisible(!problems.empty());
        m_save->setVisible(!problems.empty());
        if (!problems.empty()) // room for the report
            resize(width(), std::max(height(), fontMetrics().height() * 26));
    }
    emit finished();
}

QString ImportDialog::resultText() const
{
    return m_result->text();
}

QString ImportDialog::reportText() const
{
    QString text = tr("Import of %1").arg(m_path->text()) + QLatin1Char('\n');
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
        m_result->setText(s.error().message);
}

} // namespace billing::ui
