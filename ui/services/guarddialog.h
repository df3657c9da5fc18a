#pragma once

#include "core/result.h"
#include "engine/guards.h"
#include "widgets/backgroundtask.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace billing {
class Engine;
}

namespace billing::ui {

// New spend guard (billing-rules §13): name, scope, trigger and amount, checked as they are typed, and a
// preview of what the guard would have done over the last 30 days (the engine's dry run, in a worker
// with progress and cancel) before it is added.
class GuardDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int kPreviewDays = 30;

    GuardDialog(Engine &engine, QWidget *parent);

    QLineEdit *nameField() const { return m_name; }
    QComboBox *apiField() const { return m_api; }
    QComboBox *regionField() const { return m_region; }
    QComboBox *triggerField() const { return m_trigger; }
    QLineEdit *amountField() const { return m_amount; }
    QPushButton *previewButton() const { return m_previewButton; }
    QPushButton *cancelPreviewButton() const { return m_cancelPreview; }
    QPushButton *addButton() const { return m_add; }
    QLabel *previewLabel() const { return m_preview; }
    QLabel *reasonLabel() const { return m_reason; }
    bool isPreviewing() const { return m_task.isRunning(); }

    // The guard as the fields describe it.
    guards::GuardSpec spec() const;

public slots:
    void startPreview();

signals:
    void guardAdded(const QString &name);
    void previewFinished();

private:
    void validate();
    void addGuard();
    void onPreviewDone(const Result<guards::DryRun> &r);

    Engine &m_engine;
    QLineEdit *m_name;
    QComboBox *m_api;
    QComboBox *m_region;
    QComboBox *m_trigger;
    QLineEdit *m_amount;
    QLabel *m_reason;
    QLabel *m_preview;
    QProgressBar *m_progress;
    QPushButton *m_previewButton;
    QPushButton *m_cancelPreview;
    QPushButton *m_add;
    QDialogButtonBox *m_buttons;
    BackgroundTask<Result<guards::DryRun>> m_task;
};

} // namespace billing::ui
