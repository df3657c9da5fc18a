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

const QString kSelect =
    QStringLiteral("SELECT id, name, amount, actual_thresholds, forecast_thresholds FROM budget");
} // namespace

Result<std::vector<Budget>> BudgetRepository::all()
{
    QSqlQuery &q = m_db.prepared(kSelect + QStringLiteral(" ORDER BY name"));
    if (Status s = execQuery(q, "reading budgets"); !s)
        return s.error();
    const sql::FinishOnExit finish{q};
    std::vector<Budget> out;
    while (q.next())
        out.push_back(fromQuery(q));
    return out;
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
    return std::optional<Budget>(fromQuery(q));
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
    return execInsert(q, "storing a budget");
}

Status BudgetRepository::remove(qint64 id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("DELETE FROM budget WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    return execQuery(q, "removing a budget");
}

Result<bool> BudgetRepository::fired(qint64 budgetId, const QString &month, int threshold,
                                     BudgetAlertKind kind)
{
    QSqlQuery &q =
        m_db.prepared(QStringLiteral("SELECT 1 FROM budget_alert WHERE budget_id = :b AND month = :m "
                                     "AND threshold = :t AND kind = :k"));
    q.bindValue(QStringLiteral(":b"), budgetId);
    q.bindValue(QStringLiteral(":m"), month);
    q.bindValue(QStringLiteral(":t"), threshold);
    q.bindValue(QStringLiteral(":k"), budgetAlertKindId(kind));
    if (Status s = execQuery(q, "reading budget alerts"); !s)
        return s.error();
    const sql::FinishOnExit finish{q};
    return q.next();
}

Status BudgetRepository::record(qint64 budgetId, const QString &month, int threshold, BudgetAlertKind kind,
                                Instant at)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO budget_alert (budget_id, month, threshold, kind, fired_at) "
                             "VALUES (:b, :m, :t, :k, :at)"));
    q.bindValue(QStringLiteral(":b"), budgetId);
    q.bindValue(QStringLiteral(":m"), month);
    q.bindValue(QStringLiteral(":t"), threshold);
    q.bindValue(QStringLiteral(":k"), budgetAlertKindId(kind));
    q.bindValue(QStringLiteral(":at"), at);
    return execQuery(q, "recording a budget alert");
}

} // namespace billing
