#pragma once

#include "core/result.h"
#include "engine/backup.h"
#include "widgets/backgroundtask.h"

#include <QGroupBox>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace billing {
class Engine;
}

namespace billing::ui {

class ConfirmDialog;

// Backup and restore of the whole account database (Settings page). A backup runs off the GUI thread
// with progress and cancel and then opens and verifies the copy it wrote; a restore (owners only) first
// shows what the backup holds and whether it passes verify, and replaces the account only once confirmed.
class MaintenanceSection : public QGroupBox
{
    Q_OBJECT

public:
    enum class Purpose { BackupTarget, RestoreSource };

    MaintenanceSection(Engine &engine, QWidget *parent);

    // Where "Back up…" writes and "Restore…" reads; file dialogs unless a test sets another provider.
    void setPathProvider(std::function<QString(Purpose)> provider) { m_pathProvider = std::move(provider); }
    void backUpTo(const QString &path);
    // Checks the backup and opens the confirmation (with what it holds) before anything is replaced.
    void previewRestore(const QString &path);

    bool isBusy() const;
    QString statusText() const;
    ConfirmDialog *restoreDialog() const { return m_dialog; }
    void cancel() { m_backup.cancel(); }

signals:
    void backupFinished(bool ok);
    void previewReady();
    void restoreFinished(bool ok);
    // The account was replaced by a backup: everything shown must be read again.
    void databaseReplaced();

private:
    void onBackupDone(const Result<BackupSummary> &r);
    void onPreviewDone(const Result<BackupSummary> &r);
    void restoreFrom(const QString &path);
    void setWorking(bool working);
    QString describe(const BackupSummary &s) const;

    Engine &m_engine;
    QPushButton *m_backUp;
    QPushButton *m_restore;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_status;
    ConfirmDialog *m_dialog = nullptr;
    QString m_path;
    std::function<QString(Purpose)> m_pathProvider;
    BackgroundTask<Result<BackupSummary>> m_backup;
    BackgroundTask<Result<BackupSummary>> m_preview;
    BackgroundTask<Status> m_restoreTask;
};

} // namespace billing::ui
