#pragma once

#include "billexport.h"
#include "widgets/page.h"

#include "widgets/backgroundtask.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace billing {
class Engine;
}

namespace billing::ui {

class BillTableModel;
class EmptyState;
class ErrorBanner;
class Figure;
class MoneyDelegate;
class TotalsFooter;
class TotalsModel;

// The monthly bill (billing-rules §9) per API × region × billing mode, with its totals pinned under
// the lines, its status, the previous month beside it, drill-down to the transactions, exports and print.
class BillsPage : public Page
{
    Q_OBJECT

public:
    BillsPage(Engine &engine, QWidget *parent);

    void refresh() override;

    // The month shown ("YYYY-MM"); setMonth() shows another month that has records.
    QString month() const;
    void setMonth(const QString &month);
    QStringList months() const { return m_months; }

    BillTableModel *model() const { return m_model; }
    TotalsModel *totals() const { return m_totals; }
    QTableView *table() const { return m_table; }

    // The bill as shown, as a document for the exports and the printer.
    report::BillDocument document() const;
    // Writes the bill shown to path off the GUI thread; exportFinished() tells how it went.
    void exportTo(report::Format format, const QString &path);
    bool isExporting() const;

signals:
    // Drill-down: the transactions behind one bill line.
    void lineTransactionsRequested(const QString &month, const QString &api, const QString &region,
                                   const QString &mode);
    void exportFinished(bool ok, const QString &message);

private:
    void load(const QString &month);
    void step(int delta);
    void openLine(const QModelIndex &index);
    void chooseExport(report::Format format);
    void openFocusExport();
    void onExportDone(const Status &s);
    void printPreview();
    void print();
    void setExact(bool exact);
    void showSummary();

    Engine &m_engine;
    BillTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    TotalsModel *m_totals;
    ErrorBanner *m_banner;
    QComboBox *m_month;
    QToolButton *m_previous;
    QToolButton *m_next;
    QLabel *m_status;
    QCheckBox *m_exact;
    QToolButton *m_export;
    QPushButton *m_printPreview;
    QPushButton *m_print;
    QProgressBar *m_busy;
    QLabel *m_exportStatus;
    Figure *m_due;
    Figure *m_fee;
    Figure *m_roundedOff;
    Figure *m_paid;
    Figure *m_arrears;
    Figure *m_change;
    QWidget *m_content;
    QStackedWidget *m_stack;
    QTableView *m_table;
    TotalsFooter *m_footer;
    EmptyState *m_empty;
    MoneyDelegate *m_centsDelegate;
    MoneyDelegate *m_feeDelegate;
    QStringList m_months;
    QString m_accountName;
    QString m_generatedAt;
    BackgroundTask<Status> m_exportTask;
    QString m_exportPath;
};

} // namespace billing::ui
