#include "packages/packagespage.h"

#include "engine/accountstatus.h"
#include "engine/engine.h"
#include "engine/packages.h"
#include "engine/renewalcalendar.h"
#include "packages/autorenewdialog.h"
#include "packages/buydialog.h"
#include "packages/packagetablemodel.h"
#include "packages/renewaltablemodel.h"
#include "packages/renewdialog.h"
#include "packages/rightsizeconfirm.h"
#include "packages/rightsizerpanel.h"
#include "widgets/confirmdialog.h"
#include "widgets/errorbanner.h"
#include "widgets/format.h"
#include "widgets/itemroles.h"
#include "widgets/moneydelegate.h"
#include "widgets/quotabardelegate.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <set>

namespace billing::ui {

namespace {
constexpr int kCalendarDays = 90;

struct Loaded
{
    AccountStatus status;
    std::vector<RenewalEvent> renewals;
    std::vector<RightSizing> endingSoon; // last terms ending within 30 days
};

QToolButton *actionButton(QAction *action, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setDefaultAction(action);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}
} // namespace

PackagesPage::PackagesPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_model(new PackageTableModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_renewals(new RenewalTableModel(this)),
      m_banner(new ErrorBanner(this)), m_summary(new QLabel(this)), m_table(new QTableView(this)),
      m_calendar(new QTableView(this)), m_buy(new QAction(tr("&Buy package\u2026"), this)),
      m_renew(new QAction(tr("&Renew\u2026"), this)), m_autoRenew(new QAction(tr("&Auto-renew\u2026"), this)),
      m_unsubscribe(new QAction(tr("&Unsubscribe\u2026"), this)),
      m_mode(new QAction(tr("Change billing &mode\u2026"), this)), m_sizer(new RightSizerPanel(this))
{
    setObjectName(QStringLiteral("packagesPage"));
    m_buy->setObjectName(QStringLiteral("buyAction"));
    m_renew->setObjectName(QStringLiteral("renewAction"));
    m_autoRenew->setObjectName(QStringLiteral("autoRenewAction"));
    m_unsubscribe->setObjectName(QStringLiteral("unsubscribeAction"));
    m_mode->setObjectName(QStringLiteral("packageModeAction"));
    m_buy->setShortcut(QKeySequence::New);
    m_renew->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_autoRenew->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_unsubscribe->setShortcut(QKeySequence::Delete);
    m_mode->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    for (QAction *a : {m_buy, m_renew, m_autoRenew, m_unsubscribe, m_mode}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setToolTip(tr("%1 (%2)").arg(a->text().remove(QLatin1Char('&')).remove(QChar(0x2026)),
                                        a->shortcut().toString(QKeySequence::NativeText)));
        addAction(a);
    }
    QFont summaryFont = m_summary->font();
    summaryFont.setPointSizeF(summaryFont.pointSizeF() * 1.2);
    summaryFont.setBold(true);
    m_summary->setFont(summaryFont);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_table->setObjectName(QStringLiteral("packagesTable"));
    m_table->setAccessibleName(tr("Packages"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PackageTableModel::Id, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->setItemDelegateForColumn(PackageTableModel::Remaining, new QuotaBarDelegate(this));
    m_table->setItemDelegateForColumn(PackageTableModel::Price, new MoneyDelegate(this));
    m_table->hideColumn(PackageTableModel::Quota);    // "Remaining" reads "n of quota"
    m_table->hideColumn(PackageTableModel::Previous); // "Package" reads "8 ← 1" for a renewal
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    for (QAction *a : {m_renew, m_autoRenew, m_unsubscribe, m_mode})
        m_table->addAction(a);

    auto *calendarProxy = new QSortFilterProxyModel(this);
    calendarProxy->setSourceModel(m_renewals);
    m_calendar->setObjectName(QStringLiteral("renewalCalendar"));
    m_calendar->setAccessibleName(tr("Renewal calendar"));
    m_calendar->setModel(calendarProxy);
    m_calendar->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_calendar->setSelectionMode(QAbstractItemView::SingleSelection);
    m_calendar->setAlternatingRowColors(true);
    m_calendar->verticalHeader()->hide();
    m_calendar->horizontalHeader()->setStretchLastSection(true);

    auto *bar = new QHBoxLayout;
    for (QAction *a : {m_buy, m_renew, m_autoRenew, m_unsubscribe, m_mode})
        bar->addWidget(actionButton(a, this));
    bar->addStretch(1);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_table);
    top->addWidget(m_sizer);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 1);
    top->setChildrenCollapsible(false);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto *calendarTitle = new QLabel(tr("Renewal calendar: the next %1 days").arg(kCalendarDays), this);
    QFont section = calendarTitle->font();
    section.setBold(true);
    calendarTitle->setFont(section);
    bottomLayout->addWidget(calendarTitle);
    bottomLayout->addWidget(m_calendar);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Packages & renewals")));
    layout->addWidget(m_banner);
    layout->addWidget(m_summary);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_buy, &QAction::triggered, this, [this] { openBuy(); });
    connect(m_renew, &QAction::triggered, this, [this] { openRenew(); });
    connect(m_autoRenew, &QAction::triggered, this, [this] { openAutoRenew(); });
    connect(m_unsubscribe, &QAction::triggered, this, [this] { openUnsubscribe(); });
    connect(m_mode, &QAction::triggered, this, &PackagesPage::openModeWizard);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PackagesPage::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PackagesPage::updateRightSizer);
    connect(m_sizer, &RightSizerPanel::renewRequested, this, [this] { openRightSize(); });
    connect(m_calendar, &QTableView::activated, this, [this, calendarProxy](const QModelIndex &index) {
        selectPackage(calendarProxy->data(index, RenewalTableModel::PackageIdRole).toLongLong());
    });
    connect(m_banner, &ErrorBanner::retryRequested, this, &PackagesPage::refresh);
    updateActions();
}

void PackagesPage::refresh()
{
    auto loaded = m_engine.run([](Context &ctx) -> Result<Loaded> {
        auto status = accountStatus(ctx);
        if (!status)
            return status.error();
        auto events = upcomingRenewals(ctx, ctx.now, ctx.now + kCalendarDays * kMicrosPerDay);
        if (!events)
            return events.error();
        // Only the highlight depends on it: a right-sizer that cannot size a term (its size no longer
        // sold, say) must not hide the packages; the panel says why for the package selected.
        auto soon = rightSize(ctx, kRightSizeDefaultWithin);
        return Loaded{std::move(*status), std::move(*events),
                      soon ? std::move(*soon) : std::vector<RightSizing>()};
    });
    if (!loaded) {
        m_banner->showError(tr("Could not load the packages."), loaded.error());
        return;
    }
    m_banner->clear();
    const std::optional<Package> keep = selected();
    const Account &a = loaded->status.account;
    m_offset = a.utcOffsetSeconds;
    const AccountDisplay display{a.currency, a.utcOffsetSeconds, &m_engine.catalog()};
    int active = 0, pending = 0;
    for (const Package &p : loaded->status.packages) {
        active += p.statusAt(loaded->status.now) == Package::Status::Active;
        pending += p.statusAt(loaded->status.now) == Package::Status::Pending;
    }
    m_display = display;
    m_model->setPackages(std::move(loaded->status.packages), loaded->status.now, display);
    std::set<qint64> soon;
    for (const RightSizing &r : loaded->endingSoon)
        soon.insert(r.packageId);
    m_model->setEndingSoon(soon);
    m_renewals->setEvents(std::move(loaded->renewals), display);
    m_summary->setText(m_model->rowCount() == 0
                           ? tr("No packages yet: a package prepays a year of calls at a discount. "
                                "Buy one with “Buy package…” (Ctrl+N).")
                           : tr("In force: %1 \u00b7 pending: %2 \u00b7 bought in all: %3")
                                     .arg(QLocale().toString(active), QLocale().toString(pending),
                                          QLocale().toString(m_model->rowCount())) +
                                 (soon.empty() ? QString()
                                               : tr(" \u00b7 ending within %1 days: %2")
                                                     .arg(kRightSizeDefaultWithin)
                                                     .arg(QLocale().toString(int(soon.size())))));
    m_table->resizeColumnsToContents();
    m_calendar->resizeColumnsToContents();
    if (keep)
        selectPackage(keep->id);
    updateActions();
    updateRightSizer();
}

void PackagesPage::selectPackage(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

std::optional<Package> PackagesPage::selected() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return m_model->package(m_proxy->mapToSource(rows.first()).row());
}

void PackagesPage::updateActions()
{
    const bool any = selected().has_value();
    for (QAction *a : {m_renew, m_autoRenew, m_unsubscribe})
        a->setEnabled(any);
}

void PackagesPage::updateRightSizer()
{
    m_sizing.reset();
    const auto p = selected();
    if (!p) {
        m_sizer->setMessage(
            tr("Select a package to see how its term is likely to end and the best size for the next."));
        return;
    }
    const qint64 id = p->id;
    auto sized = m_engine.run([id](Context &ctx) { return rightSize(ctx, kRightSizeDefaultWithin, id); });
    if (!sized || sized->empty()) {
        m_sizer->setMessage(sized ? QString() : sized.error().message);
        return;
    }
    m_sizing = sized->front();
    m_sizer->setSizing(*m_sizing, m_display);
}

ConfirmDialog *PackagesPage::openRightSize()
{
    if (!m_sizing)
        return nullptr;
    const RightSizing r = *m_sizing;
    auto *dialog = RightSizeConfirm::create(m_engine, r, m_display, this);
    connect(dialog, &QDialog::accepted, this, [this, r] {
        const bool on = r.best != kModePayPerUse;
        const std::optional<QString> sku =
            on && r.best != r.sku ? std::optional<QString>(r.best) : std::nullopt;
        (void)applyChange(m_engine, m_banner, tr("Auto-renew was not changed."), [&](Context &ctx) {
            return packages::setAutoRenew(ctx, r.packageId, on, std::nullopt, sku);
        });
    });
    dialog->open();
    return dialog;
}

BuyDialog *PackagesPage::openBuy(const QString &api, const QString &region, const QString &sku)
{
    auto *dialog = new BuyDialog(m_engine, this);
    if (api.isEmpty()) {
        if (const auto p = selected())
            dialog->select(p->api, p->region, p->sku);
    } else {
        dialog->select(api, region, sku);
    }
    connect(dialog, &BuyDialog::topUpRequested, this, &PackagesPage::topUpRequested);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const packages::BuyRequest req = dialog->request();
        auto bought = applyChange(m_engine, m_banner, tr("The purchase was refused."),
                                  [&req](Context &ctx) { return packages::buy(ctx, req); });
        if (!bought)
            return;
        if (!bought->empty())
            selectPackage(bought->back().id);
        emit accountChanged();
    });
    dialog->open();
    return dialog;
}

RenewDialog *PackagesPage::openRenew()
{
    const auto p = selected();
    if (!p)
        return nullptr;
    auto *dialog = new RenewDialog(m_engine, *p, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const qint64 id = dialog->packageId();
        const std::optional<QString> sku = dialog->sku();
        auto renewed = applyChange(m_engine, m_banner, tr("The renewal was refused."),
                                   [id, sku](Context &ctx) { return packages::renew(ctx, id, sku); });
        if (!renewed)
            return;
        selectPackage(renewed->id);
        emit accountChanged();
    });
    dialog->open();
    return dialog;
}

AutoRenewDialog *PackagesPage::openAutoRenew()
{
    const auto p = selected();
    if (!p)
        return nullptr;
    const qint64 id = p->id;
    auto *dialog = new AutoRenewDialog(m_engine, *p, this);
    connect(dialog, &QDialog::accepted, this, [this, id, dialog] {
        const bool enable = dialog->enabled();
        const int n = dialog->days();
        const std::optional<QString> sku = dialog->sku();
        (void)applyChange(m_engine, m_banner, tr("Auto-renew was not changed."),
                          [=](Context &ctx) { return packages::setAutoRenew(ctx, id, enable, n, sku); });
    });
    dialog->open();
    return dialog;
}

ConfirmDialog *PackagesPage::openUnsubscribe()
{
    const auto p = selected();
    if (!p)
        return nullptr;
    const qint64 id = p->id;
    auto refund = m_engine.run([id](Context &ctx) { return packages::quoteUnsubscribe(ctx, id); });
    const QLocale locale;
    auto *dialog = new ConfirmDialog(tr("Unsubscribe package %1").arg(id),
                                     tr("A package not yet in force is cancelled and refunded in full: "
                                        "cash back to cash, coupons back to coupons."),
                                     tr("Unsubscribe package %1").arg(locale.toString(id)), this);
    dialog->setDestructive(true);
    if (!refund) {
        dialog->setRefusal(refund.error().message);
    } else {
        dialog->addRow(tr("Refund:"), formatMoney(refund->total, 2, locale), QStringLiteral("refund"));
        dialog->addRow(tr("To coupons:"), formatMoney(refund->toCoupons, 2, locale));
        dialog->addRow(tr("To cash:"), formatMoney(refund->toCash, 2, locale));
    }
    connect(dialog, &QDialog::accepted, this, [this, id] {
        if (applyChange(m_engine, m_banner, tr("The package was not unsubscribed."),
                        [id](Context &ctx) { return packages::unsubscribe(ctx, id); }))
            emit accountChanged();
    });
    dialog->open();
    return dialog;
}

void PackagesPage::openModeWizard()
{
    if (const auto p = selected())
        emit modeWizardRequested(p->api, p->region);
    else
        emit modeWizardRequested(QString(), QString());
}

} // namespace billing::ui
