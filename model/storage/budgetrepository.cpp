#include "storage/budgetrepository.h"
#include "storage/tr.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <algorithm>

namespace billing {

namespace {

Budget fromQuery(const QSqlQuery &q)
{
    Budget b;
    b.id = q.value(0).toLongLong();
    b.name = q.value(1).toString();
    b.amount = sql::money(q.value(2));
    auto actual = parseThresholds(q.value(3).toString());
    auto forecast = parseThresholds(q.value(4).toString());
    b.actualThresholds = actual ? *actual : QList<int>();
    b.forecastThresholds = forecast ? *forecast : QList<int>();
    return b;
}

Status removeScope(Database &db, qint64 budgetId)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("DELETE FROM budget_scope WHERE budget_id = :b"));
    q.bindValue(QStringLiteral(":b"), budgetId);
    return execQuery(q, "removing a budget's scope");
}

// The whole account's scope key is the empty text, which Qt binds as NULL: the statements COALESCE it.
void bindAlertKey(QSqlQuery &q, const BudgetRepository::AlertKey &key)
{
    q.bindValue(QStringLiteral(":b"), key.budgetId);
    q.bindValue(QStringLiteral(":s"), key.scope);
    q.bindValue(QStringLiteral(":m"), key.month);
    q.bindValue(QStringLiteral(":t"), key.threshold);
    q.bindValue(QStringLiteral(":k"), budgetAlertKindId(key.kind));
}

const QString kSelect =
    QStringLiteral("SELECT id, name, amount, actual_thresholds, forecast_thresholds FROM budget");
} // namespace

Result<std::vector<Budget>> BudgetRepository::all()
{
    std::vector<Budget> out;
    {
        QSqlQuery &q = m_db.prepared(kSelect + QStringLiteral(" ORDER BY name"));
        if (Status s = execQuery(q, "reading budgets"); !s)
            return s.error();
        const sql::FinishOnExit finish{q};
        while (q.next())
            out.push_back(fromQuery(q));
    }
    if (Status s = readScopes(out); !s)
        return s.error();
    return out;
}

Status BudgetRepository::readScopes(std::vector<Budget> &budgets)
{
    if (budgets.empty())
        return {};
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT budget_id, dimension, value FROM budget_scope "
                                                "ORDER BY budget_id, dimension, value"));
    if (Status s = execQuery(q, "reading budget scopes"); !s)
        return s;
    const sql::FinishOnExit finish{q};
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        for (Budget &b : budgets)
            if (b.id == id)
                scopeValues(b.scope, q.value(1).toString()) << q.value(2).toString();
    }
    return {};
}

Result<std::optional<Budget>> BudgetRepository::byName(const QString &name)
{
    QSqlQuery q(m_db.connection());
    q.prepare(kSelect + QStringLiteral(" WHERE name = :n"));
    q.bindValue(QStringLiteral(":n"), name);
    if (Status s = execQuery(q, "reading a budget"); !s)
        return s.error();
    if (!q.next())
        return std::optional<Budget>();
    std::vector<Budget> one{fromQuery(q)};
    q.finish();
    if (Status s = readScopes(one); !s)
        return s.error();
    return std::optional<Budget>(std::move(one.front()));
}

Result<qint64> BudgetRepository::put(const Budget &b)
{
    if (Status s = validateBudget(b); !s)
        return s.error();
    auto existing = byName(b.name);
    if (!existing)
        return existing.error();
    if (*existing && (*existing)->id != b.id)
        return Error::refused(StorageTr::tr("a budget named \"%1\" exists already").arg(b.name));
    QSqlQuery q(m_db.connection());
    if (b.id == 0)
        q.prepare(QStringLiteral("INSERT INTO budget (name, amount, actual_thresholds, forecast_thresholds) "
                                 "VALUES (:n, :a, COALESCE(:at, ''), COALESCE(:ft, '')) RETURNING id"));
    else
        q.prepare(QStringLiteral(
            "INSERT INTO budget (id, name, amount, actual_thresholds, forecast_thresholds) "
            "VALUES (:id, :n, :a, COALESCE(:at, ''), COALESCE(:ft, '')) ON CONFLICT (id) DO UPDATE SET "
            "name = excluded.name, amount = excluded.amount, actual_thresholds = excluded.actual_thresholds, "
            "forecast_thresholds = excluded.forecast_thresholds RETURNING id"));
    if (b.id != 0)
        q.bindValue(QStringLiteral(":id"), b.id);
    q.bindValue(QStringLiteral(":n"), b.name);
    q.bindValue(QStringLiteral(":a"), b.amount.units());
    q.bindValue(QStringLiteral(":at"), formatThresholds(b.actualThresholds));
    q.bindValue(QStringLiteral(":ft"), formatThresholds(b.forecastThresholds));
    auto id = execInsert(q, "storing a budget");
    if (!id)
        return id;
    if (Status s = removeScope(m_db, *id); !s)
        return s.error();
    const BudgetScope scope = b.scope.normalized();
    for (const QString &d : budgetScopeDimensions())
        for (const QString &v : scopeValues(scope, d)) {
            QSqlQuery ins(m_db.connection());
            ins.prepare(
                QStringLiteral("INSERT INTO budget_scope (budget_id, dimension, value) VALUES (:b, :d, :v)"));
            ins.bindValue(QStringLiteral(":b"), *id);
            ins.bindValue(QStringLiteral(":d"), d);
            ins.bindValue(QStringLiteral(":v"), v);
            if (Status s = execQuery(ins, "storing a budget's scope"); !s)
                return s.error();
        }
    return id;
}

Status BudgetRepository::remove(qint64 id)
{
    if (Status s = removeScope(m_db, id); !s)
        return s;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM budget WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    return execQuery(q, "removing a budget");
}

Result<bool> BudgetRepository::fired(const AlertKey &key)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "SELECT 1 FROM budget_alert WHERE budget_id = :b AND scope = COALESCE(:s, '') AND month = :m "
        "AND threshold = :t AND kind = :k"));
    bindAlertKey(q, key);
    if (Status s = execQuery(q, "reading budget alerts"); !s)
        return s.error();
    const sql::FinishOnExit finish{q};
    return q.next();
}

Status BudgetRepository::record(const AlertKey &key, Instant at)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO budget_alert (budget_id, scope, month, threshold, kind, fired_at) "
                             "VALUES (:b, COALESCE(:s, ''), :m, :t, :k, :at)"));
    bindAlertKey(q, key);
    q.bindValue(QStringLiteral(":at"), at);
    return execQuery(q, "recording a budget alert");
}

} // namespace billing
