#include "settings/maintenancesection.h"

#include "engine/engine.h"
#include "widgets/confirmdialog.h"
#include "widgets/format.h"
#include "widgets/ownengine.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace billing::ui {

MaintenanceSection::MaintenanceSection(Engine &engine, QWidget *parent)
    : QGroupBox(tr("Backup and restore"), parent), m_engine(engine),
      m_backUp(new QPushButton(tr("&Back up\u2026"), this)),
      m_restore(new QPushButton(tr("&Restore\u2026"), this)),
      m_cancelButton(new QPushButton(tr("Cancel"), this)), m_progress(new QProgressBar(this)),
      m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("maintenanceSection"));
    m_backUp->setObjectName(QStringLiteral("backUp"));
    m_restore->setObjectName(QStringLiteral("restoreBackup"));
    m_cancelButton->setObjectName(QStringLiteral("cancelBackup"));
    m_progress->setObjectName(QStringLiteral("backupProgress"));
    m_status->setObjectName(QStringLiteral("maintenanceStatus"));
    m_backUp->setToolTip(tr("Copy the whole account into a file, consistent even while others work on it"));
    m_restore->setToolTip(tr("Replace the whole account with a backup (owners only)"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 0);
    m_progress->hide();
    m_cancelButton->hide();

    auto *hint =
        new QLabel(tr("A backup is checked after it is written; a restore shows what the backup holds "
                      "and replaces the account only after it passes every check and you confirm."),
                   this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_backUp);
    buttons->addWidget(m_restore);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    auto ask = [this](Purpose purpose) {
        if (m_pathProvider)
            return m_pathProvider(purpose);
        if (purpose == Purpose::BackupTarget)
            return QFileDialog::getSaveFileName(
                this, tr("Back up the account"),
                QDir::home().filePath(QStringLiteral("billing-backup.sqlite")),
                tr("Account database (*.sqlite)"));
        return QFileDialog::getOpenFileName(this, tr("Restore a backup"), QDir::homePath(),
                                            tr("Account database (*.sqlite);;All files (*)"));
    };
    connect(m_backUp, &QPushButton::clicked, this, [this, ask] {
        const QString path = ask(Purpose::BackupTarget);
        if (!path.isEmpty())
            backUpTo(path);
    });
    connect(m_restore, &QPushButton::clicked, this, [this, ask] {
        const QString path = ask(Purpose::RestoreSource);
        if (!path.isEmpty())
            previewRestore(path);
    });
    connect(m_cancelButton, &QPushButton::clicked, this, &MaintenanceSection::cancel);
    m_backup.onProgress([this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    m_backup.onFinished([this](const Result<BackupSummary> &r) { onBackupDone(r); });
    m_preview.onFinished([this](const Result<BackupSummary> &r) { onPreviewDone(r); });
    m_restoreTask.onFinished([this](const Status &s) {
        setWorking(false);
        m_status->setText(s ? tr("Restored %1; the console now shows the restored account.")
                                  .arg(QDir::toNativeSeparators(m_path))
                            : tr("Nothing was restored: %1").arg(s.error().message));
        if (s)
            emit databaseReplaced();
        emit restoreFinished(s.ok());
    });
}

bool MaintenanceSection::isBusy() const
{
    return m_backup.isRunning() || m_preview.isRunning() || m_restoreTask.isRunning();
}

QString MaintenanceSection::statusText() const
{
    return m_status->text();
}

void MaintenanceSection::setWorking(bool working)
{
    m_backUp->setEnabled(!working);
    m_restore->setEnabled(!working);
    m_progress->setVisible(working);
    m_cancelButton->setVisible(working && m_backup.isRunning());
}

QString MaintenanceSection::describe(const BackupSummary &s) const
{
    const QLocale locale;
    return tr("account \u201c%1\u201d (%2), %n record(s), settled up to %3", nullptr, int(s.records))
        .arg(s.accountName, s.currency, formatDateTimeLong(s.settledUntil, s.utcOffsetSeconds, locale));
}

void MaintenanceSection::backUpTo(const QString &path)
{
    if (isBusy())
        return;
    m_path = path;
    m_progress->setRange(0, 0);
    m_status->setText(tr("Backing up to %1\u2026").arg(QDir::toNativeSeparators(path)));
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    const QString user = m_engine.actor();
    m_backup.start([location, &clock, user, path](TaskControl &task) -> Result<BackupSummary> {
        Status s = withOwnEngine(location, clock, [&](Engine &engine) {
            return backupDatabase(engine.database(), path, user, [&](int done, int total) {
                task.setProgress(done, total);
                return !task.isCancelled();
            });
        });
        if (!s)
            return s.error();
        // The copy is only as good as its check: open it and verify it like a restore would.
        return inspectBackup(path);
    });
    setWorking(true);
}

void MaintenanceSection::onBackupDone(const Result<BackupSummary> &r)
{
    setWorking(false);
    const QString shown = QDir::toNativeSeparators(m_path);
    if (!r)
        m_status->setText(tr("The backup was not made: %1").arg(r.error().message));
    else if (!r->findings.isEmpty())
        m_status->setText(
            tr("Backed up to %1, but the copy fails verification: %2").arg(shown, r->findings.first()));
    else
        m_status->setText(tr("Backed up to %1 and verified: %2.").arg(shown, describe(*r)));
    emit backupFinished(r.ok() && r->findings.isEmpty());
}

void MaintenanceSection::previewRestore(const QString &path)
{
    if (isBusy())
        return;
    m_path = path;
    m_status->setText(tr("Checking %1\u2026").arg(QDir::toNativeSeparators(path)));
    m_preview.start([path](TaskControl &) { return inspectBackup(path); });
    setWorking(true);
}

void MaintenanceSection::onPreviewDone(const Result<BackupSummary> &r)
{
    setWorking(false);
    const QString shown = QDir::toNativeSeparators(m_path);
    delete m_dialog;
    m_dialog =
        new ConfirmDialog(tr("Restore a backup"),
                          tr("Restoring replaces the whole account in this database with the backup %1. "
                             "Everything done since the backup was made is lost.")
                              .arg(shown),
                          tr("Replace the account with this backup"), this);
    m_dialog->setObjectName(QStringLiteral("restoreDialog"));
    m_dialog->setDestructive(true);
    if (!r) {
        m_dialog->setRefusal(r.error().message);
        m_status->setText(tr("%1 cannot be restored: %2").arg(shown, r.error().message));
    } else {
        const QLocale locale;
        m_dialog->addRow(tr("Account"), tr("%1 (%2)").arg(r->accountName, r->currency),
                         QStringLiteral("restoreAccount"));
        m_dialog->addRow(tr("Settled up to"),
                         formatDateTimeLong(r->settledUntil, r->utcOffsetSeconds, locale),
                         QStringLiteral("restoreSettled"));
        m_dialog->addRow(tr("Last record"),
                         r->lastRecordAt ? formatDateTimeLong(*r->lastRecordAt, r->utcOffsetSeconds, locale)
                                         : tr("none"),
                         QStringLiteral("restoreLastRecord"));
        m_dialog->addRow(tr("Records"), locale.toString(r->records), QStringLiteral("restoreRecords"));
        m_dialog->addRow(tr("Members"),
                         r->members == 0 ? tr("none (single-user: everyone is owner)")
                                         : locale.toString(r->members),
                         QStringLiteral("restoreMembers"));
        m_dialog->addRow(tr("Verify"),
                         r->findings.isEmpty() ? tr("every invariant holds")
                                               : tr("%n problem(s)", nullptr, int(r->findings.size())),
                         QStringLiteral("restoreVerify"));
        if (!r->findings.isEmpty())
            m_dialog->setRefusal(
                tr("The backup fails verification, so it is not restored: %1").arg(r->findings.first()));
        m_status->clear();
    }
    connect(m_dialog, &QDialog::accepted, this, [this] { restoreFrom(m_path); });
    m_dialog->open();
    emit previewReady();
}

void MaintenanceSection::restoreFrom(const QString &path)
{
    if (isBusy())
        return;
    m_status->setText(tr("Restoring %1\u2026").arg(QDir::toNativeSeparators(path)));
    const QString location = m_engine.database().location();
    const QString user = m_engine.actor();
    const Instant now = m_engine.clock().now();
    m_restoreTask.start(
        [path, location, user, now](TaskControl &) { return restoreDatabase(path, location, user, now); });
    setWorking(true);
}

} // namespace billing::ui
