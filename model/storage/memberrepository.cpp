#include "storage/memberrepository.h"
#include "storage/tr.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace billing {

Result<std::vector<Member>> MemberRepository::all()
{
    // Every command resolves its user against the members: prepared once per connection.
    QSqlQuery &q =
        m_db.prepared(QStringLiteral("SELECT name, role, since FROM account_member ORDER BY name"));
    if (Status s = execQuery(q, "reading the members"); !s)
        return s.error();
    const sql::FinishOnExit finish{q};
    std::vector<Member> out;
    while (q.next()) {
        const auto role = parseRole(q.value(1).toString());
        if (!role)
            return Error::badData(StorageTr::tr("the member %1 has an unknown role \"%2\"")
                                      .arg(q.value(0).toString(), q.value(1).toString()));
        out.push_back({q.value(0).toString(), *role, q.value(2).toLongLong()});
    }
    return out;
}

Status MemberRepository::put(const Member &m)
{
    QSqlQuery update(m_db.connection());
    update.prepare(
        QStringLiteral("UPDATE account_member SET role = :role, since = :since WHERE name = :name"));
    update.bindValue(QStringLiteral(":role"), roleId(m.role));
    update.bindValue(QStringLiteral(":since"), m.since);
    update.bindValue(QStringLiteral(":name"), m.name);
    if (Status s = execQuery(update, "changing a member's role"); !s)
        return s;
    if (update.numRowsAffected() > 0)
        return {};
    QSqlQuery insert(m_db.connection());
    insert.prepare(
        QStringLiteral("INSERT INTO account_member (name, role, since) VALUES (:name, :role, :since)"));
    insert.bindValue(QStringLiteral(":name"), m.name);
    insert.bindValue(QStringLiteral(":role"), roleId(m.role));
    insert.bindValue(QStringLiteral(":since"), m.since);
    return execQuery(insert, "adding a member");
}

Status MemberRepository::remove(const QString &name)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM account_member WHERE name = :name"));
    q.bindValue(QStringLiteral(":name"), name);
    return execQuery(q, "removing a member");
}

} // namespace billing
