#include "notifications/notificationspage.h"

#include "engine/engine.h"
#include "engine/notifications.h"
#include "notifications/notificationtablemodel.h"
#include "widgets/emptystate.h"
#include "widgets/errorbanner.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
struct Loaded
{
    std::vector<Notification> items;
    AccountDisplay display;
};
} // namespace

NotificationsPage::NotificationsPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_model(new NotificationTableModel(this)),
      m_banner(new ErrorBanner(this)), m_markAllRead(new QPushButton(tr("&Mark all as read"), this)),
      m_stack(new QStackedWidget(this)), m_table(new QTableView(this)),
      m_empty(new EmptyState(
          tr("No notifications"),
          tr("Alerts appear here when the balance runs low, arrears start or end, the account is "
             "about to be frozen, or a package runs out or expires."),
          this))
{
    setObjectName(QStringLiteral("notificationsPage"));
    m_markAllRead->setObjectName(QStringLiteral("markAllRead"));
    m_table->setObjectName(QStringLiteral("notificationsTable"));
    m_table->setAccessibleName(tr("Notifications"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);

    auto *header = new QHBoxLayout;
    header->addWidget(createTitle(tr("Notifications")));
    header->addStretch(1);
    header->addWidget(m_markAllRead);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_stack, 1);

    connect(m_markAllRead, &QPushButton::clicked, this, &NotificationsPage::markAllRead);
    connect(m_banner, &ErrorBanner::retryRequested, this, &NotificationsPage::refresh);
}

void NotificationsPage::refresh()
{
    auto loaded = m_engine.run([this](Context &ctx) -> Result<Loaded> {
        auto all = listNotifications(ctx);
        if (!all)
            return all.error();
        return Loaded{std::move(*all), AccountDisplay{ctx.account.currency, ctx.account.utcOffsetSeconds,
                                                      &m_engine.catalog()}};
    });
    if (!loaded) {
        m_banner->showError(tr("Could not load the notifications."), loaded.error());
        return;
    }
    m_banner->clear();
    m_model->setNotifications(std::move(loaded->items), loaded->display);
    m_markAllRead->setEnabled(m_model->unreadCount() > 0);
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget *>(m_empty) : m_table);
    m_table->resizeColumnToContents(NotificationTableModel::Time);
    m_table->resizeColumnToContents(NotificationTableModel::Title);
}

void NotificationsPage::markAllRead()
{
    if (applyChange(m_engine, m_banner, tr("Could not mark the notifications as read."),
                    [](Context &ctx) { return markNotificationsRead(ctx); }))
        emit accountChanged();
}

} // namespace billing::ui
