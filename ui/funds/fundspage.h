#pragma once

#include "widgets/page.h"

class QLabel;
class QStackedWidget;
class QTableView;

namespace billing {
class Engine;
}

namespace billing::ui {

class CouponTableModel;
class EmptyState;
class ErrorBanner;
class Figure;
class LedgerTableModel;
class TotalsFooter;
class TopUpDialog;
class TotalsModel;

// The money of the account: balance, arrears and coupons, and the ledger that explains them.
class FundsPage : public Page
{
    Q_OBJECT

public:
    FundsPage(Engine &engine, QWidget *parent);

    void refresh() override;
    LedgerTableModel *model() const { return m_model; }
    CouponTableModel *coupons() const { return m_couponModel; }
    QString arrearsTimelineText() const;
    // Opens the top-up dialog; the page tops up when it is accepted.
    TopUpDialog *openTopUp();

private:
    Engine &m_engine;
    LedgerTableModel *m_model;
    TotalsModel *m_totals;
    ErrorBanner *m_banner;
    Figure *m_balance;
    Figure *m_arrears;
    Figure *m_coupons;
    QStackedWidget *m_stack;
    QTableView *m_table;
    TotalsFooter *m_footer;
    EmptyState *m_empty;
    CouponTableModel *m_couponModel;
    QTableView *m_couponTable;
    QLabel *m_timeline;
};

} // namespace billing::ui
