#pragma once

// "Export FOCUS…" (provider-bills.md §3), from the Bills page and the Cost Center: a range of bill months
// and a file, written off the GUI thread with progress and a cancel; the dialog stays open until it has
// written the file or the user closes it.
#include "core/result.h"
#include "widgets/backgroundtask.h"

#include <QDate>
#include <QDialog>

class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace billing {
class Engine;
}

namespace billing::ui {

class ErrorBanner;

class FocusExportDialog : public QDialog
{
    Q_OBJECT

public:
    // The range starts as [from, to] (months; the days are ignored).
    FocusExportDialog(Engine &engine, QDate from, QDate to, QWidget *parent);
    ~FocusExportDialog() override;

    void setPath(const QString &path);
    bool isExporting() const { return m_task.isRunning(); }
    // Starts the export of the range shown to the file shown.
    void startExport();

signals:
    // ok: the file was written (message: where, and how many rows); otherwise the reason.
    void exportFinished(bool ok, const QString &message);

protected:
    void reject() override;

private:
    void browse();
    void onDone(const Result<qint64> &rows);
    void setRunning(bool running);

    Engine &m_engine;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QProgressBar *m_progress;
    QLabel *m_status;
    ErrorBanner *m_banner;
    QDialogButtonBox *m_buttons;
    QPushButton *m_export;
    BackgroundTask<Result<qint64>> m_task;
    QString m_running; // the file being written
};

} // namespace billing::ui
