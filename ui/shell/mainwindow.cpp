#include "shell/mainwindow.h"
#include "widgets/closemonthwizard.h"

#include <iterator>

#include "audit/auditpage.h"
#include "auth/identity.h"
#include "bills/billspage.h"
#include "bills/reconciliationpage.h"
#include "bills/transactionspage.h"
#include "costcenter/allocationpage.h"
#include "costcenter/analysispage.h"
#include "costcenter/anomaliespage.h"
#include "costcenter/budgetspage.h"
#include "costcenter/calculatorpage.h"
#include "costcenter/compositionpage.h"
#include "costcenter/optimizationpage.h"
#include "engine/accountstatus.h"
#include "engine/engine.h"
#include "engine/notifications.h"
#include "funds/fundspage.h"
#include "notifications/notificationspage.h"
#include "overview/overviewpage.h"
#include "packages/billingmodewizard.h"
#include "packages/packagespage.h"
#include "planner/scenarioplannerpage.h"
#include "services/servicespage.h"
#include "settings/settingspage.h"
#include "shell/accountbar.h"
#include "shell/guardbanner.h"
#include "shell/rolegate.h"
#include "shell/settings.h"
#include "shell/shortcutsdialog.h"
#include "widgets/errorbanner.h"
#include "widgets/taborder.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

#include <algorithm>

namespace billing::ui {

namespace {
constexpr int PageRole = Qt::UserRole + 1;

struct AccountSnapshot
{
    AccountStatus status;
    int unread = 0;
};
} // namespace

MainWindow::MainWindow(Engine &engine, ConsoleSettings &settings, QWidget *parent)
    : QMainWindow(parent), m_engine(engine), m_settings(settings), m_accountBar(new AccountBar(this)),
      m_banner(new ErrorBanner(this)), m_guardBanner(new GuardBanner(engine, this)),
      m_navigation(new QTreeWidget(this)), m_stack(new QStackedWidget(this)), m_unread(new QToolButton(this)),
      m_pageActions(new QActionGroup(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QGuiApplication::applicationDisplayName());

    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setHeaderHidden(true);
    m_navigation->setRootIsDecorated(false);
    m_navigation->setItemsExpandable(false);
    m_navigation->setUniformRowHeights(true);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigation->viewport()->setBackgroundRole(QPalette::Window);
    m_navigation->setAccessibleName(tr("Pages"));

    addPage(
        PageId::Overview,
        [this] {
            auto *overview = new OverviewPage(m_engine, this);
            // One of the latest anomalies opens the Anomalies page with it selected.
            connect(overview, &OverviewPage::anomalyRequested, this,
                    [this](Instant day, const QString &api, const QString &region, const QString &project) {
                        showPage(PageId::Anomalies);
                        if (auto *anomalies = qobject_cast<AnomaliesPage *>(page(PageId::Anomalies)))
                            anomalies->selectAnomaly(day, api, region, project);
                    });
            return overview;
        },
        tr("Overview"), nullptr);
    QTreeWidgetItem *bills = addGroup(tr("Bills"));
    addPage(
        PageId::Bills,
        [this] {
            auto *billsPage = new BillsPage(m_engine, this);
            // Drill-down: a bill line opens its transaction records.
            connect(
                billsPage, &BillsPage::lineTransactionsRequested, this,
                [this](const QString &month, const QString &api, const QString &region, const QString &mode) {
                    if (auto *transactions = qobject_cast<TransactionsPage *>(page(PageId::Transactions)))
                        transactions->showBillLine(month, api, region, mode);
                    showPage(PageId::Transactions);
                });
            return billsPage;
        },
        tr("Bills"), bills);
    addPage(
        PageId::Transactions, [this] { return new TransactionsPage(m_engine, this); }, tr("Transactions"),
        bills);
    QTreeWidgetItem *subscriptions = addGroup(tr("Subscriptions"));
    addPage(
        PageId::Services,
        [this] {
            auto *services = new ServicesPage(m_engine, this);
            connect(services, &ServicesPage::modeWizardRequested, this, &MainWindow::openModeWizard);
            return services;
        },
        tr("Services"), subscriptions);
    addPage(
        PageId::Packages,
        [this] {
            auto *packages = new PackagesPage(m_engine, this);
            connect(packages, &PackagesPage::modeWizardRequested, this, &MainWindow::openModeWizard);
            connect(packages, &PackagesPage::topUpRequested, this, [this] {
                showPage(PageId::Funds);
                if (auto *funds = qobject_cast<FundsPage *>(page(PageId::Funds)))
                    funds->openTopUp();
            });
            return packages;
        },
        tr("Packages & renewals"), subscriptions);
    addPage(
        PageId::Funds, [this] { return new FundsPage(m_engine, this); }, tr("Funds"), subscriptions);
    QTreeWidgetItem *costCenter = addGroup(tr("Cost Center"));
    addPage(
        PageId::Composition, [this] { return new CompositionPage(m_engine, this); }, tr("Composition"),
        costCenter);
    addPage(
        PageId::Allocation, [this] { return new AllocationPage(m_engine, this); }, tr("Allocation"),
        costCenter);
    addPage(
        PageId::Analysis, [this] { return new AnalysisPage(m_engine, m_settings, this); }, tr("Analysis"),
        costCenter);
    addPage(
        PageId::Budgets, [this] { return new BudgetsPage(m_engine, this); }, tr("Budgets"), costCenter);
    addPage(
        PageId::Optimization, [this] { return new OptimizationPage(m_engine, this); }, tr("Optimization"),
        costCenter);
    addPage(
        PageId::Anomalies,
        [this] {
            auto *anomalies = new AnomaliesPage(m_engine, this);
            // Drill-down: an anomaly opens the transaction records behind it.
            connect(anomalies, &AnomaliesPage::recordsRequested, this, [this](const RecordFilter &filter) {
                if (auto *transactions = qobject_cast<TransactionsPage *>(page(PageId::Transactions)))
                    transactions->showRecords(filter);
                showPage(PageId::Transactions);
            });
            return anomalies;
        },
        tr("Anomalies"), costCenter);
    addPage(
        PageId::Calculator, [this] { return new CalculatorPage(m_engine, this); }, tr("Price calculator"),
        costCenter);
    addPage(
        PageId::Planner, [this] { return new ScenarioPlannerPage(m_engine, this); }, tr("Scenario planner"),
        costCenter);
    addPage(
        PageId::Notifications, [this] { return new NotificationsPage(m_engine, this); }, tr("Notifications"),
        nullptr);
    addPage(
        PageId::Settings,
        [this] {
            auto *settingsPage = new SettingsPage(m_engine, m_settings, this);
            connect(settingsPage, &SettingsPage::databaseReplaced, this, &MainWindow::refresh);
            return settingsPage;
        },
        tr("Settings"), nullptr);
    addPage(
        PageId::Audit, [this] { return new AuditPage(m_engine, this); }, tr("Audit log"), nullptr);
    // Added last so that Ctrl+1 … Ctrl+9 keep their pages; it shows under Bills.
    addPage(
        PageId::Reconciliation,
        [this] {
            auto *reconciliation = new ReconciliationPage(m_engine, this);
            // Drill-down: a difference opens the transaction records of its bill line.
            connect(
                reconciliation, &ReconciliationPage::recordsRequested, this,
                [this](const QString &month, const QString &api, const QString &region, const QString &mode) {
                    if (auto *transactions = qobject_cast<TransactionsPage *>(page(PageId::Transactions)))
                        transactions->showBillLine(month, api, region, mode);
                    showPage(PageId::Transactions);
                });
            return reconciliation;
        },
        tr("Reconciliation"), bills);
    m_navigation->expandAll();
    // Wide enough for the longest entry with a count after it ("Notifications (99)").
    int widest = 0;
    for (QTreeWidgetItemIterator it(m_navigation); *it; ++it) {
        const QFontMetrics metrics((*it)->font(0));
        const int depth = (*it)->parent() ? 1 : 0;
        widest =
            std::max(widest, metrics.horizontalAdvance((*it)->text(0)) + depth * m_navigation->indentation());
    }
    m_navigation->setFixedWidth(widest +
                                m_navigation->fontMetrics().horizontalAdvance(QStringLiteral(" (999)  ")) +
                                2 * m_navigation->frameWidth());

    m_unread->setObjectName(QStringLiteral("unreadNotifications"));
    m_unread->setAutoRaise(true);
    m_unread->setToolTip(tr("Show the notifications"));
    statusBar()->addPermanentWidget(m_unread);

    auto *content = new QVBoxLayout;
    content->setContentsMargins(0, 0, 0, 0);
    content->addWidget(m_banner);
    content->addWidget(m_guardBanner);
    content->addWidget(m_stack, 1);
    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->addWidget(m_navigation);
    body->addLayout(content, 1);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_accountBar);
    layout->addLayout(body, 1);
    setCentralWidget(central);

    buildMenus();

    connect(m_navigation, &QTreeWidget::currentItemChanged, this, &MainWindow::onCurrentItemChanged);
    connect(m_unread, &QToolButton::clicked, this, [this] { showPage(PageId::Notifications); });
    connect(m_banner, &ErrorBanner::retryRequested, this, &MainWindow::refresh);
    connect(m_guardBanner, &GuardBanner::servicesReenabled, this, &MainWindow::refresh);

    if (!restoreGeometry(m_settings.windowGeometry())) {
        const QRect available = screen()->availableGeometry();
        resize(available.size() * 4 / 5);
    }
    PageId first = PageId::Overview;
    for (const Entry &e : m_entries)
        if (pageKey(e.id) == m_settings.lastPage())
            first = e.id;
    showPage(first);
}

MainWindow::~MainWindow() = default;

QTreeWidgetItem *MainWindow::addGroup(const QString &title)
{
    auto *group = new QTreeWidgetItem(m_navigation, {title});
    group->setFlags(Qt::ItemIsEnabled);
    QFont font = group->font(0);
    font.setBold(true);
    group->setFont(0, font);
    group->setForeground(0, palette().brush(QPalette::PlaceholderText));
    group->setSizeHint(0, QSize(0, m_navigation->fontMetrics().height() * 2));
    return group;
}

void MainWindow::addPage(PageId id, std::function<Page *()> make, const QString &title,
                         QTreeWidgetItem *group)
{
    auto *item = group ? new QTreeWidgetItem(group, {title}) : new QTreeWidgetItem(m_navigation, {title});
    item->setData(0, PageRole, int(id));
    item->setSizeHint(0, QSize(0, m_navigation->fontMetrics().height() * 2));
    auto *action = new QAction(title, m_pageActions);
    action->setCheckable(true);
    if (m_entries.size() < 9)
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + int(m_entries.size()))));
    connect(action, &QAction::triggered, this, [this, id] {
        showPage(id);
        focusPage();
    });
    m_entries.push_back({id, std::move(make), nullptr, item, action});
}

Page *MainWindow::build(Entry &e)
{
    if (e.page)
        return e.page;
    e.page = e.make();
    m_stack->addWidget(e.page);
    orderTabsByLayout(e.page);
    connect(e.page, &Page::openPageRequested, this, &MainWindow::showPage);
    connect(e.page, &Page::accountChanged, this, &MainWindow::refreshAccount);
    if (m_role)
        rolegate::apply(e.page, *m_role);
    return e.page;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *import = file->addAction(tr("&Import call records\u2026"), this, [this] {
        showPage(PageId::Transactions);
        if (auto *transactions = qobject_cast<TransactionsPage *>(page(PageId::Transactions)))
            transactions->openImport();
    });
    import->setObjectName(QStringLiteral("importCallsAction"));
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    QAction *topUp = file->addAction(tr("&Top up\u2026"), this, [this] {
        showPage(PageId::Funds);
        if (auto *funds = qobject_cast<FundsPage *>(page(PageId::Funds)))
            funds->openTopUp();
    });
    topUp->setObjectName(QStringLiteral("topUpAction"));
    QAction *buy = file->addAction(tr("&Buy package\u2026"), this, [this] {
        showPage(PageId::Packages);
        if (auto *packages = qobject_cast<PackagesPage *>(page(PageId::Packages)))
            packages->openBuy();
    });
    buy->setObjectName(QStringLiteral("buyPackageAction"));
    file->addAction(tr("Change billing &mode\u2026"), this, [this] { openModeWizard(QString(), QString()); })
        ->setObjectName(QStringLiteral("modeMenuAction"));
    file->addAction(tr("&Close month\u2026"), this,
                    [this] {
                        auto *wizard = new CloseMonthWizard(m_engine, this);
                        wizard->setAttribute(Qt::WA_DeleteOnClose);
                        wizard->open();
                    })
        ->setObjectName(QStringLiteral("closeMonthAction"));
    file->addSeparator();
    QAction *stop = file->addAction(tr("&Stop billing\u2026"), this, &MainWindow::stopBilling);
    stop->setObjectName(QStringLiteral("stopBillingAction"));
    stop->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (const Entry &e : m_entries)
        view->addAction(e.action);
    view->addSeparator();
    QAction *next = view->addAction(tr("&Next page"), this, [this] { stepPage(1); });
    next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    QAction *previous = view->addAction(tr("&Previous page"), this, [this] { stepPage(-1); });
    previous->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    QAction *toggle = view->addAction(tr("Page &list or page"), this, &MainWindow::toggleFocus);
    toggle->setShortcut(QKeySequence(Qt::Key_F6));
    view->addSeparator();
    QAction *reload = view->addAction(tr("&Refresh"), this, &MainWindow::refresh);
    reload->setShortcut(QKeySequence::Refresh);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard shortcuts\u2026"), this, &MainWindow::showShortcuts);
    shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    shortcuts->setShortcut(QKeySequence::HelpContents);
    help->addSeparator();
    QAction *about = help->addAction(tr("&About %1").arg(QGuiApplication::applicationDisplayName()), this,
                                     &MainWindow::about);
    about->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

QList<QAction *> MainWindow::pageActions() const
{
    QList<QAction *> actions;
    for (const Entry &e : m_entries)
        actions << e.action;
    return actions;
}

void MainWindow::stepPage(int step)
{
    const auto count = int(m_entries.size());
    for (int i = 0; i < count; ++i)
        if (m_entries[size_t(i)].id == m_current) {
            showPage(m_entries[size_t(((i + step) % count + count) % count)].id);
            focusPage();
            return;
        }
}

void MainWindow::focusPage()
{
    Page *current = page(m_current);
    if (!current)
        return;
    // The first widget of the page that Tab would reach.
    for (QWidget *w = current->nextInFocusChain(); w && w != current; w = w->nextInFocusChain()) {
        if (current->isAncestorOf(w) && (w->focusPolicy() & Qt::TabFocus) && w->isVisibleTo(current) &&
            w->isEnabled()) {
            w->setFocus(Qt::ShortcutFocusReason);
            return;
        }
    }
    current->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::toggleFocus()
{
    if (m_navigation->hasFocus())
        focusPage();
    else
        m_navigation->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(*this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QList<PageId> MainWindow::pages() const
{
    QList<PageId> ids;
    for (const Entry &e : m_entries)
        ids << e.id;
    return ids;
}

QString MainWindow::pageKey(PageId page)
{
    static const char *const keys[] = {"overview",     "bills",       "transactions",  "services", "packages",
                                       "funds",        "composition", "allocation",    "analysis", "budgets",
                                       "optimization", "calculator",  "notifications", "settings", "audit",
                                       "anomalies",    "planner",     "reconciliation"};
    static_assert(std::size(keys) == size_t(PageId::Reconciliation) + 1, "one key per page");
    return QLatin1String(keys[size_t(page)]);
}

const MainWindow::Entry *MainWindow::entry(PageId id) const
{
    for (const Entry &e : m_entries)
        if (e.id == id)
            return &e;
    return nullptr;
}

PageId MainWindow::currentPage() const
{
    return m_current;
}

Page *MainWindow::page(PageId id)
{
    for (Entry &e : m_entries)
        if (e.id == id)
            return build(e);
    return nullptr;
}

void MainWindow::showPage(PageId id)
{
    const Entry *e = entry(id);
    if (!e)
        return;
    Page *shown = page(id);
    m_current = id;
    {
        const QSignalBlocker blocker(m_navigation);
        m_navigation->setCurrentItem(e->item);
    }
    e->action->setChecked(true);
    m_stack->setCurrentWidget(shown);
    // Stored only when it changes the page the next start opens: otherwise every start would write the
    // settings file (a lock file and two syncs to disk) for nothing (performance.md P4).
    const QString stored = m_settings.lastPage();
    if (pageKey(id) != stored && !(stored.isEmpty() && id == PageId::Overview))
        m_settings.setLastPage(pageKey(id));
    refresh();
}

void MainWindow::refresh()
{
    if (Page *current = page(m_current))
        current->refresh();
    refreshAccount();
}

void MainWindow::onCurrentItemChanged(QTreeWidgetItem *current)
{
    if (!current)
        return;
    const QVariant id = current->data(0, PageRole);
    if (id.isValid())
        showPage(static_cast<PageId>(id.toInt()));
    else if (const Entry *e = entry(m_current)) // a group heading: keep the page
    {
        const QSignalBlocker blocker(m_navigation);
        m_navigation->setCurrentItem(e->item);
    }
}

void MainWindow::refreshAccount()
{
    auto snapshot = m_engine.run([](Context &ctx) -> Result<AccountSnapshot> {
        auto status = accountStatus(ctx);
        if (!status)
            return status.error();
        auto unread = unreadNotificationCount(ctx);
        if (!unread)
            return unread.error();
        return AccountSnapshot{std::move(*status), *unread};
    });
    if (!snapshot) {
        m_banner->showError(tr("Could not read the account."), snapshot.error());
        return;
    }
    m_banner->clear();
    m_accountBar->setStatus(snapshot->status);
    m_guardBanner->refresh();
    applyRole();
    const int unread = snapshot->unread;
    m_unread->setText(unread == 0 ? tr("No unread notifications")
                                  : tr("Unread notifications: %1").arg(QLocale().toString(unread)));
    if (const Entry *e = entry(PageId::Notifications))
        e->item->setText(0, unread == 0 ? tr("Notifications") : tr("Notifications (%1)").arg(unread));
}

void MainWindow::applyRole()
{
    // Resolved again at every refresh: an owner may have changed the role since the window opened.
    auto who = resolveIdentity(m_engine.database(), m_engine.actor());
    if (who)
        m_accountBar->setIdentity(who->user,
                                  who->singleUser ? tr("owner (single-user account)") : roleName(who->role));
    else
        m_accountBar->setIdentity(m_engine.actor(), tr("not a member"));
    const std::optional<Role> role = who ? std::optional<Role>(who->role) : std::nullopt;
    m_role = role; // the pages built later are gated with it (build())
    rolegate::apply(this, role);
}

void MainWindow::stopBilling()
{
    showPage(PageId::Services);
    if (auto *services = qobject_cast<ServicesPage *>(page(PageId::Services)))
        services->openStopBilling();
}

BillingModeWizard *MainWindow::openModeWizard(const QString &api, const QString &region)
{
    auto *wizard = new BillingModeWizard(m_engine, api, region, this);
    connect(wizard, &BillingModeWizard::buyRequested, this,
            [this](const QString &a, const QString &r, const QString &sku) {
                showPage(PageId::Packages);
                if (auto *packages = qobject_cast<PackagesPage *>(page(PageId::Packages)))
                    packages->openBuy(a, r, sku);
            });
    connect(wizard, &BillingModeWizard::unsubscribeRequested, this, [this](qint64 id) {
        showPage(PageId::Packages);
        if (auto *packages = qobject_cast<PackagesPage *>(page(PageId::Packages))) {
            packages->selectPackage(id);
            packages->openUnsubscribe();
        }
    });
    connect(wizard, &BillingModeWizard::changed, this, &MainWindow::refresh);
    wizard->open();
    return wizard;
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About %1").arg(QGuiApplication::applicationDisplayName()),
                       tr("<p><b>%1</b> %2</p><p>Usage-based billing for OCR APIs: balance, transactions, "
                          "services and notifications of one account, read from the same database that "
                          "<tt>billingctl</tt> uses.</p>")
                           .arg(QGuiApplication::applicationDisplayName().toHtmlEscaped(),
                                QCoreApplication::applicationVersion().toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.sync();
    QMainWindow::closeEvent(event);
}

} // namespace billing::ui
