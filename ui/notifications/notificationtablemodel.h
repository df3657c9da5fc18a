#pragma once

#include "domain/notification.h"
#include "widgets/format.h"

#include <QAbstractTableModel>

#include <vector>

namespace billing::ui {

// Notifications, newest first as given; unread ones in bold.
class NotificationTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Time, Title, Message, ColumnCount };

    explicit NotificationTableModel(QObject *parent);

    void setNotifications(std::vector<Notification> notifications, const AccountDisplay &display);
    const Notification &notification(int row) const { return m_items[size_t(row)]; }
    int unreadCount() const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Notification> m_items;
    AccountDisplay m_display;
};

} // namespace billing::ui
