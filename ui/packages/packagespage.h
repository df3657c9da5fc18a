#pragma once

#include "analysis/renewalsizer.h"
#include "widgets/format.h"
#include "widgets/page.h"

#include <optional>

class QAction;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace billing {
class Engine;
struct Package;
} // namespace billing

namespace billing::ui {

class AutoRenewDialog;
class BuyDialog;
class ConfirmDialog;
class ErrorBanner;
class PackageTableModel;
class RenewalTableModel;
class RenewDialog;
class RightSizerPanel;

// Packages & renewals: every package with its status, term, quota left, auto-renew, chain and deduction
// order; buy, renew, auto-renew and unsubscribe, each through a dialog that shows the model's quote
// first; the renewal right-sizer of the selected package (terms ending within 30 days highlighted); and
// the renewal calendar of the next 90 days.
class PackagesPage : public Page
{
    Q_OBJECT

public:
    PackagesPage(Engine &engine, QWidget *parent);

    void refresh() override;
    PackageTableModel *model() const { return m_model; }
    RenewalTableModel *renewals() const { return m_renewals; }
    QTableView *table() const { return m_table; }

    // The actions; each opens its dialog (non-modal to the event loop) and acts when it is accepted.
    BuyDialog *openBuy(const QString &api = QString(), const QString &region = QString(),
                       const QString &sku = QString());
    RenewDialog *openRenew();
    AutoRenewDialog *openAutoRenew();
    ConfirmDialog *openUnsubscribe();
    // The right-sizer's action for the selected package: a preview, then auto-renew set to the best size.
    ConfirmDialog *openRightSize();
    RightSizerPanel *rightSizer() const { return m_sizer; }
    void openModeWizard();
    void selectPackage(qint64 id);

signals:
    void modeWizardRequested(const QString &api, const QString &region);
    void topUpRequested();

private:
    std::optional<Package> selected() const;
    void updateActions();
    void updateRightSizer();

    Engine &m_engine;
    PackageTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    RenewalTableModel *m_renewals;
    ErrorBanner *m_banner;
    QLabel *m_summary;
    QTableView *m_table;
    QTableView *m_calendar;
    QAction *m_buy;
    QAction *m_renew;
    QAction *m_autoRenew;
    QAction *m_unsubscribe;
    QAction *m_mode;
    RightSizerPanel *m_sizer;
    std::optional<RightSizing> m_sizing;
    AccountDisplay m_display;
    int m_offset = 8 * 3600;
};

} // namespace billing::ui
