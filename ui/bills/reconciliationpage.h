#pragma once

// Bills › Reconciliation (provider-bills.md §2): the provider's bill files (or FOCUS files, or the
// console's own exports) against the account, read off the GUI thread with progress and a cancel; per
// month the totals, and every difference with its cause, filterable by cause. A difference opens the
// transaction records behind it; the differences export as CSV; "Accept month…" records the month as
// reconciled (an audit entry with the files' hashes, the differences and a note). A file whose headers
// are not recognized opens the column-mapping dialog for a provider-bill profile (so does "Mapping
// profiles…"); the saved profile is chosen and the reconciliation runs with it.
#include "core/result.h"
#include "reconcile/reconciliation.h"
#include "widgets/backgroundtask.h"
#include "widgets/page.h"

#include <QStringList>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;
class QTableWidget;

namespace billing::ui {

class ColumnMappingDialog;
class ErrorBanner;

// What the worker hands back: the reconciliation, or its error and the first file whose headers are
// not recognized (no profile was chosen).
struct ReconcileOutcome
{
    Result<Reconciliation> result = Error::internal(QString());
    QString unrecognized;
};

class ReconciliationPage : public Page
{
    Q_OBJECT

public:
    ReconciliationPage(Engine &engine, QWidget *parent);
    ~ReconciliationPage() override;

    void refresh() override;
    bool isBusy() const override { return m_task.isRunning(); }

    // The files to read (the "Add files…" button asks for them).
    void setFiles(const QStringList &files);
    void startReconcile();
    // Writes the selected month's differences as CSV to path; false with the reason in the banner.
    bool exportDifferences(const QString &path);
    // Accepts the selected month with the note in the note field.
    bool acceptMonth();
    // The column-mapping dialog for a provider-bill profile over path (the chosen profile preloaded).
    ColumnMappingDialog *openMapping(const QString &path);

    QPushButton *reconcileButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *recordsButton() const { return m_records; }
    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *mappingButton() const { return m_mapping; }
    QComboBox *profileChoice() const { return m_profile; }
    QComboBox *causeFilter() const { return m_cause; }
    QLineEdit *noteEdit() const { return m_note; }
    QTableWidget *monthsTable() const { return m_months; }
    QTableView *differencesTable() const { return m_table; }
    QSortFilterProxyModel *differences() const { return m_proxy; }
    QLabel *status() const { return m_status; }
    ErrorBanner *banner() const { return m_banner; }
    QProgressBar *progress() const { return m_progress; }
    const std::optional<Reconciliation> &result() const { return m_result; }

signals:
    // Drill-down: the transaction records of a difference's bill line.
    void recordsRequested(const QString &month, const QString &api, const QString &region,
                          const QString &mode);

private:
    void addFiles();
    void chooseExport();
    void onDone(const ReconcileOutcome &outcome);
    void chooseMapping();
    void showMonths();
    void showMonth(int row);
    void openRecords();
    void setRunning(bool running);
    const MonthReconciliation *selectedMonth() const;

    Engine &m_engine;
    ErrorBanner *m_banner;
    QLabel *m_files;
    QComboBox *m_profile;
    QPushButton *m_mapping;
    QPushButton *m_add;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QTableWidget *m_months;
    QComboBox *m_cause;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    QPushButton *m_records;
    QPushButton *m_export;
    QLineEdit *m_note;
    QPushButton *m_accept;
    QStringList m_paths;
    int m_utcOffsetSeconds = 8 * 3600;
    std::optional<Reconciliation> m_result;
    BackgroundTask<ReconcileOutcome> m_task;
};

} // namespace billing::ui
