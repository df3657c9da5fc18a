#pragma once

#include "widgets/page.h"

class QAction;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace billing {
class Engine;
}

namespace billing::ui {

class ConfirmDialog;
class ErrorBanner;
class GuardsPanel;
class ServiceListModel;

// Every API in every region: on or off, billing mode, calls and cost this month. Enable or disable one
// (with a confirmation that names it), stop billing for the whole account, or change a billing mode.
// Below them the spend guards (services/guardspanel.h).
class ServicesPage : public Page
{
    Q_OBJECT

public:
    ServicesPage(Engine &engine, QWidget *parent);

    void refresh() override;
    ServiceListModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QAction *stopBillingAction() const { return m_stop; }
    GuardsPanel *guardsPanel() const { return m_guards; }

    void selectService(const QString &api, const QString &region);
    // Opens the confirmation for switching the selected service on or off.
    ConfirmDialog *openToggle();
    // Opens the stop-billing dialog: what stops, then "Stop billing for N services".
    ConfirmDialog *openStopBilling();

signals:
    void modeWizardRequested(const QString &api, const QString &region);

private:
    int selectedRow() const;
    void updateActions();

    Engine &m_engine;
    ServiceListModel *m_model;
    QSortFilterProxyModel *m_proxy;
    ErrorBanner *m_banner;
    QLabel *m_summary;
    QLabel *m_hint;
    QTableView *m_table;
    QAction *m_toggle;
    QAction *m_stop;
    QAction *m_mode;
    GuardsPanel *m_guards;
};

} // namespace billing::ui
