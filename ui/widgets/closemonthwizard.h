#pragma once

// File › Close month… (provider-bills.md §4): choose a final month and see what its close pack will hold
// (the bill's amount, the statements, budgets, anomalies, the reconciliation, the guards that fired),
// choose a folder, then the close runs off the GUI thread with progress and a cancel and the last page
// shows the files and the content hash. A cancel or a failure writes and records nothing.
#include "closewriter.h"
#include "widgets/backgroundtask.h"

#include <QWizard>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace billing {
class Engine;
}

namespace billing::ui {

class CloseMonthWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { MonthPage, FolderPage, RunPage };

    CloseMonthWizard(Engine &engine, QWidget *parent);
    ~CloseMonthWizard() override;

    QString month() const;
    void setFolder(const QString &dir);
    bool isClosing() const { return m_close.isRunning(); }
    bool isPreviewing() const { return m_preview.isRunning(); }
    // The preview of the month shown can go on (a final month, read without error).
    bool previewOk() const { return m_previewOk; }
    bool closed() const { return m_result.has_value(); }
    const std::optional<report::CloseResult> &result() const { return m_result; }

signals:
    void previewFinished(bool ok);
    // ok: the pack was written and recorded (message: the files and the hash); otherwise the reason.
    void closeFinished(bool ok, const QString &message);

protected:
    void reject() override;
    void initializePage(int id) override;
    bool validateCurrentPage() override;

private:
    void loadMonths();
    void startPreview();
    void showPreview(const Result<ClosePack> &pack);
    void startClose();
    void onClosed(const Result<report::CloseResult> &result);

    Engine &m_engine;
    QComboBox *m_months;
    QLabel *m_preview_text;
    QLineEdit *m_folder;
    QProgressBar *m_progress;
    QLabel *m_status;
    bool m_previewOk = false;
    std::optional<report::CloseResult> m_result;
    BackgroundTask<Result<ClosePack>> m_preview;
    BackgroundTask<Result<report::CloseResult>> m_close;
};

} // namespace billing::ui
