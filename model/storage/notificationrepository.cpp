#include "storage/notificationrepository.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QJsonDocument>

namespace billing {

Status NotificationRepository::add(Instant at, const QString &kind, const QJsonObject &args,
                                   const QString &dedupeKey)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO notification (at, kind, args, dedupe_key) VALUES (:at, :kind, :args, :key) "
        "ON CONFLICT DO NOTHING"));
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":kind"), kind);
    q.bindValue(QStringLiteral(":args"),
                QString::fromUtf8(QJsonDocument(args).toJson(QJsonDocument::Compact)));
    q.bindValue(QStringLiteral(":key"), sql::text(dedupeKey));
    return execQuery(q, "storing a notification");
}

Result<std::vector<Notification>> NotificationRepository::all()
{
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("SELECT id, at, kind, args, is_read FROM notification ORDER BY at DESC, id DESC"));
    if (Status s = execQuery(q, "reading notifications"); !s)
        return s.error();
    std::vector<Notification> out;
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                       QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object(),
                       q.value(4).toBool()});
    return out;
}

Result<int> NotificationRepository::unreadCount()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM notification WHERE is_read = 0"));
    if (Status s = execQuery(q, "counting notifications"); !s)
        return s.error();
    q.next();
    return q.value(0).toInt();
}

Status NotificationRepository::markAllRead()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("UPDATE notification SET is_read = 1 WHERE is_read = 0"));
    return execQuery(q, "marking notifications read");
}

} // namespace billing
