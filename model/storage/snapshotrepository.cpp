#include "storage/snapshotrepository.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QSqlQuery>

namespace billing {

Result<SnapshotFacts> SnapshotRepository::facts()
{
    SnapshotFacts f;
    QSqlQuery records(m_db.connection());
    records.prepare(QStringLiteral("SELECT count(*), max(at) FROM record"));
    if (Status s = execQuery(records, "counting the records"); !s)
        return s.error();
    if (records.next()) {
        f.records = records.value(0).toLongLong();
        f.lastRecordAt = sql::optInt(records.value(1));
    }
    QSqlQuery members(m_db.connection());
    members.prepare(QStringLiteral("SELECT count(*) FROM account_member"));
    if (Status s = execQuery(members, "counting the members"); !s)
        return s.error();
    if (members.next())
        f.members = members.value(0).toInt();
    return f;
}

} // namespace billing
