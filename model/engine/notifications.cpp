#include "engine/notifications.h"

#include "engine/context.h"
#include "storage/notificationrepository.h"

namespace billing {

Result<std::vector<Notification>> listNotifications(Context &ctx)
{
    return NotificationRepository(ctx.db).all();
}

Result<int> unreadNotificationCount(Context &ctx)
{
    return NotificationRepository(ctx.db).unreadCount();
}

Status markNotificationsRead(Context &ctx)
{
    return NotificationRepository(ctx.db).markAllRead();
}

} // namespace billing
