#pragma once

#include "widgets/page.h"

class QPushButton;
class QStackedWidget;
class QTableView;

namespace billing {
class Engine;
}

namespace billing::ui {

class EmptyState;
class ErrorBanner;
class NotificationTableModel;

// Alerts about the balance, arrears and packages, newest first; unread ones in bold.
class NotificationsPage : public Page
{
    Q_OBJECT

public:
    NotificationsPage(Engine &engine, QWidget *parent);

    void refresh() override;
    NotificationTableModel *model() const { return m_model; }

private:
    void markAllRead();

    Engine &m_engine;
    NotificationTableModel *m_model;
    ErrorBanner *m_banner;
    QPushButton *m_markAllRead;
    QStackedWidget *m_stack;
    QTableView *m_table;
    EmptyState *m_empty;
};

} // namespace billing::ui
