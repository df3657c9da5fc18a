#include "widgets/closemonthwizard.h"

#include "closeprint.h"
#include "engine/billview.h"
#include "engine/engine.h"
#include "exportcommon.h"
#include "widgets/ownengine.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWizardPage>

namespace billing::ui {

namespace {
// A page whose Next/Finish follows a test the wizard decides.
class Page : public QWizardPage
{
public:
    Page(std::function<bool()> complete, QWidget *parent)
        : QWizardPage(parent), m_complete(std::move(complete))
    {
    }
    bool isComplete() const override { return m_complete(); }
    void changed() { emit completeChanged(); }

private:
    std::function<bool()> m_complete;
};

QLabel *wrapped(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}
} // namespace

CloseMonthWizard::CloseMonthWizard(Engine &engine, QWidget *parent)
    : QWizard(parent), m_engine(engine), m_months(new QComboBox(this)), m_preview_text(new QLabel(this)),
      m_folder(new QLineEdit(this)), m_progress(new QProgressBar(this)), m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("closeMonthWizard"));
    setWindowTitle(tr("Close month"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);

    auto *month = new Page([this] { return m_previewOk && !isPreviewing(); }, this);
    month->setTitle(tr("Which month?"));
    month->setSubTitle(tr("Only a final month can be closed."));
    m_months->setObjectName(QStringLiteral("closeMonth"));
    m_preview_text->setObjectName(QStringLiteral("closePreview"));
    m_preview_text->setWordWrap(true);
    m_preview_text->setTextFormat(Qt::PlainText);
    m_preview_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview_text->setMinimumWidth(fontMetrics().averageCharWidth() * 60);
    auto *monthForm = new QFormLayout;
    monthForm->addRow(tr("&Month:"), m_months);
    auto *monthLayout = new QVBoxLayout(month);
    monthLayout->addWidget(
        wrapped(tr("The close pack holds the bill, the rounded-off ledger, a chargeback statement "
                   "per enterprise project, budgets against actual, the month's anomalies, the "
                   "reconciliation and the spend guards that fired, with the audit chain's head."),
                month));
    monthLayout->addLayout(monthForm);
    monthLayout->addWidget(m_preview_text, 1);
    setPage(MonthPage, month);

    auto *folder = new Page([this] { return !m_folder->text().trimmed().isEmpty(); }, this);
    folder->setTitle(tr("Where to?"));
    folder->setSubTitle(
        tr("A PDF, an XLSX workbook and the JSON of the content are written to this folder."));
    m_folder->setObjectName(QStringLiteral("closeFolder"));
    m_folder->setText(QDir::homePath());
    auto *browse = new QPushButton(tr("&Browse\u2026"), folder);
    browse->setObjectName(QStringLiteral("closeBrowse"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_folder, 1);
    row->addWidget(browse);
    auto *folderForm = new QFormLayout(folder);
    auto *folderLabel = new QLabel(tr("&Folder:"), folder);
    folderLabel->setBuddy(m_folder);
    folderForm->addRow(folderLabel, row);
    setPage(FolderPage, folder);

    auto *run = new Page([this] { return closed(); }, this);
    run->setTitle(tr("Closing"));
    run->setFinalPage(true);
    m_progress->setObjectName(QStringLiteral("closeProgress"));
    m_progress->setAccessibleName(tr("Close progress"));
    m_status->setObjectName(QStringLiteral("closeStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *runLayout = new QVBoxLayout(run);
    runLayout->addWidget(m_progress);
    runLayout->addWidget(m_status, 1);
    setPage(RunPage, run);

    connect(m_months, &QComboBox::currentIndexChanged, this, &CloseMonthWizard::startPreview);
    connect(m_folder, &QLineEdit::textChanged, folder, &Page::changed);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Close pack folder"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    m_preview.onFinished([this, month](const Result<ClosePack> &pack) {
        showPreview(pack);
        month->changed();
        emit previewFinished(m_previewOk);
    });
    m_close.onProgress([this](int value, int maximum) {
        m_progress->setMaximum(maximum);
        m_progress->setValue(value);
    });
    m_close.onFinished([this, run](const Result<report::CloseResult> &r) {
        onClosed(r);
        run->changed();
    });
    loadMonths();
}

CloseMonthWizard::~CloseMonthWizard() = default;

QString CloseMonthWizard::month() const
{
    return m_months->currentText();
}

void CloseMonthWizard::setFolder(const QString &dir)
{
    m_folder->setText(dir);
}

void CloseMonthWizard::loadMonths()
{
    QString current;
    auto months = m_engine.run([&](Context &ctx) -> Result<QStringList> {
        current = ctx.calendar.monthKey(ctx.now);
        return billMonths(ctx);
    });
    if (!months) {
        m_preview_text->setText(months.error().message);
        return;
    }
    const QSignalBlocker block(m_months);
    m_months->addItems(*months);
    // The newest month before the current one: the one a month-end close is usually for.
    for (int i = 0; i < m_months->count(); ++i)
        if (m_months->itemText(i) < current) {
            m_months->setCurrentIndex(i);
            break;
        }
    startPreview();
}

void CloseMonthWizard::startPreview()
{
    m_previewOk = false;
    m_preview_text->setText(tr("Reading %1\u2026").arg(month()));
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    const QString chosen = month();
    m_preview.start([location, &clock, chosen](TaskControl &) -> Result<ClosePack> {
        return withOwnEngine(location, clock, [&](Engine &engine) -> Result<ClosePack> {
            return engine.run([&](Context &ctx) { return assembleClosePack(ctx, chosen); });
        });
    });
}

void CloseMonthWizard::showPreview(const Result<ClosePack> &pack)
{
    m_previewOk = pack.ok();
    if (!pack) {
        m_preview_text->setText(tr("%1 cannot be closed: %2").arg(month(), pack.error().message));
        return;
    }
    const QLocale locale;
    const ReconciliationState &r = pack->reconciliation;
    QStringList lines;
    lines << tr("Bill: %1 charged, %n line(s)", nullptr, int(pack->bill.lines.size()))
                 .arg(
                     report::withCurrency(pack->bill.totals.charged.toDisplayString(locale), pack->currency));
    lines << tr("Rounded off, not charged: %1")
                 .arg(report::withCurrency(
                     pack->bill.totals.roundedOff.toDisplayString(locale, Money::Decimals), pack->currency));
    lines << tr("Chargeback statements: %n enterprise project(s)", nullptr, int(pack->chargebacks.size()));
    lines << tr("Budgets: %n", nullptr, int(pack->budgets.size()));
    lines << tr("Anomalies: %n", nullptr, int(pack->anomalies.size()));
    lines << (r.reconciled ? tr("Reconciliation: reconciled by %1 at %2").arg(r.by, r.at)
                           : tr("Reconciliation: not reconciled"));
    lines << tr("Spend guards that fired: %n", nullptr, int(pack->guards.size()));
    m_preview_text->setText(lines.join(u'\n'));
}

void CloseMonthWizard::initializePage(int id)
{
    QWizard::initializePage(id);
    if (id == RunPage)
        startClose();
}

bool CloseMonthWizard::validateCurrentPage()
{
    if (currentId() == FolderPage) {
        if (Status s = report::checkCloseFolder(m_folder->text().trimmed()); !s) {
            m_folder->setToolTip(s.error().message);
            m_folder->setStyleSheet(QStringLiteral("border: 1px solid #c62828;"));
            return false;
        }
        m_folder->setToolTip(QString());
        m_folder->setStyleSheet(QString());
    }
    return QWizard::validateCurrentPage();
}

void CloseMonthWizard::startClose()
{
    m_result.reset();
    setOption(QWizard::NoCancelButtonOnLastPage, false); // Cancel stops the close
    m_progress->setRange(0, 0);
    m_progress->show();
    m_status->setText(tr("Closing %1\u2026").arg(month()));
    button(QWizard::CancelButton)->setEnabled(true);
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    const QString chosen = month(), dir = m_folder->text().trimmed();
    m_close.start([location, &clock, chosen, dir](TaskControl &control) -> Result<report::CloseResult> {
        return withOwnEngine(location, clock, [&](Engine &engine) -> Result<report::CloseResult> {
            return engine.run([&](Context &ctx) {
                report::CloseHooks hooks;
                hooks.pdf = [](const report::CloseDocument &doc, const QString &path) {
                    return report::exportClosePdf(doc, path, QLocale());
                };
                hooks.progress = [&control](int step, int steps) {
                    control.setProgress(step, steps);
                    return !control.isCancelled();
                };
                return report::closeMonth(ctx, chosen, dir, hooks);
            });
        });
    });
}

void CloseMonthWizard::onClosed(const Result<report::CloseResult> &r)
{
    m_progress->hide();
    if (!r) {
        m_status->setText(tr("%1 was not closed: %2").arg(month(), r.error().message));
        emit closeFinished(false, r.error().message);
        return;
    }
    m_result = *r;
    setOption(QWizard::NoCancelButtonOnLastPage, true); // closed: only Finish is left
    const QString message =
        tr("Closed %1.\n\nFiles:\n%2\n\nContent hash (SHA-256):\n%3\n\nAudit chain head at "
           "closing:\n%4")
            .arg(r->month, r->files.join(u'\n'), r->contentHash, r->auditHead);
    m_status->setText(message);
    emit closeFinished(true, message);
}

void CloseMonthWizard::reject()
{
    // Cancel while closing stops the close first (nothing is then written or recorded).
    if (isClosing()) {
        m_close.cancel();
        m_status->setText(tr("Cancelling\u2026"));
        return;
    }
    QWizard::reject();
}

} // namespace billing::ui
