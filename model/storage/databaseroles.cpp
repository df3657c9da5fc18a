#include "storage/databaseroles.h"

#include "storage/database.h"

#include <QSqlQuery>
#include <QVariant>

namespace billing {

Result<std::optional<QStringList>> databaseRoles(Database &db)
{
    if (!db.isPostgres())
        return std::optional<QStringList>();
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT rolname FROM pg_roles WHERE rolname IN (?, ?, ?) "
                             "AND pg_has_role(current_user, oid, 'MEMBER')"));
    const QStringList all{dbroles::kOwner, dbroles::kFinance, dbroles::kAnalyst};
    for (int i = 0; i < all.size(); ++i)
        q.bindValue(i, all[i]);
    if (Status s = execQuery(q, "reading the database roles"); !s)
        return s.error();
    QStringList member;
    while (q.next())
        member << q.value(0).toString();
    QStringList out;
    for (const QString &role : all)
        if (member.contains(role))
            out << role;
    return std::optional<QStringList>(out);
}

Result<std::optional<QString>> databaseUser(Database &db)
{
    if (!db.isPostgres())
        return std::optional<QString>();
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("SELECT current_user"));
    if (Status s = execQuery(q, "reading the database user"); !s)
        return s.error();
    if (!q.next())
        return Error::internal(QStringLiteral("SELECT current_user returned no row"));
    return std::optional<QString>(q.value(0).toString());
}

} // namespace billing
