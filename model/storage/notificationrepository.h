#pragma once

#include "core/result.h"
#include "domain/notification.h"

#include <vector>

namespace billing {

class Database;

class NotificationRepository
{
public:
    explicit NotificationRepository(Database &db) : m_db(db) {}
    // A notification with a dedupe key that exists already is not added again.
    Status add(Instant at, const QString &kind, const QJsonObject &args, const QString &dedupeKey);
    Result<std::vector<Notification>> all();
    Result<int> unreadCount();
    Status markAllRead();

private:
    Database &m_db;
};

} // namespace billing
