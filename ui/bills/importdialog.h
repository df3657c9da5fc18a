#pragma once

#include "bills/importjob.h"
#include "widgets/backgroundtask.h"

#include <QDialog>

#include <memory>

class QTableWidget;

namespace billing {
class Engine;
}

namespace billing::ui {

namespace Ui {
class ImportDialog;
}

// Import call records (CSV or JSON Lines): pick a file, choose whether late records are billed, then the
// import runs off the GUI thread with progress and cancel (a cancelled import leaves nothing behind).
// A refused file gets a report of every refused line (line, column, reason) that can be saved as text.
// The form is importdialog.ui.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    ImportDialog(Engine &engine, QWidget *parent);
    ~ImportDialog() override;

    void setPath(const QString &path);
    void setBillLate(bool late);
    void start();
    void cancel();
    bool isRunning() const { return m_task.isRunning(); }
    const ImportOutcome &outcome() const { return m_outcome; }
    QString resultText() const;
    QTableWidget *problems() const;
    Status saveReport(const QString &path) const;

signals:
    void imported(const billing::ImportSummary &summary);
    void finished();

private:
    void browse();
    void onFinished(ImportOutcome outcome);
    void chooseReportFile();
    QString reportText() const;

    Engine &m_engine;
    std::unique_ptr<Ui::ImportDialog> m_ui;
    BackgroundTask<ImportOutcome> m_task;
    ImportOutcome m_outcome;
};

} // namespace billing::ui
