#include "storage/profilerepository.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QSqlQuery>
#include <QVariant>

namespace billing {

namespace {

const QString kSelect = QStringLiteral("SELECT kind, name, definition, saved_at FROM column_profile");

StoredProfile fromQuery(const QSqlQuery &q)
{
    return {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toLongLong()};
}

} // namespace

Result<std::vector<StoredProfile>> ProfileRepository::all(const QString &kind)
{
    QSqlQuery q(m_db.connection());
    q.prepare(kSelect + QStringLiteral(" WHERE kind = :k ORDER BY name"));
    q.bindValue(QStringLiteral(":k"), kind);
    if (Status s = execQuery(q, "reading column profiles"); !s)
        return s.error();
    std::vector<StoredProfile> out;
    while (q.next())
        out.push_back(fromQuery(q));
    return out;
}

Result<std::optional<StoredProfile>> ProfileRepository::byName(const QString &kind, const QString &name)
{
    QSqlQuery q(m_db.connection());
    q.prepare(kSelect + QStringLiteral(" WHERE kind = :k AND name = :n"));
    q.bindValue(QStringLiteral(":k"), kind);
    q.bindValue(QStringLiteral(":n"), name);
    if (Status s = execQuery(q, "reading a column profile"); !s)
        return s.error();
    if (!q.next())
        return std::optional<StoredProfile>();
    return std::optional<StoredProfile>(fromQuery(q));
}

Status ProfileRepository::put(const StoredProfile &p)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO column_profile (kind, name, definition, saved_at) "
                             "VALUES (:k, :n, :d, :at) ON CONFLICT (kind, name) DO UPDATE SET "
                             "definition = excluded.definition, saved_at = excluded.saved_at"));
    q.bindValue(QStringLiteral(":k"), p.kind);
    q.bindValue(QStringLiteral(":n"), p.name);
    q.bindValue(QStringLiteral(":d"), p.definition);
    q.bindValue(QStringLiteral(":at"), p.savedAt);
    return execQuery(q, "storing a column profile");
}

Status ProfileRepository::remove(const QString &kind, const QString &name)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM column_profile WHERE kind = :k AND name = :n"));
    q.bindValue(QStringLiteral(":k"), kind);
    q.bindValue(QStringLiteral(":n"), name);
    return execQuery(q, "removing a column profile");
}

} // namespace billing
