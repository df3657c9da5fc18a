#pragma once

#include "core/result.h"
#include "engine/whatifchoices.h"
#include "planner/scenariostore.h"
#include "widgets/backgroundtask.h"
#include "widgets/page.h"

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace billing::ui {

class ErrorBanner;
class ScenarioEditor;
class TimeSeriesPlot;

// Cost Center › Scenario planner (issue #16, billing-rules §10): scenarios built with a form and saved
// by name (scenario files, ScenarioStore); up to three of them run against the baseline for the next
// 1–12 months in a worker (progress, cancel) on scratch copies of the account; the months' bills as a
// table and a chart, and what happened in them (quota used up, lapsed, budgets crossed, guards fired).
class ScenarioPlannerPage : public Page
{
    Q_OBJECT

public:
    ScenarioPlannerPage(Engine &engine, QWidget *parent,
                        const QString &folder = ScenarioStore::defaultFolder());

    void refresh() override;
    bool isBusy() const override { return m_task.isRunning(); }

    ScenarioEditor *editor() const { return m_editor; }
    QListWidget *savedList() const { return m_saved; }
    QSpinBox *monthsBox() const { return m_months; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QTableWidget *resultTable() const { return m_results; }
    TimeSeriesPlot *plot() const { return m_plot; }
    QPlainTextEdit *eventsView() const { return m_events; }

private:
    void save();
    void removeSaved();
    void run();
    void showReport(const Result<whatif::Report> &r);

    Engine &m_engine;
    ScenarioStore m_store;
    ErrorBanner *m_banner;
    ScenarioEditor *m_editor;
    QListWidget *m_saved;
    QPushButton *m_save;
    QPushButton *m_delete;
    QSpinBox *m_months;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTableWidget *m_results;
    TimeSeriesPlot *m_plot;
    QPlainTextEdit *m_events;
    BackgroundTask<Result<whatif::Report>> m_task;
};

} // namespace billing::ui
