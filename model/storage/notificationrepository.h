#pragma once

#include "core/result.h"
#include "time/instant.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace billing {

class Database;

struct Notification
{
    qint64 id = 0;
    Instant at = 0;
    QString kind;     // e.g. "arrears-started"; the text is made at display time, translated
    QJsonObject args; // the facts the text needs
    bool read = false;
};

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
