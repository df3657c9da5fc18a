#include "notifications/notificationtablemodel.h"

#include "notifications/notificationtext.h"
#include "time/billingcalendar.h"
#include "widgets/format.h"
#include "widgets/itemroles.h"

#include <QFont>

#include <algorithm>

namespace billing::ui {

NotificationTableModel::NotificationTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void NotificationTableModel::setNotifications(std::vector<Notification> notifications,
                                              const AccountDisplay &display)
{
    beginResetModel();
    m_items = std::move(notifications);
    m_display = display;
    endResetModel();
}

int NotificationTableModel::unreadCount() const
{
    return int(std::count_if(m_items.begin(), m_items.end(), [](const Notification &n) { return !n.read; }));
}

int NotificationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int NotificationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NotificationTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Notification &n = m_items[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return formatDateTime(n.at, m_display.utcOffsetSeconds);
        case Title:
            return notificationTitle(n.kind);
        case Message:
            return notificationText(n, m_display);
        default:
            return QVariant();
        }
    case SortRole:
        return index.column() == Time ? QVariant(n.at) : data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == Time)
            return BillingCalendar(m_display.utcOffsetSeconds).format(n.at);
        return index.column() == Message ? QVariant(notificationText(n, m_display)) : QVariant();
    case Qt::FontRole: {
        QFont f;
        f.setBold(!n.read);
        return f;
    }
    case Qt::AccessibleDescriptionRole:
        return n.read ? tr("read") : tr("unread");
    default:
        return QVariant();
    }
}

QVariant NotificationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Time:
        return tr("Time");
    case Title:
        return tr("Notification");
    case Message:
        return tr("Details");
    default:
        return QVariant();
    }
}

} // namespace billing::ui
