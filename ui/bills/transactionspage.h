#pragma once

#include "widgets/page.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTableView;

namespace billing {
class Engine;
}

namespace billing::ui {

class EmptyState;
class ErrorBanner;
class MoneyDelegate;
class RecordFilterProxy;
class RecordTableModel;
class TotalsFooter;
class TotalsModel;

// Every transaction record with a pinned totals row, filtered by type and bill month.
class TransactionsPage : public Page
{
    Q_OBJECT

public:
    TransactionsPage(Engine &engine, QWidget *parent);

    void refresh() override;

    RecordTableModel *model() const { return m_model; }
    TotalsModel *totals() const { return m_totals; }

private:
    void applyFilter();
    void setExactFees(bool exact);
    void fillMonths();
    void fitColumns();

    Engine &m_engine;
    RecordTableModel *m_model;
    RecordFilterProxy *m_proxy;
    TotalsModel *m_totals;
    ErrorBanner *m_banner;
    QWidget *m_filterBar = nullptr;
    QComboBox *m_type;
    QComboBox *m_month;
    QCheckBox *m_exact;
    QLabel *m_count;
    QStackedWidget *m_stack;
    QTableView *m_table;
    TotalsFooter *m_footer;
    EmptyState *m_empty;
    MoneyDelegate *m_centsDelegate;
    MoneyDelegate *m_feeDelegate;
};

} // namespace billing::ui
