#pragma once

// The console's reads of the stored alerts (their texts: engine/notificationtext.h).
#include "core/result.h"
#include "domain/notification.h"

#include <vector>

namespace billing {

struct Context;

// Every notification, newest first.
Result<std::vector<Notification>> listNotifications(Context &ctx);
Result<int> unreadNotificationCount(Context &ctx);
Status markNotificationsRead(Context &ctx);

} // namespace billing
