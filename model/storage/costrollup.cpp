#include "storage/costrollup.h"

#include "storage/database.h"
#include "storage/rollupwriter.h"
#include "storage/sqlhelpers.h"
#include "storage/tr.h"
#include "time/billingcalendar.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>

namespace billing {

Money packagePart(Money price, qint64 quota, qint64 usedBefore, qint64 calls)
{
    if (quota <= 0)
        return Money();
    const Int128 priceCents = price.truncatedToCents().units() / Money::CentUnits;
    const qint64 usedAfter = usedBefore + calls;
    const qint64 before = qint64(priceCents * std::min(usedBefore, quota) / quota);
    const qint64 after = qint64(priceCents * std::min(usedAfter, quota) / quota);
    Money part = Money::fromCents(after - before);
    if (usedBefore < quota && usedAfter >= quota)
        part += price.centRemainder();
    return part;
}

namespace {
// The cash instant of a late usage line (analysis/costanalysis.h): its own hour, unless its charge went
// into a later bill month; then the hour of the settlement that billed it (within its bill month).
Instant lateCashInstant(const BillingCalendar &cal, const Record &r)
{
    if (cal.monthKey(r.expenditureAt) == r.billMonth)
        return r.expenditureAt;
    Instant settling = cal.hourStart(r.at - 1);
    if (cal.monthKey(settling) != r.billMonth)
        if (auto m = cal.parseMonth(r.billMonth))
            settling = *m;
    return settling;
}

bool isCharge(Record::Type t)
{
    return t == Record::Type::Usage || t == Record::Type::Purchase || t == Record::Type::Renewal ||
           t == Record::Type::Refund;
}

struct PackageTerms
{
    QString api;
    QString region;
    Money price;
    qint64 quota = 0;
};

Result<std::map<qint64, PackageTerms>> packageTerms(Database &db)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, api, region, price, quota FROM package"));
    if (Status s = execQuery(q, "reading packages for the cost rollups"); !s)
        return s.error();
    std::map<qint64, PackageTerms> out;
    while (q.next())
        out[q.value(0).toLongLong()] = {q.value(1).toString(), q.value(2).toString(), sql::money(q.value(3)),
                                        q.value(4).toLongLong()};
    return out;
}

Result<CostRollup::PackageUse> storedUse(Database &db, qint64 packageId)
{
    QSqlQuery &q =
        db.prepared(QStringLiteral("SELECT used, allocated FROM cost_rollup_package WHERE package_id = ?"));
    sql::FinishOnExit done{q};
    q.bindValue(0, packageId);
    if (Status s = execQuery(q, "reading the cost rollups"); !s)
        return s.error();
    CostRollup::PackageUse u;
    if (q.next()) {
        u.used = q.value(0).toLongLong();
        u.allocated = q.value(1).toLongLong();
    }
    return u;
}

// One copy of each key text: a year of records repeats a few dozen APIs, regions, projects and modes, and
// the maps verify and the migration build hold millions of keys.
struct TextPool
{
    QSet<QString> texts;
    QString operator()(const QVariant &v)
    {
        const QString s = v.toString();
        auto it = texts.constFind(s);
        return it != texts.constEnd() ? *it : *texts.insert(s);
    }
};
} // namespace

void CostRollup::reset()
{
    m_sums.clear();
    m_packageLines.clear();
    m_packages.clear();
}

Status CostRollup::ensureOffset()
{
    if (m_offsetKnown)
        return {};
    // Not execQuery: the account is no bulk-written table, and the rows of the records kept for
    // PostgreSQL's COPY stay with the commit that checks their ids.
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT utc_offset_s FROM account")) || !q.next())
        return Error::internal(StorageTr::tr("a transaction record was written before the account"));
    m_offset = q.value(0).toInt();
    m_offsetKnown = true; // fixed when the account is created
    return {};
}

void CostRollup::addPiece(int view, Instant at, qint32 api, qint32 region, qint32 project, qint32 mode,
                          qint64 packageId, qint64 calls, Int128 cost)
{
    const BillingCalendar cal(m_offset);
    const Instant buckets[] = {cal.hourStart(at), cal.dayStart(at), cal.monthStart(at)};
    // No full hour grain: it would be nearly a row per record again, written twice (both views), and
    // cost an import more than it saves a month's hour query, which reads the month's records instead.
    for (int grain : {Day, Month}) {
        rollup::SumRow &s = m_sums[{buckets[grain], packageId, api, region, project, mode, grain, view}];
        s.calls += calls;
        s.cost += cost;
    }
    // Per hour and API alone (region, project and mode left empty): a month of hours by API or category
    // reads a tenth of the rows of the full hour grain.
    rollup::SumRow &s = m_sums[{buckets[Hour], packageId, api, 0, 0, 0, HourByApi, view}];
    s.calls += calls;
    s.cost += cost;
}

Status CostRollup::add(const Record &r)
{
    if (!isCharge(r.type))
        return {};
    if (Status s = ensureOffset(); !s)
        return s;
    const bool usage = r.type == Record::Type::Usage;
    const Instant cashAt = usage && r.late ? lateCashInstant(BillingCalendar(m_offset), r) : r.expenditureAt;
    const qint32 api = m_names.id(r.api), region = m_names.id(r.region), project = m_names.id(r.project);
    const qint32 mode = m_names.id(r.mode);
    addPiece(Cash, cashAt, api, region, project, mode, 0, usage ? r.calls : 0, r.charged.units());
    if (usage && r.mode == kModePayPerUse)
        addPiece(Amortized, r.expenditureAt, api, region, project, mode, 0, r.calls, r.charged.units());
    else if (usage && r.mode == kModePackage && r.packageId)
        m_packageLines.push_back({*r.packageId, r.expenditureAt, project, r.calls});
    return {};
}

Status CostRollup::spreadLines(std::map<qint64, PackageUse> &uses, bool load)
{
    if (m_packageLines.empty())
        return {};
    auto terms = packageTerms(m_db);
    if (!terms)
        return terms.error();
    const qint32 packageMode = m_names.id(kModePackage);
    for (const PackageLine &l : m_packageLines) {
        auto t = terms->find(l.packageId);
        if (t == terms->end())
            continue; // a line of no package costs nothing in the amortized view (as when read from records)
        auto u = uses.find(l.packageId);
        if (u == uses.end()) {
            PackageUse stored;
            if (load) {
                auto s = storedUse(m_db, l.packageId);
                if (!s)
                    return s.error();
                stored = *s;
            }
            u = uses.emplace(l.packageId, stored).first;
        }
        const Money part = packagePart(t->second.price, t->second.quota, u->second.used, l.calls);
        u->second.used += l.calls;
        u->second.allocated += part.units();
        addPiece(Amortized, l.at, m_names.id(t->second.api), m_names.id(t->second.region), l.project,
                 packageMode, l.packageId, l.calls, part.units());
    }
    m_packageLines.clear();
    return {};
}

Status CostRollup::flush()
{
    if (m_sums.empty() && m_packageLines.empty())
        return {};
    m_packages.clear();
    if (Status s = spreadLines(m_packages, true); !s)
        return s;
    if (Status r = rollup::write(m_db, m_sums, m_names); !r)
        return r;
    if (Status r = writePackages(m_packages); !r)
        return r;
    reset();
    return {};
}

Status CostRollup::writePackages(const std::map<qint64, PackageUse> &packages)
{
    QSqlQuery &pk = m_db.prepared(
        QStringLiteral("INSERT INTO cost_rollup_package (package_id, used, allocated) VALUES (?, ?, ?) "
                       "ON CONFLICT (package_id) DO UPDATE SET used = excluded.used, "
                       "allocated = excluded.allocated"));
    for (const auto &[id, u] : packages) {
        if (Status r = rollup::checkRange(u.allocated); !r)
            return r;
        pk.bindValue(0, id);
        pk.bindValue(1, u.used);
        pk.bindValue(2, qint64(u.allocated));
        if (Status r = execQuery(pk, "writing the cost rollups"); !r)
            return r;
    }
    return {};
}

Status CostRollup::addRecords()
{
    // The time zone first: on PostgreSQL a query run while the records stream in would end their stream.
    if (Status s = ensureOffset(); !s)
        return {}; // no account yet: no records either
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT type, at, expenditure_at, bill_month, api, region, project, mode, "
                             "package_id, calls, charged, late FROM record WHERE type IN ('usage', "
                             "'purchase', 'renewal', 'refund') ORDER BY id"));
    if (Status s = execQuery(q, "reading the records for the cost rollups"); !s)
        return s;
    Record rec;
    TextPool text;
    while (q.next()) {
        rec.type = recordTypeFromId(q.value(0).toString()).value_or(Record::Type::TopUp);
        rec.at = q.value(1).toLongLong();
        rec.expenditureAt = q.value(2).toLongLong();
        rec.billMonth = text(q.value(3));
        rec.api = text(q.value(4));
        rec.region = text(q.value(5));
        rec.project = text(q.value(6));
        rec.mode = text(q.value(7));
        rec.packageId = sql::optInt(q.value(8));
        rec.calls = q.value(9).toLongLong();
        rec.charged = sql::money(q.value(10));
        rec.late = q.value(11).toLongLong() != 0;
        if (Status s = add(rec); !s)
            return s;
    }
    return {};
}

std::map<CostRollup::Key, CostRollup::Sum> CostRollup::rows() const
{
    std::map<Key, Sum> out;
    m_sums.forEach([&](const rollup::SumRow &r) {
        const rollup::SumKey &k = r.key;
        out[Key{k.grain, k.view, k.bucket, m_names.text(k.api), m_names.text(k.region),
                m_names.text(k.project), m_names.text(k.mode), k.packageId}] = Sum{r.calls, r.cost};
    });
    return out;
}

Result<CostRollup::Contents> CostRollup::fromRecords(Database &db)
{
    CostRollup r(db);
    Contents out;
    if (Status s = r.addRecords(); !s)
        return s.error();
    if (Status s = r.spreadLines(out.packages, false); !s)
        return s.error();
    out.rows = r.rows();
    return out;
}

Result<CostRollup::Contents> CostRollup::stored(Database &db)
{
    Contents out;
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT grain, cost_view, bucket, api, region, project, mode, package_id, calls, "
                       "cost FROM cost_rollup"));
    if (Status s = execQuery(q, "reading the cost rollups"); !s)
        return s.error();
    TextPool text;
    while (q.next())
        out.rows[Key{q.value(0).toInt(), q.value(1).toInt(), q.value(2).toLongLong(), text(q.value(3)),
                     text(q.value(4)), text(q.value(5)), text(q.value(6)), q.value(7).toLongLong()}] =
            Sum{q.value(8).toLongLong(), q.value(9).toLongLong()};
    q.prepare(QStringLiteral("SELECT package_id, used, allocated FROM cost_rollup_package"));
    if (Status s = execQuery(q, "reading the cost rollups"); !s)
        return s.error();
    while (q.next())
        out.packages[q.value(0).toLongLong()] = PackageUse{q.value(1).toLongLong(), q.value(2).toLongLong()};
    return out;
}

Status CostRollup::rebuild()
{
    for (const char *table : {"cost_rollup", "cost_rollup_package"})
        if (Status s =
                execStatement(m_db.connection(), QStringLiteral("DELETE FROM ") + QLatin1String(table));
            !s)
            return s;
    reset();
    if (Status s = addRecords(); !s)
        return s;
    // The packages' totals are the whole of their lines (none stored any more).
    std::map<qint64, PackageUse> packages;
    if (Status s = spreadLines(packages, false); !s)
        return s;
    if (Status s = rollup::write(m_db, m_sums, m_names); !s)
        return s;
    if (Status s = writePackages(packages); !s)
        return s;
    reset();
    return {};
}

} // namespace billing
