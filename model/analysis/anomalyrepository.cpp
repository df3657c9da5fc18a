#include "analysis/anomalyrepository.h"

#include "storage/database.h"
#include "storage/sqlhelpers.h"

namespace billing {

namespace {
void bindWindow(QSqlQuery &q, Instant from, Instant to, int offsetSeconds)
{
    q.bindValue(0, qint64(offsetSeconds) * kMicrosPerSecond);
    q.bindValue(1, kMicrosPerDay);
    q.bindValue(2, from);
    q.bindValue(3, to);
}

AnomalyRepository::DayKey keyOf(const QSqlQuery &q)
{
    return {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString()};
}
} // namespace

Result<std::vector<AnomalyRepository::Usage>> AnomalyRepository::usage(Instant from, Instant to,
                                                                       int offsetSeconds)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT (expenditure_at + ?) / ? AS bucket, api, region, project, mode, sum(calls), sum(charged) "
        "FROM record WHERE type = 'usage' AND late = 0 AND expenditure_at >= ? AND expenditure_at < ? "
        "GROUP BY bucket, api, region, project, mode"));
    bindWindow(q, from, to, offsetSeconds);
    if (Status s = execQuery(q, "summing daily usage"); !s)
        return s.error();
    std::vector<Usage> out;
    while (q.next())
        out.push_back({keyOf(q), q.value(4).toString(), q.value(5).toLongLong(), sql::money(q.value(6))});
    return out;
}

Result<std::vector<AnomalyRepository::TierCalls>> AnomalyRepository::tiers(Instant from, Instant to,
                                                                           int offsetSeconds)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT (r.expenditure_at + ?) / ? AS bucket, r.api, r.region, r.project, t.tier, t.price_per_1000, "
        "sum(t.calls) FROM record r JOIN record_tier t ON t.record_id = r.id "
        "WHERE r.type = 'usage' AND r.mode = 'pay-per-use' AND r.late = 0 AND r.expenditure_at >= ? "
        "AND r.expenditure_at < ? GROUP BY bucket, r.api, r.region, r.project, t.tier, t.price_per_1000"));
    bindWindow(q, from, to, offsetSeconds);
    if (Status s = execQuery(q, "summing daily tiers"); !s)
        return s.error();
    std::vector<TierCalls> out;
    while (q.next())
        out.push_back({keyOf(q), q.value(4).toInt(), sql::money(q.value(5)), q.value(6).toLongLong()});
    return out;
}

Result<std::vector<AnomalyRepository::NonBillable>> AnomalyRepository::nonBillable(Instant from, Instant to,
                                                                                   int offsetSeconds)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT (hour + ?) / ? AS bucket, api, region, project, sum(calls) FROM usage_hour "
                       "WHERE outcome <> 'billable' AND hour >= ? AND hour < ? "
                       "GROUP BY bucket, api, region, project"));
    bindWindow(q, from, to, offsetSeconds);
    if (Status s = execQuery(q, "summing daily failed calls"); !s)
        return s.error();
    std::vector<NonBillable> out;
    while (q.next())
        out.push_back({keyOf(q), q.value(4).toLongLong()});
    return out;
}

} // namespace billing
