#include "storage/recordrepository.h"

#include "storage/costrollup.h"
#include "storage/database.h"
#include "storage/rowreader.h"
#include "storage/rowwriter.h"
#include "storage/sqlhelpers.h"
#include "storage/tr.h"

#include <QCoreApplication>
#include <QStringList>

namespace billing {

namespace {
const QString kColumns =
    QStringLiteral("id, type, at, expenditure_at, bill_month, api, region, project, mode, package_id, "
                   "coupon_id, calls, fee, "
                   "charged, rounded_off, paid_coupon, paid_cash, arrears, late, fee_remainder");

// calls, then the amounts in kAmountColumns' order (the order of every SELECT here), from column `first`;
// `integer(i)` is column i's value.
template <typename Integer> void readAmounts(const Integer &integer, int first, Amounts &a)
{
    a.calls = integer(first);
    for (const AmountColumn &c : kAmountColumns)
        a.*c.member = Money::fromUnits(integer(++first));
}
void readAmounts(const QSqlQuery &q, int first, Amounts &a)
{
    readAmounts([&q](int i) { return q.value(i).toLongLong(); }, first, a);
}

// A record of kColumns, read without a QVariant per column on SQLite (the first page of transactions,
// performance.md P2c).
Record fromRow(RowReader &q)
{
    Record r;
    r.id = q.integer(0);
    r.type = recordTypeFromId(q.text(1)).value_or(Record::Type::Usage);
    r.at = q.integer(2);
    r.expenditureAt = q.integer(3);
    r.billMonth = q.text(4);
    r.api = q.text(5);
    r.region = q.text(6);
    r.project = q.text(7);
    r.mode = q.text(8);
    for (auto [column, id] : {std::pair{9, &r.packageId}, std::pair{10, &r.couponId}})
        *id = q.isNull(column) ? std::nullopt : std::optional<qint64>(q.integer(column));
    readAmounts([&q](int i) { return q.integer(i); }, 11, r);
    r.late = q.integer(18) != 0;
    r.feeRemainder = q.integer(19);
    return r;
}
} // namespace

Status RecordRepository::insert(Record &r)
{
    RowWriter w(m_db,
                QStringLiteral(
                    "INSERT INTO record (type, at, expenditure_at, bill_month, api, region, project, mode, "
                    "package_id, coupon_id, "
                    "calls, fee, charged, rounded_off, paid_coupon, paid_cash, arrears, late, fee_remainder) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                RowWriter::Returning::Id, &m_db.rowSeal().records);
    w.bind(0, recordTypeId(r.type)).bind(1, r.at).bind(2, r.expenditureAt).bind(3, r.billMonth);
    w.bindText(4, r.api).bindText(5, r.region).bindText(6, r.project).bindText(7, r.mode);
    w.bind(8, r.packageId)
        .bind(9, r.couponId)
        .bind(10, r.calls)
        .bind(11, r.fee.units())
        .bind(12, r.charged.units());
    w.bind(13, r.roundedOff.units()).bind(14, r.paidCoupon.units()).bind(15, r.paidCash.units());
    w.bind(16, r.arrears.units()).bind(17, r.late).bind(18, r.feeRemainder);
    if (Status s = w.exec("writing a transaction record"); !s)
        return s;
    r.id = w.lastInsertId();
    return m_db.costRollup().add(r);
}

Status RecordRepository::insertTiers(qint64 recordId, const std::vector<TierUse> &tiers)
{
    RowWriter w(
        m_db,
        QStringLiteral("INSERT INTO record_tier (record_id, tier, first_position, calls, price_per_1000, "
                       "last_position) VALUES (?, ?, ?, ?, ?, ?)"),
        RowWriter::Returning::Nothing, &m_db.rowSeal().tiers);
    for (const TierUse &t : tiers) {
        w.bind(0, recordId)
            .bind(1, t.tier)
            .bind(2, t.firstPosition)
            .bind(3, t.calls)
            .bind(4, t.pricePer1000.units());
        w.bind(5, t.lastPosition);
        if (Status s = w.exec("writing a tier breakdown"); !s)
            return s;
    }
    return {};
}

namespace {
// The first instant of a record's bill month ('YYYY-MM', billing time zone) in plain integer SQL, the
// same on both engines (no date functions, storage/dialect.h): the days from 1970-01-01 of the month's
// first day by the civil-calendar formula (March-based years, so February comes last), for years from 1.
QString billMonthStart(int utcOffsetSeconds)
{
    const QString month = QStringLiteral("CAST(substr(bill_month, 6, 2) AS INTEGER)");
    const QString year = QStringLiteral("(CAST(substr(bill_month, 1, 4) AS INTEGER) - CASE WHEN %1 <= 2 "
                                        "THEN 1 ELSE 0 END)")
                             .arg(month);
    return QStringLiteral("((365 * %1 + %1 / 4 - %1 / 100 + %1 / 400 + (153 * ((%2 + 9) % 12) + 2) / 5 "
                          "- 719468) * %3 - %4)")
        .arg(year, month, QString::number(kMicrosPerDay),
             QString::number(qint64(utcOffsetSeconds) * kMicrosPerSecond));
}

// The time-of-use clause (RecordFilter::usedFrom): the hour of use, or for a late line billed in a later
// month than its own (its hour lies before its bill month), the hour of the settlement that billed it.
void addTimeOfUse(const RecordFilter &f, QStringList &where, QVariantList &args)
{
    if (!f.usedFrom && !f.usedTo)
        return;
    const QString billedLater =
        QStringLiteral("(late = 1 AND expenditure_at < %1)").arg(billMonthStart(f.utcOffsetSeconds));
    QStringList own{QStringLiteral("NOT ") + billedLater}, settled{billedLater};
    QVariantList ownArgs, settledArgs;
    if (f.usedFrom) {
        own << QStringLiteral("expenditure_at >= ?");
        ownArgs << *f.usedFrom;
        settled << QStringLiteral("at - ? >= ?");
        settledArgs << kMicrosPerHour << *f.usedFrom;
    }
    if (f.usedTo) {
        own << QStringLiteral("expenditure_at < ?");
        ownArgs << *f.usedTo;
        settled << QStringLiteral("at - ? < ?");
        settledArgs << kMicrosPerHour << *f.usedTo;
    }
    where << QStringLiteral("type = 'usage' AND ((%1) OR (%2))")
                 .arg(own.join(QStringLiteral(" AND ")), settled.join(QStringLiteral(" AND ")));
    args << ownArgs << settledArgs;
}

// The WHERE clause of a filter ("" when it has none) and its positional arguments.
QString whereClause(const RecordFilter &f, QVariantList &args)
{
    QStringList where;
    auto add = [&](const char *clause, const QVariant &v) {
        where << QLatin1String(clause);
        args << v;
    };
    if (f.from)
        add("at >= ?", *f.from);
    if (f.to)
        add("at < ?", *f.to);
    if (!f.api.isEmpty())
        add("api = ?", f.api);
    if (!f.region.isEmpty())
        add("region = ?", f.region);
    if (!f.project.isEmpty())
        add("project = ?", f.project);
    if (!f.mode.isEmpty())
        add("mode = ?", f.mode);
    if (f.type)
        add("type = ?", recordTypeId(*f.type));
    if (!f.billMonth.isEmpty())
        add("bill_month = ?", f.billMonth);
    if (f.packageId)
        add("package_id = ?", *f.packageId);
    if (f.id)
        add("id = ?", *f.id);
    if (f.late)
        add("late = ?", *f.late ? 1 : 0);
    addTimeOfUse(f, where, args);
    if (!f.types.empty()) {
        QStringList marks;
        for (Record::Type t : f.types) {
            marks << QStringLiteral("?");
            args << recordTypeId(t);
        }
        where << QStringLiteral("type IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
}

QString orderClause(const RecordFilter &f)
{
    static const char *const columns[] = {"at",      "id",          "expenditure_at", "type",      "api",
                                          "region",  "project",     "mode",           "calls",     "fee",
                                          "charged", "rounded_off", "paid_coupon",    "paid_cash", "arrears"};
    const QLatin1String column(columns[size_t(f.sort)]);
    const QLatin1String dir(f.descending ? " DESC" : "");
    if (f.sort == RecordSort::Id)
        return QStringLiteral(" ORDER BY id%1").arg(dir);
    return QStringLiteral(" ORDER BY %1%2, id%2").arg(column, dir);
}

Status bindAndRun(QSqlQuery &q, const QVariantList &args, const char *what)
{
    for (int i = 0; i < args.size(); ++i)
        q.bindValue(i, args[i]);
    return execQuery(q, what);
}
} // namespace

Result<std::vector<Record>> RecordRepository::list(const RecordFilter &f)
{
    QVariantList args;
    QString sqlText =
        QStringLiteral("SELECT %1 FROM record").arg(kColumns) + whereClause(f, args) + orderClause(f);
    if (f.limit >= 0) {
        sqlText += QStringLiteral(" LIMIT ? OFFSET ?");
        args << f.limit << f.offset;
    }
    // Pages are asked for again and again with the same shape of filter: parse each shape once.
    RowReader q(m_db, sqlText, "reading transaction records", RowReader::Keep::Prepared);
    for (int i = 0; i < args.size(); ++i)
        q.bind(i, args[i]);
    if (Status s = q.exec(); !s)
        return s.error();
    std::vector<Record> out;
    while (q.next())
        out.push_back(fromRow(q));
    if (!q.status())
        return q.status().error();
    return out;
}

Result<RecordTotals> RecordRepository::totals(const RecordFilter &f)
{
    QVariantList args;
    const QString where = whereClause(f, args);
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral(
            "SELECT type IN ('usage', 'purchase', 'renewal', 'refund') AS charge, count(*), sum(calls), "
            "sum(fee), "
            "sum(charged), sum(rounded_off), sum(paid_coupon), sum(paid_cash), sum(arrears) FROM record%1 "
            "GROUP BY charge")
            .arg(where));
    // Every amount is within ±10,000,000,000.00, but thousands of them are not: SQLite stops a sum
    // past 64 bits, and PostgreSQL's exact sum would read as 0. Say so instead (billing-rules §3 Range).
    const Error tooLarge = Error::refused(
        StorageTr::tr("the transaction records this filter matches add up to more than a sum can hold; "
                      "choose fewer, e.g. one bill month or a shorter time range"));
    if (Status s = bindAndRun(q, args, "summing transaction records"); !s)
        return s.error().message.contains(QLatin1String("integer overflow")) ? tooLarge : s.error();
    RecordTotals t;
    while (q.next()) {
        for (int i = 2; i <= 8; ++i)
            if (bool fits = false; q.value(i).toLongLong(&fits), !fits && !q.value(i).isNull())
                return tooLarge;
        const qint64 n = q.value(1).toLongLong();
        t.records += n;
        if (q.value(0).toInt() == 0) {
            t.creditRecords += n;
            t.credits += sql::money(q.value(4));
            continue;
        }
        t.chargeRecords += n;
        Amounts sums;
        readAmounts(q, 2, sums);
        t += sums;
    }
    return t;
}

Result<QStringList> RecordRepository::billMonths()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT DISTINCT bill_month FROM record WHERE bill_month IS NOT NULL AND bill_month <> '' "
        "ORDER BY bill_month DESC"));
    if (Status s = execQuery(q, "listing bill months"); !s)
        return s.error();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Result<QStringList> RecordRepository::projects()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT DISTINCT project FROM record WHERE project IS NOT NULL AND project <> '' "
                       "ORDER BY project"));
    if (Status s = execQuery(q, "listing enterprise projects"); !s)
        return s.error();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

Result<Record> RecordRepository::get(qint64 id)
{
    RowReader q(m_db, QStringLiteral("SELECT %1 FROM record WHERE id = ?").arg(kColumns),
                "reading a transaction record");
    q.bind(0, id);
    if (Status s = q.exec(); !s)
        return s.error();
    if (!q.next())
        return q.status() ? Error::refused(QCoreApplication::translate("billing::RecordRepository",
                                                                       "there is no transaction record %1")
                                               .arg(id))
                          : q.status().error();
    return fromRow(q);
}

Result<std::vector<TierUse>> RecordRepository::tiers(qint64 recordId)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT tier, first_position, calls, price_per_1000, "
        "coalesce(last_position, first_position + calls - 1) FROM record_tier WHERE record_id = :r "
        "ORDER BY first_position"));
    q.bindValue(QStringLiteral(":r"), recordId);
    if (Status s = execQuery(q, "reading a tier breakdown"); !s)
        return s.error();
    std::vector<TierUse> out;
    while (q.next())
        out.push_back({q.value(0).toInt(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                       sql::money(q.value(3)), q.value(4).toLongLong()});
    return out;
}

Result<std::vector<std::pair<qint64, TierUse>>> RecordRepository::tiersOfMonth(const QString &month)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT t.record_id, t.tier, t.first_position, t.calls, t.price_per_1000, "
        "coalesce(t.last_position, t.first_position + t.calls - 1) FROM record_tier t "
        "JOIN record r ON r.id = t.record_id WHERE r.bill_month = ? ORDER BY t.record_id, t.first_position"));
    q.bindValue(0, month);
    if (Status s = execQuery(q, "reading a month's tier breakdown"); !s)
        return s.error();
    std::vector<std::pair<qint64, TierUse>> out;
    while (q.next())
        out.emplace_back(q.value(0).toLongLong(),
                         TierUse{q.value(1).toInt(), q.value(2).toLongLong(), q.value(3).toLongLong(),
                                 sql::money(q.value(4)), q.value(5).toLongLong()});
    return out;
}

Result<std::vector<BillLine>> RecordRepository::billSums(const QString &month)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT api, region, mode, sum(calls), sum(fee), sum(charged), "
                             "sum(rounded_off), sum(paid_coupon), sum(paid_cash), "
                             "sum(arrears) FROM record WHERE bill_month = ? AND type IN ('usage', "
                             "'purchase', 'renewal', 'refund') "
                             "GROUP BY api, region, mode"));
    q.bindValue(0, month);
    if (Status s = execQuery(q, "summing a bill"); !s)
        return s.error();
    std::vector<BillLine> out;
    while (q.next()) {
        BillLine &l = out.emplace_back();
        l.api = q.value(0).toString();
        l.region = q.value(1).toString();
        l.mode = q.value(2).toString();
        readAmounts(q, 3, l);
    }
    return out;
}

Result<std::pair<Amounts, Amounts>> RecordRepository::signedSums(const QString &month)
{
    QStringList sums{QStringLiteral("count(*)")};
    for (const char *sign : {">", "<"})
        for (const AmountColumn &c : kAmountColumns)
            sums << QStringLiteral("coalesce(sum(CASE WHEN %1 %2 0 THEN %1 END), 0)")
                        .arg(QLatin1String(c.key), QLatin1String(sign));
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM record WHERE bill_month = ?").arg(sums.join(u", ")));
    q.bindValue(0, month);
    if (Status s = execQuery(q, "summing a bill month"); !s)
        return s.error();
    std::pair<Amounts, Amounts> out;
    if (q.next()) {
        readAmounts(q, 0, out.first);
        readAmounts(q, int(kAmountColumns.size()), out.second);
        out.first.calls = out.second.calls = 0;
    }
    return out;
}

} // namespace billing
