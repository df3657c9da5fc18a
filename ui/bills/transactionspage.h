#pragma once

#include "domain/records.h"
#include "widgets/format.h"
#include "widgets/page.h"

#include "widgets/backgroundtask.h"

class QCheckBox;
class QDate;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace billing {
class Engine;
}

namespace billing::ui {

class EmptyState;
class ErrorBanner;
class ImportDialog;
class LineDetailDialog;
class MoneyDelegate;
class RecordFilterBar;
class RecordLoader;
struct RecordPage;
class RecordTableModel;
class RecordTotalsModel;
class TotalsFooter;

// Every transaction record (billing-rules §9), filtered and sorted by the database and fetched a page
// at a time off the GUI thread, with the charges' totals pinned under the table. Drill-down: a usage
// line opens the calls behind it. Imports call records and exports what is listed as CSV.
class TransactionsPage : public Page
{
    Q_OBJECT

public:
    TransactionsPage(Engine &engine, QWidget *parent);
    ~TransactionsPage() override;

    void refresh() override;
    bool isBusy() const override { return isLoading(); }

    RecordTableModel *model() const { return m_model; }
    RecordTotalsModel *totals() const { return m_totals; }
    RecordFilterBar *filterBar() const { return m_filters; }
    QTableView *table() const { return m_table; }
    RecordLoader *loader() const { return m_loader; }
    bool isLoading() const;
    QString countText() const;
    QString creditsText() const;

    // Drill-down from a bill line.
    void showBillLine(const QString &month, const QString &api, const QString &region, const QString &mode);
    // Drill-down from an anomaly or one of its causes: the records of that filter (anomalyRecords).
    void showRecords(const RecordFilter &filter);
    // The calls behind a record (usage lines), in a dialog the page owns.
    LineDetailDialog *openDetail(qint64 recordId);
    ImportDialog *openImport();
    // Writes every record the filter matches as CSV off the GUI thread; exportFinished() tells how it went.
    void exportCsv(const QString &path);
    bool isExporting() const { return m_export.isRunning(); }

signals:
    void loaded();
    void exportFinished(bool ok, const QString &message);

private:
    bool loadChoices();
    void reload();
    void onPage(const RecordPage &page);
    void onSort(int column, Qt::SortOrder order);
    void openSelected();
    void chooseExportFile();
    void onExportDone(const Status &s);
    void setExactFees(bool exact);

    Engine &m_engine;
    RecordTableModel *m_model;
    RecordTotalsModel *m_totals;
    RecordLoader *m_loader;
    ErrorBanner *m_banner;
    RecordFilterBar *m_filters;
    QCheckBox *m_exact;
    QPushButton *m_details;
    QPushButton *m_exportButton;
    QProgressBar *m_busy;
    QLabel *m_count;
    QLabel *m_credits;
    QStackedWidget *m_stack;
    QTableView *m_table;
    TotalsFooter *m_footer;
    EmptyState *m_empty;
    MoneyDelegate *m_centsDelegate;
    MoneyDelegate *m_feeDelegate;
    AccountDisplay m_display;
    RecordSort m_sort = RecordSort::Time;
    bool m_descending = true;
    bool m_fitted = false;
    BackgroundTask<Status> m_export;
    QString m_exportPath;
};

} // namespace billing::ui
