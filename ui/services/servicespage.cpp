#include "services/servicespage.h"

#include "analysis/marginalprice.h"
#include "engine/accountstatus.h"
#include "engine/bills.h"
#include "engine/engine.h"
#include "engine/services.h"
#include "services/guardspanel.h"
#include "services/servicelistmodel.h"
#include "widgets/confirmdialog.h"
#include "widgets/errorbanner.h"
#include "widgets/format.h"
#include "widgets/itemroles.h"
#include "widgets/moneydelegate.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
struct Loaded
{
    AccountStatus status;
    Bill bill;
    std::vector<MarginalPrice> marginal;
};

QToolButton *actionButton(QAction *action, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}
} // namespace

ServicesPage::ServicesPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_model(new ServiceListModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_banner(new ErrorBanner(this)), m_summary(new QLabel(this)),
      m_hint(new QLabel(this)), m_table(new QTableView(this)),
      m_toggle(new QAction(tr("&Enable\u2026"), this)), m_stop(new QAction(tr("&Stop billing\u2026"), this)),
      m_mode(new QAction(tr("Change billing &mode\u2026"), this)),
      m_guards(new GuardsPanel(engine, m_banner, this))
{
    setObjectName(QStringLiteral("servicesPage"));
    QFont summaryFont = m_summary->font();
    summaryFont.setPointSizeF(summaryFont.pointSizeF() * 1.2);
    summaryFont.setBold(true);
    m_summary->setFont(summaryFont);
    m_summary->setObjectName(QStringLiteral("servicesSummary"));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setText(tr("A disabled service rejects calls, so it is never billed. Select a service and "
                       "press Ctrl+E to switch it on or off."));

    m_toggle->setObjectName(QStringLiteral("toggleService"));
    m_toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_toggle->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_stop->setObjectName(QStringLiteral("stopBilling"));
    m_mode->setObjectName(QStringLiteral("serviceModeAction"));
    m_mode->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_mode->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_toggle);
    addAction(m_mode);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_table->setObjectName(QStringLiteral("servicesTable"));
    m_table->setAccessibleName(tr("Services by API and region"));
    m_table->setAccessibleDescription(tr("Ctrl+E switches the selected service on or off."));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // catalog order until a header is clicked
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->setItemDelegateForColumn(ServiceListModel::Cost, new MoneyDelegate(this));
    // A rate, not a charge: all 8 decimals (billing-decisions, Marginal price).
    m_table->setItemDelegateForColumn(ServiceListModel::Marginal,
                                      new MoneyDelegate(this, MoneyDelegate::Precision::Exact));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addAction(m_toggle);
    m_table->addAction(m_mode);

    auto *bar = new QHBoxLayout;
    bar->addWidget(actionButton(m_toggle, this));
    bar->addWidget(actionButton(m_mode, this));
    bar->addStretch(1);
    bar->addWidget(actionButton(m_stop, this));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Services")));
    layout->addWidget(m_banner);
    layout->addWidget(m_summary);
    layout->addWidget(m_hint);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_guards);

    connect(m_toggle, &QAction::triggered, this, [this] { openToggle(); });
    connect(m_stop, &QAction::triggered, this, [this] { openStopBilling(); });
    connect(m_mode, &QAction::triggered, this, [this] {
        const int row = selectedRow();
        if (row >= 0)
            emit modeWizardRequested(m_model->row(row).state.api, m_model->row(row).state.region);
        else
            emit modeWizardRequested(QString(), QString());
    });
    connect(m_table, &QTableView::activated, this, [this] { openToggle(); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ServicesPage::updateActions);
    connect(m_banner, &ErrorBanner::retryRequested, this, &ServicesPage::refresh);
    connect(m_guards, &GuardsPanel::guardsChanged, this, &ServicesPage::accountChanged);
    updateActions();
}

void ServicesPage::refresh()
{
    auto loaded = m_engine.run([](Context &ctx) -> Result<Loaded> {
        auto status = accountStatus(ctx);
        if (!status)
            return status.error();
        auto bill = monthlyBill(ctx, ctx.calendar.monthKey(ctx.now));
        if (!bill)
            return bill.error();
        std::vector<std::pair<QString, QString>> pairs;
        for (const ApiInfo &a : ctx.catalog.apis())
            for (const RegionInfo &r : ctx.catalog.regions())
                pairs.emplace_back(a.id, r.id);
        auto marginal = marginalPrices(ctx, pairs);
        if (!marginal)
            return marginal.error();
        return Loaded{std::move(*status), std::move(*bill), std::move(*marginal)};
    });
    if (!loaded) {
        m_banner->showError(tr("Could not load the services."), loaded.error());
        return;
    }
    m_banner->clear();
    const int keep = selectedRow();
    const QString keepApi = keep >= 0 ? m_model->row(keep).state.api : QString();
    const QString keepRegion = keep >= 0 ? m_model->row(keep).state.region : QString();
    const Account &a = loaded->status.account;
    m_model->setServices(
        m_engine.catalog(), loaded->status.services, loaded->status.packages, loaded->status.now,
        loaded->bill, AccountDisplay{a.currency, a.utcOffsetSeconds, &m_engine.catalog()}, loaded->marginal);
    const int enabled = m_model->enabledCount();
    m_summary->setText(enabled == 0
                           ? tr("Every service is off: no call is billed")
                           : tr("Enabled: %1 of %2 \u00b7 cost this month: %3 %4")
                                 .arg(QLocale().toString(enabled), QLocale().toString(m_model->rowCount()),
                                      formatMoney(m_model->totalCost()), a.currency));
    m_stop->setEnabled(true);
    m_guards->refresh();
    if (!keepApi.isEmpty())
        selectService(keepApi, keepRegion);
    updateActions();
}

void ServicesPage::selectService(const QString &api, const QString &region)
{
    const int row = m_model->rowOf(api, region);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

int ServicesPage::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : m_proxy->mapToSource(rows.first()).row();
}

void ServicesPage::updateActions()
{
    const int row = selectedRow();
    m_toggle->setEnabled(row >= 0);
    m_toggle->setText(row >= 0 && m_model->row(row).state.enabled ? tr("&Disable\u2026")
                                                                  : tr("&Enable\u2026"));
}

ConfirmDialog *ServicesPage::openToggle()
{
    const int row = selectedRow();
    if (row < 0)
        return nullptr;
    const ServiceListModel::Row r = m_model->row(row);
    const bool enable = !r.state.enabled;
    const QLocale locale;
    auto *dialog = new ConfirmDialog(
        enable ? tr("Enable a service") : tr("Disable a service"),
        enable ? tr("%1 in %2 accepts calls from now on. They are billed %3.")
                     .arg(r.apiName, r.regionName,
                          r.packageMode ? tr("from the package in force while it has quota, then pay-per-use")
                                        : tr("pay-per-use"))
               : tr("%1 in %2 rejects calls from now on, so they are no longer billed. Packages stay "
                    "paid and usable until they expire if you enable it again.")
                     .arg(r.apiName, r.regionName),
        enable ? tr("Enable %1 in %2").arg(r.apiName, r.regionName)
               : tr("Disable %1 in %2").arg(r.apiName, r.regionName),
        this);
    dialog->setDestructive(!enable);
    dialog->addRow(tr("Calls this month:"), locale.toString(r.calls));
    dialog->addRow(tr("Cost this month:"), formatMoney(r.cost));
    dialog->addRow(tr("Billing mode:"), r.packageMode ? tr("Package") : tr("Pay-per-use"));
    const QString api = r.state.api;
    const QString region = r.state.region;
    connect(dialog, &QDialog::accepted, this, [this, api, region, enable] {
        if (applyChange(m_engine, m_banner, tr("The service was not changed."),
                        [&](Context &ctx) { return services::setEnabled(ctx, api, region, enable); }))
            emit accountChanged();
    });
    dialog->open();
    return dialog;
}

ConfirmDialog *ServicesPage::openStopBilling()
{
    auto preview = m_engine.run([](Context &ctx) { return services::previewStop(ctx); });
    if (!preview) {
        m_banner->showError(tr("Could not tell what stopping billing would stop."), preview.error());
        return nullptr;
    }
    const QLocale locale;
    const int n = int(preview->enabled.size());
    auto *dialog = new ConfirmDialog(
        tr("Stop billing"),
        tr("Every API is disabled, so calls are rejected and nothing more is billed, and auto-renew is "
           "switched off on every package. Packages already paid stay usable until they expire if you "
           "enable their API again."),
        n == 1 ? tr("Stop billing for 1 service") : tr("Stop billing for %1 services").arg(n), this);
    dialog->setObjectName(QStringLiteral("stopBillingDialog"));
    dialog->setDestructive(true);
    const AccountDisplay display{QString(), 0, &m_engine.catalog()};
    QStringList services;
    for (const ServiceState &s : preview->enabled)
        services << tr("%1 in %2").arg(apiName(display, s.api), regionName(display, s.region));
    QStringList renewals;
    for (const Package &p : preview->autoRenewing)
        renewals << tr("package %1 (%2, %3)").arg(locale.toString(p.id), apiName(display, p.api), p.sku);
    dialog->addRow(tr("Services disabled:"),
                   services.isEmpty() ? tr("none") : services.join(QLatin1Char('\n')),
                   QStringLiteral("stopServices"));
    dialog->addRow(tr("Auto-renewals off:"),
                   renewals.isEmpty() ? tr("none") : renewals.join(QLatin1Char('\n')),
                   QStringLiteral("stopRenewals"));
    dialog->addRow(tr("Last month they cost:"), formatMoney(preview->lastMonthSpend),
                   QStringLiteral("stopSpend"));
    if (preview->enabled.empty() && preview->autoRenewing.empty())
        dialog->setRefusal(tr("Billing is already stopped: no service is enabled and no package renews "
                              "automatically."));
    connect(dialog, &QDialog::accepted, this, [this] {
        if (applyChange(m_engine, m_banner, tr("Billing was not stopped."),
                        [](Context &ctx) { return services::stopBilling(ctx); }))
            emit accountChanged();
    });
    dialog->open();
    return dialog;
}

} // namespace billing::ui
