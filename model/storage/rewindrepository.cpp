#include "storage/rewindrepository.h"

#include "storage/costrollup.h"
#include "storage/database.h"
#include "storage/sqlhelpers.h"
#include "storage/tr.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <map>
#include <tuple>

namespace billing {

namespace {

Status run(QSqlDatabase &db, const QString &sql, Instant t, const char *what)
{
    QSqlQuery q(db);
    q.prepare(sql);
    if (sql.contains(QLatin1String(":t")))
        q.bindValue(QStringLiteral(":t"), t);
    return execQuery(q, what);
}
} // namespace

Result<std::optional<RewindRepository::Unreplayable>> RewindRepository::unreplayable(Instant after,
                                                                                     Instant until)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT what, at FROM ("
        "SELECT action AS what, at, 0 AS o, id FROM audit_log WHERE at > :a AND at <= :u AND action IN "
        "('renew', 'unsubscribe', 'grant-coupon', 'guard-remove', 'stop-billing') AND actor <> 'system' "
        "UNION ALL SELECT 'late-usage', at, 1, id FROM record WHERE late <> 0 AND at > :a AND at <= :u "
        "UNION ALL SELECT kind, at, 2, id FROM notification WHERE kind = 'released' AND at > :a AND at <= :u"
        ") ORDER BY at, o, id LIMIT 1"));
    q.bindValue(QStringLiteral(":a"), after);
    q.bindValue(QStringLiteral(":u"), until);
    if (Status s = execQuery(q, "reading the changes to replay"); !s)
        return s.error();
    if (!q.next())
        return std::optional<Unreplayable>();
    return std::optional<Unreplayable>(Unreplayable{q.value(0).toString(), q.value(1).toLongLong()});
}

Result<RewindRepository::Figures> RewindRepository::figures(Instant after, Instant until)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT coalesce(sum(CASE WHEN type = 'usage' THEN calls ELSE 0 END), 0), "
                             "coalesce(sum(charged), 0), coalesce(sum(arrears), 0) FROM record "
                             "WHERE at > :a AND at <= :u"));
    q.bindValue(QStringLiteral(":a"), after);
    q.bindValue(QStringLiteral(":u"), until);
    if (Status s = execQuery(q, "reading what was billed"); !s)
        return s.error();
    Figures f;
    if (q.next()) {
        f.calls = q.value(0).toLongLong();
        f.charged = sql::money(q.value(1));
        f.arrears = sql::money(q.value(2));
    }
    return f;
}

Result<std::vector<RewindRepository::HourCalls>> RewindRepository::calls(Instant fromHour, Instant toHour)
{
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("SELECT hour, api, region, project, status, sum(calls) FROM usage_hour "
                       "WHERE late = 0 AND hour >= :f AND hour < :t "
                       "GROUP BY hour, api, region, project, status ORDER BY hour, api, region, project, "
                       "status"));
    q.bindValue(QStringLiteral(":f"), fromHour);
    q.bindValue(QStringLiteral(":t"), toHour);
    if (Status s = execQuery(q, "reading the calls to replay"); !s)
        return s.error();
    std::vector<HourCalls> out;
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toString(), q.value(4).toInt(), q.value(5).toLongLong()});
    return out;
}

Result<std::vector<RewindRepository::Command>> RewindRepository::commands(Instant after, Instant until)
{
    QSqlQuery q(m_db.connection());
    // A person's enables and disables (a guard's are the replay's own doing) and the top-ups.
    q.prepare(QStringLiteral(
        "SELECT at, kind, subject, amount FROM ("
        "SELECT at, action AS kind, subject, 0 AS amount, id, 0 AS o FROM audit_log WHERE at > :a AND "
        "at <= :u AND ((action IN ('enable', 'disable') AND actor NOT LIKE 'guard:%') OR (action = 'buy' AND "
        "actor <> 'system')) "
        "UNION ALL SELECT at, 'topup', '', cash_delta, id, 1 FROM ledger WHERE kind = 'topup' AND at > :a "
        "AND at <= :u) ORDER BY at, o, id"));
    q.bindValue(QStringLiteral(":a"), after);
    q.bindValue(QStringLiteral(":u"), until);
    if (Status s = execQuery(q, "reading the commands to replay"); !s)
        return s.error();
    std::vector<Command> out;
    while (q.next()) {
        Command c;
        c.at = q.value(0).toLongLong();
        const QString kind = q.value(1).toString();
        const QString subject = q.value(2).toString();
        c.amount = sql::money(q.value(3));
        if (kind == QLatin1String("topup")) {
            c.kind = Command::Kind::TopUp;
        } else if (kind == QLatin1String("buy")) {
            // "package 12, 13": the packages of one purchase, alike but for their ids.
            c.kind = Command::Kind::Buy;
            const QStringList ids = subject.mid(subject.indexOf(u' ') + 1).split(QStringLiteral(", "));
            c.quantity = int(ids.size());
            QSqlQuery p(m_db.connection());
            p.prepare(
                QStringLiteral("SELECT api, region, sku, effective_at, auto_renew, renew_days FROM package "
                               "WHERE id = :id"));
            p.bindValue(QStringLiteral(":id"), ids.front().toLongLong());
            if (Status s = execQuery(p, "reading a purchase to replay"); !s)
                return s.error();
            if (!p.next())
                continue; // not in the account any more: nothing to make again
            c.api = p.value(0).toString();
            c.region = p.value(1).toString();
            c.sku = p.value(2).toString();
            c.effective = p.value(3).toLongLong();
            c.autoRenew = p.value(4).toBool();
            c.renewDays = p.value(5).toInt();
        } else {
            c.kind = kind == QLatin1String("enable") ? Command::Kind::Enable : Command::Kind::Disable;
            c.api = subject.section(u'/', 0, 0);
            c.region = subject.section(u'/', 1);
        }
        out.push_back(c);
    }
    return out;
}

Status RewindRepository::rewind(Instant t, const std::function<QString(Instant)> &monthKey)
{
    if (m_db.isPostgres())
        return Error::internal(StorageTr::tr("a scratch copy is a SQLite database"));
    QSqlDatabase &db = m_db.connection();
    // The tier counters: the pay-per-use calls of the lines settled after t, by the month of their hour.
    std::map<std::tuple<QString, QString, QString>, qint64> counted;
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT expenditure_at, api, region, calls FROM record WHERE at > :t AND "
                                 "type = 'usage' AND package_id IS NULL"));
        q.bindValue(QStringLiteral(":t"), t);
        if (Status s = execQuery(q, "reading the lines to undo"); !s)
            return s;
        while (q.next())
            counted[{monthKey(q.value(0).toLongLong()), q.value(1).toString(), q.value(2).toString()}] +=
                q.value(3).toLongLong();
    }
    if (Status s = execStatement(db, QStringLiteral("BEGIN IMMEDIATE")); !s)
        return s;
    Status result;
    for (const auto &[key, calls] : counted) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "UPDATE tier_counter SET calls = calls - :c WHERE month = :m AND api = :a AND region = :r"));
        q.bindValue(QStringLiteral(":c"), calls);
        q.bindValue(QStringLiteral(":m"), std::get<0>(key));
        q.bindValue(QStringLiteral(":a"), std::get<1>(key));
        q.bindValue(QStringLiteral(":r"), std::get<2>(key));
        if (result = execQuery(q, "undoing a tier counter"); !result)
            break;
    }
    // In this order: what reads the rows to undo before they go.
    const char *const steps[] = {
        // Package quota and coupon remainders as they were at t; renewals made after t (the replay's
        // catch-up makes its own); expiries after t are noted again.
        "UPDATE package SET remaining = remaining + (SELECT coalesce(sum(calls), 0) FROM record WHERE "
        "record.package_id = package.id AND record.type = 'usage' AND record.at > :t)",
        "UPDATE coupon SET remaining = remaining - (SELECT coalesce(sum(coupon_delta), 0) FROM ledger WHERE "
        "ledger.coupon_id = coupon.id AND ledger.at > :t)",
        "UPDATE coupon SET lapsed = 0 WHERE expires_at > :t",
        "UPDATE package SET expiry_noted = 0 WHERE end_at > :t",
        // The balance after the last ledger entry by t; the state after the last state change by t.
        "UPDATE account SET processed_until = :t, balance = coalesce((SELECT balance_after FROM ledger WHERE "
        "at <= :t ORDER BY id DESC LIMIT 1), 0), state = coalesce((SELECT state FROM state_event WHERE at <= "
        ":t ORDER BY at DESC, id DESC LIMIT 1), 'normal'), state_until = (SELECT until_at FROM state_event "
        "WHERE at <= :t ORDER BY at DESC, id DESC LIMIT 1), released = CASE WHEN EXISTS (SELECT 1 FROM "
        "notification WHERE kind = 'released' AND at <= :t) AND coalesce((SELECT state FROM state_event "
        "WHERE "
        "at <= :t ORDER BY at DESC, id DESC LIMIT 1), 'normal') = 'frozen' THEN 1 ELSE 0 END",
        // Services as the last change by t left them.
        "UPDATE service SET enabled = coalesce((SELECT e.enabled FROM service_event e WHERE e.api = "
        "service.api AND e.region = service.region AND e.at <= :t ORDER BY e.at DESC, e.id DESC LIMIT 1), "
        "0), "
        "changed_at = coalesce((SELECT e.at FROM service_event e WHERE e.api = service.api AND e.region = "
        "service.region AND e.at <= :t ORDER BY e.at DESC, e.id DESC LIMIT 1), (SELECT created_at FROM "
        "account)) WHERE changed_at > :t",
        // Guards that fired after t: as their last firing by t left them.
        "UPDATE guard SET state = CASE WHEN (SELECT max(n.at) FROM notification n WHERE n.kind = "
        "'guard-fired' AND n.at <= :t AND json_extract(n.args, '$.guard') = guard.name) IS NULL THEN 'armed' "
        "ELSE 'fired' END, fired_at = (SELECT max(n.at) FROM notification n WHERE n.kind = 'guard-fired' AND "
        "n.at <= :t AND json_extract(n.args, '$.guard') = guard.name) WHERE fired_at > :t",
        "DELETE FROM record_tier WHERE record_id IN (SELECT id FROM record WHERE at > :t)",
        "DELETE FROM ledger WHERE at > :t",
        "DELETE FROM ledger WHERE record_id IN (SELECT id FROM record WHERE at > :t)",
        "DELETE FROM record WHERE at > :t",
        "DELETE FROM package WHERE purchased_at > :t",
        "DELETE FROM service_event WHERE at > :t",
        "DELETE FROM state_event WHERE at > :t",
        "DELETE FROM usage_hour WHERE hour >= :t",
        "DELETE FROM notification WHERE at > :t",
        "DELETE FROM budget_alert WHERE fired_at > :t",
        "DELETE FROM closed_month WHERE closed_at > :t",
        // Seals over rows that are gone (the verifier's business only; the copy is never verified).
        "DELETE FROM row_seal WHERE id > 0 AND (record_to > (SELECT coalesce(max(id), 0) FROM record) OR "
        "ledger_to > (SELECT coalesce(max(id), 0) FROM ledger))",
    };
    for (const char *step : steps) {
        if (!result)
            break;
        result = run(db, QString::fromLatin1(step), t, "taking the scratch copy back");
    }
    // The rollups sum the records just removed: built again from those that are left.
    if (result)
        result = m_db.costRollup().rebuild();
    if (result)
        result = execStatement(db, QStringLiteral("COMMIT"));
    else [[maybe_unused]]
        const Status undone = execStatement(db, QStringLiteral("ROLLBACK"));
    return result;
}

} // namespace billing
