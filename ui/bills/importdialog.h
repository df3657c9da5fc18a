#pragma once

#include "bills/importjob.h"
#include "widgets/backgroundtask.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace billing {
class Engine;
}

namespace billing::ui {

// Import call records (CSV or JSON Lines): pick a file, choose whether late records are billed, then the
// import runs off the GUI thread with progress and cancel (a cancelled import leaves nothing behind).
// A refused file gets a report of every refused line (line, column, reason) that can be saved as text.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    ImportDialog(Engine &engine, QWidget *parent);

    void setPath(const QString &path);
    void setBillLate(bool late);
    void start();
    void cancel();
    bool isRunning() const { return m_task.isRunning(); }
    const ImportOutcome &outcome() const { return m_outcome; }
    QString resultText() const;
    QTableWidget *problems() const { return m_problems; }
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
    QLineEdit *m_path;
    QCheckBox *m_late;
    QProgressBar *m_progress;
    QLabel *m_result;
    QTableWidget *m_problems;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QPushButton *m_save;
    QPushButton *m_close;
    BackgroundTask<ImportOutcome> m_task;
    ImportOutcome m_outcome;
};

} // namespace billing::ui
