#include "analysis/costrepository.h"

#include "storage/costrollup.h"
#include "storage/database.h"
#include "storage/rowreader.h"
#include "storage/sqlhelpers.h"

namespace billing {

namespace {
QString whereOf(CostRepository::Kind kind)
{
    return kind == CostRepository::Kind::ChargesOnTime
               ? QStringLiteral("type IN ('usage', 'purchase', 'renewal', 'refund') AND NOT (type = 'usage' "
                                "AND late = 1)")
               : QStringLiteral("type = 'usage' AND mode = 'pay-per-use'");
}
// The columns a sum selects ('' for those not wanted) and groups by.
void listColumns(const CostRepository::Columns &columns, QStringList &selected, QStringList &grouped)
{
    for (const auto &[wanted, name] :
         {std::pair{columns.api, "api"}, std::pair{columns.region, "region"},
          std::pair{columns.project, "project"}, std::pair{columns.mode, "mode"}}) {
        selected << (wanted ? QLatin1String(name) : QLatin1String("''"));
        if (wanted)
            grouped << QLatin1String(name);
    }
}

// Binds a rollup read's (grain, view, from, to) and runs it.
Status bindAndRun(RowReader &r, int grain, bool amortized, Instant from, Instant to)
{
    const qint64 values[] = {grain, amortized ? 1 : 0, from, to};
    for (int i = 0; i < 4; ++i)
        r.bind(i, values[i]);
    return r.exec();
}

std::vector<CostRepository::Sum> readSums(QSqlQuery &q)
{
    std::vector<CostRepository::Sum> out;
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toString(), q.value(4).toString(), q.value(5).toLongLong(),
                       sql::money(q.value(6))});
    return out;
}
} // namespace

Result<std::vector<CostRepository::Sum>>
CostRepository::sums(Kind kind, Instant from, Instant to, int offsetSeconds, Instant unit, Columns columns)
{
    QStringList selected;
    QStringList grouped{QStringLiteral("bucket")};
    listColumns(columns, selected, grouped);
    const QString where = whereOf(kind);
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT (expenditure_at + ?) / ? AS bucket, %1, "
                             "sum(CASE WHEN type = 'usage' THEN calls ELSE 0 END), sum(charged) FROM record "
                             "WHERE %2 AND expenditure_at >= ? AND expenditure_at < ? GROUP BY %3")
                  .arg(selected.join(QLatin1String(", ")), where, grouped.join(QLatin1String(", "))));
    q.bindValue(0, qint64(offsetSeconds) * kMicrosPerSecond);
    q.bindValue(1, unit);
    q.bindValue(2, from);
    q.bindValue(3, to);
    if (Status s = execQuery(q, "summing costs"); !s)
        return s.error();
    return readSums(q);
}

Status CostRepository::rollupSums(int grain, bool amortized, Instant from, Instant to, Columns columns,
                                  const std::function<void(Sum &)> &each)
{
    // Records the open transaction wrote (a catch-up before the query) are in the rollups read.
    if (Status s = m_db.costRollup().flush(); !s)
        return s;
    const QString cancelled = amortized
                                  ? QStringLiteral(" AND (package_id = 0 OR package_id IN (SELECT id FROM "
                                                   "package WHERE cancelled_at IS NULL))")
                                  : QString();
    if (grain == CostRollup::HourByApi) {
        // Kept per hour and API alone: read as stored (a month is a few thousand rows, about one a group:
        // a GROUP BY cost SQLite more than the reading, performance.md P2y), a package's parts apart. The
        // amortized view's mode is known by the package: pay-per-use lines have none.
        RowReader r(
            m_db,
            QStringLiteral("SELECT bucket, api, package_id, calls, cost FROM cost_rollup WHERE grain = ? "
                           "AND cost_view = ? AND bucket >= ? AND bucket < ?%1")
                .arg(cancelled),
            "summing costs", RowReader::Keep::Prepared);
        if (Status s = bindAndRun(r, grain, amortized, from, to); !s)
            return s;
        const bool mode = amortized && columns.mode;
        Sum s;
        while (r.next()) {
            s.bucket = r.integer(0);
            if (columns.api)
                s.api = r.text(1);
            if (mode)
                s.mode = r.integer(2) ? kModePackage : kModePayPerUse;
            s.calls = r.integer(3);
            s.charged = Money::fromUnits(r.integer(4));
            each(s);
        }
        return r.status();
    }
    QStringList selected;
    QStringList grouped{QStringLiteral("bucket")};
    listColumns(columns, selected, grouped);
    RowReader r(
        m_db,
        QStringLiteral("SELECT bucket, %1, sum(calls), sum(cost) FROM cost_rollup WHERE grain = ? AND "
                       "cost_view = ? AND bucket >= ? AND bucket < ?%2 GROUP BY %3")
            .arg(selected.join(QLatin1String(", ")), cancelled, grouped.join(QLatin1String(", "))),
        "summing costs", RowReader::Keep::Prepared);
    if (Status s = bindAndRun(r, grain, amortized, from, to); !s)
        return s;
    while (r.next()) {
        Sum s{r.integer(0),
              r.text(1),
              r.text(2),
              r.text(3),
              r.text(4),
              r.integer(5),
              Money::fromUnits(r.integer(6))};
        each(s);
    }
    return r.status();
}

Result<std::map<qint64, CostRepository::PackageUse>> CostRepository::packageUses()
{
    if (Status s = m_db.costRollup().flush(); !s)
        return s.error();
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT package_id, used, allocated FROM cost_rollup_package"));
    if (Status s = execQuery(q, "reading package usage"); !s)
        return s.error();
    std::map<qint64, PackageUse> out;
    while (q.next())
        out[q.value(0).toLongLong()] = {q.value(1).toLongLong(), sql::money(q.value(2))};
    return out;
}

Result<Money> CostRepository::total(Kind kind, Instant from, Instant to)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT coalesce(sum(charged), 0) FROM record "
                             "WHERE %1 AND expenditure_at >= ? AND expenditure_at < ?")
                  .arg(whereOf(kind)));
    q.bindValue(0, from);
    q.bindValue(1, to);
    if (Status s = execQuery(q, "summing costs"); !s)
        return s.error();
    q.next();
    return sql::money(q.value(0));
}

Result<std::vector<Record>> CostRepository::lateUsage(Instant expenditureBefore, Instant settledFrom)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT id, at, expenditure_at, bill_month, api, region, project, mode, package_id, calls, "
        "charged FROM record WHERE type = 'usage' AND late = 1 AND expenditure_at < ? AND at >= ? "
        // In `at` order: the planner then walks the partial index record_late (schema step 8) from
        // settledFrom on instead of scanning every record in id order.
        "ORDER BY at, id"));
    q.bindValue(0, expenditureBefore);
    q.bindValue(1, settledFrom);
    if (Status s = execQuery(q, "reading late usage"); !s)
        return s.error();
    std::vector<Record> out;
    while (q.next()) {
        Record r;
        r.type = Record::Type::Usage;
        r.late = true;
        r.id = q.value(0).toLongLong();
        r.at = q.value(1).toLongLong();
        r.expenditureAt = q.value(2).toLongLong();
        r.billMonth = q.value(3).toString();
        r.api = q.value(4).toString();
        r.region = q.value(5).toString();
        r.project = q.value(6).toString();
        r.mode = q.value(7).toString();
        r.packageId = sql::optInt(q.value(8));
        r.calls = q.value(9).toLongLong();
        r.charged = sql::money(q.value(10));
        out.push_back(std::move(r));
    }
    return out;
}

Result<std::vector<CostRepository::Covered>> CostRepository::packageUsage()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT id, package_id, expenditure_at, project, calls FROM record "
                       "WHERE type = 'usage' AND mode = 'package' AND package_id IS NOT NULL ORDER BY id"));
    if (Status s = execQuery(q, "reading package usage"); !s)
        return s.error();
    std::vector<Covered> out;
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                       q.value(3).toString(), q.value(4).toLongLong()});
    return out;
}

Result<std::vector<CostRepository::Volume>> CostRepository::usageVolumes(Instant from, Instant to)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT api, region, sum(calls) FROM record WHERE type = 'usage' AND expenditure_at >= ? "
        "AND expenditure_at < ? GROUP BY api, region ORDER BY api, region"));
    q.bindValue(0, from);
    q.bindValue(1, to);
    if (Status s = execQuery(q, "summing usage"); !s)
        return s.error();
    std::vector<Volume> out;
    while (q.next())
        out.push_back({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()});
    return out;
}

} // namespace billing
