#pragma once

#include "bills/importjob.h"
#include "mapping/columnprofile.h"
#include "widgets/backgroundtask.h"

#include <QDialog>

#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QTableWidget;

namespace billing {
class Engine;
}

namespace billing::ui {

namespace Ui {
class ImportDialog;
}
class ColumnMappingDialog;

// Import call records (CSV or JSON Lines): pick a file, how its columns are read (the strict format or a
// column profile, made or changed in the column-mapping dialog), whether late records are billed; the
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
    // The saved column profiles, read again (after one was saved elsewhere).
    void reloadProfiles();
    // Opens the column-mapping dialog on the file, starting from the chosen profile; its OK chooses the
    // mapping for the import (null when there is no file yet).
    ColumnMappingDialog *openMapping();
    // The profile the import will use; none for the strict format.
    std::optional<ColumnProfile> chosenProfile() const;
    QComboBox *profileChoice() const;
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
    void chooseMapping(const ColumnProfile &profile);
    QString reportText() const;

    Engine &m_engine;
    std::unique_ptr<Ui::ImportDialog> m_ui;
    BackgroundTask<ImportOutcome> m_task;
    ImportOutcome m_outcome;
    std::vector<ColumnProfile> m_profiles;
    std::optional<ColumnProfile> m_unsaved; // a mapping used without saving it
};

} // namespace billing::ui
