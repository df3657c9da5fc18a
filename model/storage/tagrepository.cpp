#include "storage/tagrepository.h"
#include "storage/tr.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace billing {

Status TagRepository::validate(const QString &tag)
{
    if (tag.isEmpty() || tag.size() > 64)
        return Error::badUsage(StorageTr::tr("a tag must have 1 to 64 characters"));
    if (tag.trimmed() != tag)
        return Error::badUsage(StorageTr::tr("the tag \"%1\" starts or ends with a space").arg(tag));
    if (tag.contains(u','))
        return Error::badUsage(StorageTr::tr("the tag \"%1\" contains a comma").arg(tag));
    if (tag.startsWith(u'(') && tag.endsWith(u')'))
        return Error::badUsage(StorageTr::tr("the tag \"%1\" is reserved").arg(tag));
    return {};
}

Result<QStringList> TagRepository::tags(const QString &project)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT tag FROM project_tag WHERE project = :p ORDER BY tag"));
    q.bindValue(QStringLiteral(":p"), project);
    if (Status s = execQuery(q, "reading project tags"); !s)
        return s.error();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Status TagRepository::setTags(const QString &project, const QStringList &tags)
{
    if (project.isEmpty())
        return Error::badUsage(StorageTr::tr("a project name is required"));
    for (const QString &t : tags)
        if (Status s = validate(t); !s)
            return s;
    QSqlQuery del(m_db.connection());
    del.prepare(QStringLiteral("DELETE FROM project_tag WHERE project = :p"));
    del.bindValue(QStringLiteral(":p"), project);
    if (Status s = execQuery(del, "removing project tags"); !s)
        return s;
    QStringList unique = tags;
    unique.removeDuplicates();
    QSqlQuery ins(m_db.connection());
    ins.prepare(QStringLiteral("INSERT INTO project_tag (project, tag) VALUES (:p, :t)"));
    for (const QString &t : std::as_const(unique)) {
        ins.bindValue(QStringLiteral(":p"), project);
        ins.bindValue(QStringLiteral(":t"), t);
        if (Status s = execQuery(ins, "storing a project tag"); !s)
            return s;
    }
    return {};
}

Result<std::map<QString, QStringList>> TagRepository::all()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT project, tag FROM project_tag ORDER BY project, tag"));
    if (Status s = execQuery(q, "reading project tags"); !s)
        return s.error();
    std::map<QString, QStringList> out;
    while (q.next())
        out[q.value(0).toString()] << q.value(1).toString();
    return out;
}

Result<QStringList> TagRepository::allTags()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT DISTINCT tag FROM project_tag ORDER BY tag"));
    if (Status s = execQuery(q, "reading tags"); !s)
        return s.error();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

} // namespace billing
