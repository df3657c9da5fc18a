#include "storage/integrityrepository.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QSqlError>
#include <QSqlQuery>

namespace billing {

namespace {
struct IdColumn
{
    IdKind kind;
    const char *table;
    const char *key; // what names the row in a finding
    const char *column;
};

// Every column that holds a catalog id or one of the program's names.
const IdColumn kIdColumns[] = {
    {IdKind::Api, "record", "id", "api"},
    {IdKind::Region, "record", "id", "region"},
    {IdKind::RecordType, "record", "id", "type"},
    {IdKind::Mode, "record", "id", "mode"},
    {IdKind::LedgerKind, "ledger", "id", "kind"},
    {IdKind::Api, "package", "id", "api"},
    {IdKind::Region, "package", "id", "region"},
    {IdKind::Sku, "package", "id", "sku"},
    {IdKind::Sku, "package", "id", "renew_sku"},
    {IdKind::Api, "coupon", "id", "api"},
    {IdKind::Api, "service", "api || ' ' || region", "api"},
    {IdKind::Region, "service", "api || ' ' || region", "region"},
    {IdKind::Api, "service_event", "id", "api"},
    {IdKind::Region, "service_event", "id", "region"},
    {IdKind::Api, "usage_hour", "hour", "api"},
    {IdKind::Region, "usage_hour", "hour", "region"},
    {IdKind::Api, "tier_counter", "month", "api"},
    {IdKind::Region, "tier_counter", "month", "region"},
};

QString placeholders(qsizetype n)
{
    QStringList marks;
    for (qsizetype i = 0; i < n; ++i)
        marks << QStringLiteral("?");
    return marks.join(u',');
}
} // namespace

Result<QStringList> IntegrityRepository::engineCheck()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    QStringList problems;
    if (!m_db.isPostgres()) {
        // A query that fails here is itself the finding: the damage stops SQLite from reading on.
        if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
            return QStringList{q.lastError().databaseText()};
        while (q.next())
            if (const QString line = q.value(0).toString(); line != QLatin1String("ok"))
                problems << line;
        if (q.lastError().isValid())
            problems << q.lastError().databaseText();
        return problems;
    }
    if (!q.exec(QStringLiteral("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'")))
        return QStringList{q.lastError().databaseText()};
    if (!q.next())
        return problems;
    QSqlQuery indexes(m_db.connection());
    indexes.setForwardOnly(true);
    if (!indexes.exec(
            QStringLiteral("SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                           "JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' AND "
                           "c.relnamespace = current_schema()::regnamespace ORDER BY c.relname")))
        return QStringList{indexes.lastError().databaseText()};
    while (indexes.next()) {
        QSqlQuery check(m_db.connection());
        check.prepare(QStringLiteral("SELECT bt_index_check(?::oid)"));
        check.bindValue(0, indexes.value(0));
        if (!check.exec())
            problems << indexes.value(1).toString() + QStringLiteral(": ") + check.lastError().databaseText();
    }
    return problems;
}

Result<std::vector<StrayValue>> IntegrityRepository::valuesOutside(IdKind kind, const QStringList &allowed)
{
    std::vector<StrayValue> out;
    for (const IdColumn &c : kIdColumns) {
        if (c.kind != kind)
            continue;
        QSqlQuery q(m_db.connection());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT %1, %2 FROM %3 WHERE %2 IS NOT NULL AND %2 NOT IN (%4) ORDER BY 1")
                      .arg(QLatin1String(c.key), QLatin1String(c.column), QLatin1String(c.table),
                           allowed.isEmpty() ? QStringLiteral("NULL") : placeholders(allowed.size())));
        for (qsizetype i = 0; i < allowed.size(); ++i)
            q.bindValue(int(i), allowed[i]);
        if (Status s = execQuery(q, "checking stored identifiers"); !s)
            return s.error();
        while (q.next())
            out.push_back({QLatin1String(c.table), q.value(0).toString(), QLatin1String(c.column),
                           q.value(1).toString()});
    }
    return out;
}

Status IntegrityRepository::forEachTier(const std::function<void(const StoredTier &)> &fn)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT record_id, tier, first_position, calls, price_per_1000, "
                             "coalesce(last_position, first_position + calls - 1) FROM record_tier "
                             "ORDER BY record_id, first_position"));
    if (Status s = execQuery(q, "reading the tier breakdowns"); !s)
        return s;
    while (q.next())
        fn({q.value(0).toLongLong(),
            {q.value(1).toInt(), q.value(2).toLongLong(), q.value(3).toLongLong(), sql::money(q.value(4)),
             q.value(5).toLongLong()}});
    return {};
}

} // namespace billing
