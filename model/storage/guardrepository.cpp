#include "storage/guardrepository.h"
#include "storage/tr.h"

#include "core/shown.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QVariant>

namespace billing {

namespace {

const QString kSelect =
    QStringLiteral("SELECT id, name, api, region, kind, amount, state, fired_at, created_at FROM guard");

Guard fromQuery(const QSqlQuery &q)
{
    Guard g;
    g.id = q.value(0).toLongLong();
    g.name = q.value(1).toString();
    g.api = q.value(2).toString();
    g.region = q.value(3).toString();
    g.trigger = guardTriggerFromId(q.value(4).toString()).value_or(Guard::Trigger::MonthCost);
    g.amount = sql::money(q.value(5));
    g.fired = q.value(6).toString() == QLatin1String("fired");
    g.firedAt = sql::optInt(q.value(7));
    g.createdAt = q.value(8).toLongLong();
    return g;
}
} // namespace

Result<std::vector<Guard>> GuardRepository::all()
{
    std::vector<Guard> out;
    QSqlQuery &q = m_db.prepared(kSelect + QStringLiteral(" ORDER BY id"));
    if (Status s = execQuery(q, "reading spend guards"); !s)
        return s.error();
    const sql::FinishOnExit finish{q};
    while (q.next())
        out.push_back(fromQuery(q));
    return out;
}

Result<std::optional<Guard>> GuardRepository::byName(const QString &name)
{
    QSqlQuery q(m_db.connection());
    q.prepare(kSelect + QStringLiteral(" WHERE name = :n"));
    q.bindValue(QStringLiteral(":n"), name);
    if (Status s = execQuery(q, "reading a spend guard"); !s)
        return s.error();
    if (!q.next())
        return std::optional<Guard>();
    return std::optional<Guard>(fromQuery(q));
}

Result<qint64> GuardRepository::insert(const Guard &g)
{
    auto existing = byName(g.name);
    if (!existing)
        return existing.error();
    if (*existing)
        return Error::refused(
            StorageTr::tr("a guard named \"%1\" exists already; remove it first").arg(shownValue(g.name)));
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("INSERT INTO guard (name, api, region, kind, amount, state, fired_at, created_at) "
                       "VALUES (:n, :a, :r, :k, :m, :s, :f, :c) RETURNING id"));
    q.bindValue(QStringLiteral(":n"), g.name);
    q.bindValue(QStringLiteral(":a"), sql::text(g.api));
    q.bindValue(QStringLiteral(":r"), sql::text(g.region));
    q.bindValue(QStringLiteral(":k"), guardTriggerId(g.trigger));
    q.bindValue(QStringLiteral(":m"), g.amount.units());
    q.bindValue(QStringLiteral(":s"), g.fired ? QStringLiteral("fired") : QStringLiteral("armed"));
    q.bindValue(QStringLiteral(":f"), sql::opt(g.firedAt));
    q.bindValue(QStringLiteral(":c"), g.createdAt);
    return execInsert(q, "storing a spend guard");
}

Status GuardRepository::updateState(const Guard &g)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral("UPDATE guard SET state = :s, fired_at = :f WHERE id = :id"));
    q.bindValue(QStringLiteral(":s"), g.fired ? QStringLiteral("fired") : QStringLiteral("armed"));
    q.bindValue(QStringLiteral(":f"), sql::opt(g.firedAt));
    q.bindValue(QStringLiteral(":id"), g.id);
    return execQuery(q, "storing a spend guard's state");
}

Status GuardRepository::remove(qint64 id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM guard WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    return execQuery(q, "removing a spend guard");
}

} // namespace billing

namespace billing {

namespace {
QString scopeFilter(const QString &api, const QString &region)
{
    QString f;
    if (!api.isEmpty())
        f += QStringLiteral(" AND api = :a");
    if (!region.isEmpty())
        f += QStringLiteral(" AND region = :r");
    return f;
}
void bindScope(QSqlQuery &q, const QString &api, const QString &region)
{
    if (!api.isEmpty())
        q.bindValue(QStringLiteral(":a"), api);
    if (!region.isEmpty())
        q.bindValue(QStringLiteral(":r"), region);
}
} // namespace

Result<Money> GuardRepository::scopeCost(const QString &api, const QString &region, Instant from, Instant to,
                                         Instant settledBy)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("SELECT coalesce(sum(charged), 0) FROM record WHERE type = 'usage' AND mode = "
                       "'pay-per-use' AND expenditure_at >= :f AND expenditure_at < :t AND at <= :s") +
        scopeFilter(api, region));
    q.bindValue(QStringLiteral(":f"), from);
    q.bindValue(QStringLiteral(":t"), to);
    q.bindValue(QStringLiteral(":s"), settledBy);
    bindScope(q, api, region);
    if (Status s = execQuery(q, "summing a guard's month cost"); !s)
        return s.error();
    const sql::FinishOnExit finish{q};
    q.next();
    return sql::money(q.value(0));
}

Result<std::vector<GuardRepository::CostLine>>
GuardRepository::costLines(const QString &api, const QString &region, Instant expenditureFrom)
{
    std::vector<CostLine> out;
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("SELECT at, expenditure_at, charged FROM record WHERE type = 'usage' AND mode = "
                       "'pay-per-use' AND charged <> 0 AND expenditure_at >= :f") +
        scopeFilter(api, region) + QStringLiteral(" ORDER BY at, id"));
    q.bindValue(QStringLiteral(":f"), expenditureFrom);
    bindScope(q, api, region);
    if (Status s = execQuery(q, "reading a guard's cost history"); !s)
        return s.error();
    const sql::FinishOnExit finish{q};
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), sql::money(q.value(2))});
    return out;
}

Result<std::vector<GuardRepository::BalanceStep>> GuardRepository::balanceSteps(Instant from)
{
    std::vector<BalanceStep> out;
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("SELECT at, kind, balance_after FROM ledger WHERE at >= :f ORDER BY id"));
    q.bindValue(QStringLiteral(":f"), from);
    if (Status s = execQuery(q, "reading the balance history"); !s)
        return s.error();
    const sql::FinishOnExit finish{q};
    while (q.next()) {
        const QString kind = q.value(1).toString();
        out.push_back({q.value(0).toLongLong(),
                       kind == QLatin1String("charge") || kind == QLatin1String("coupon-use") ||
                           kind == QLatin1String("coupon-lapse"),
                       sql::money(q.value(2))});
    }
    return out;
}

Result<Money> GuardRepository::balanceBefore(Instant from)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("SELECT balance_after FROM ledger WHERE at < :f ORDER BY id DESC LIMIT 1"));
    q.bindValue(QStringLiteral(":f"), from);
    if (Status s = execQuery(q, "reading the balance"); !s)
        return s.error();
    const sql::FinishOnExit finish{q};
    return q.next() ? sql::money(q.value(0)) : Money();
}

} // namespace billing
