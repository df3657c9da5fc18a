#include "storage/usagerepository.h"

#include "storage/database.h"
#include "storage/pgbulk.h"
#include "storage/rowwriter.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>

#include <cstring>

namespace billing {

UsageRepository::UsageRepository(Database &db) : m_db(db) {}
UsageRepository::~UsageRepository() = default;

quint32 PendingCalls::intern(const QString &name)
{
    auto it = m_index.constFind(name);
    if (it != m_index.cend())
        return *it;
    const auto i = quint32(names.size());
    names.push_back(name);
    m_index.insert(name, i);
    return i;
}

void PendingCalls::append(const PendingCalls &other)
{
    std::vector<quint32> map(other.names.size());
    for (size_t i = 0; i < other.names.size(); ++i)
        map[i] = intern(other.names[i]);
    calls.reserve(calls.size() + other.calls.size());
    for (PendingCall c : other.calls) {
        c.api = map[c.api];
        c.region = map[c.region];
        c.project = map[c.project];
        calls.push_back(c);
    }
}

namespace {
// Batch layout, little-endian: "PCB1", name count, names (length + UTF-8), call count, calls of 29 bytes
// (name indexes of 2 bytes). A batch of more than 65,535 names is "PCB2", calls of 35 bytes (indexes of
// 4 bytes): the others stay readable by the versions before it.
constexpr char kBatchMagic[4] = {'P', 'C', 'B', '2'};
constexpr char kBatchMagicV1[4] = {'P', 'C', 'B', '1'};
constexpr size_t kCallBytes = 8 + 8 + 4 + 2 + 4 + 4 + 4 + 1;
constexpr size_t kCallBytesV1 = 8 + 8 + 4 + 2 + 2 + 2 + 2 + 1;

template <typename T> void put(QByteArray &out, T v)
{
    out.append(reinterpret_cast<const char *>(&v), sizeof v);
}

template <typename T> bool take(const char *&p, const char *e, T &v)
{
    if (size_t(e - p) < sizeof v)
        return false;
    std::memcpy(&v, p, sizeof v);
    p += sizeof v;
    return true;
}

QByteArray encodeBatch(const PendingCalls &calls)
{
    const bool v1 = calls.names.size() <= 0xFFFF;
    const size_t callBytes = v1 ? kCallBytesV1 : kCallBytes;
    const size_t indexBytes = v1 ? 2 : 4; // little-endian: the low bytes come first
    QByteArray out;
    out.reserve(qsizetype(16 + calls.calls.size() * callBytes));
    out.append(v1 ? kBatchMagicV1 : kBatchMagic, 4);
    put(out, quint32(calls.names.size()));
    for (const QString &n : calls.names) {
        const QByteArray u = n.toUtf8();
        put(out, quint32(u.size()));
        out.append(u);
    }
    put(out, quint32(calls.calls.size()));
    const qsizetype start = out.size();
    out.resize(start + qsizetype(calls.calls.size() * callBytes));
    char *p = out.data() + start;
    for (const PendingCall &c : calls.calls) {
        const quint8 late = c.late ? 1 : 0;
        for (auto [src, n] : {std::pair<const void *, size_t>{&c.ts, 8},
                              {&c.seq, 8},
                              {&c.count, 4},
                              {&c.status, 2},
                              {&c.api, indexBytes},
                              {&c.region, indexBytes},
                              {&c.project, indexBytes},
                              {&late, 1}}) {
            std::memcpy(p, src, n);
            p += n;
        }
    }
    return out;
}

bool decodeBatch(const QByteArray &data, PendingCalls &out)
{
    const char *p = data.constData();
    const char *const e = p + data.size();
    if (data.size() < 4)
        return false;
    const bool v1 = std::memcmp(p, kBatchMagicV1, 4) == 0;
    if (!v1 && std::memcmp(p, kBatchMagic, 4) != 0)
        return false;
    const size_t callBytes = v1 ? kCallBytesV1 : kCallBytes;
    p += 4;
    quint32 nameCount = 0;
    if (!take(p, e, nameCount))
        return false;
    PendingCalls batch;
    for (quint32 i = 0; i < nameCount; ++i) {
        quint32 n = 0;
        if (!take(p, e, n) || quint32(e - p) < n)
            return false;
        batch.names.push_back(QString::fromUtf8(p, qsizetype(n)));
        p += n;
    }
    quint32 callCount = 0;
    if (!take(p, e, callCount) || size_t(e - p) != callCount * callBytes)
        return false;
    batch.calls.resize(callCount);
    for (PendingCall &c : batch.calls) {
        quint8 late = 0;
        take(p, e, c.ts), take(p, e, c.seq), take(p, e, c.count), take(p, e, c.status);
        if (v1) {
            quint16 api = 0, region = 0, project = 0;
            take(p, e, api), take(p, e, region), take(p, e, project);
            c.api = api, c.region = region, c.project = project;
        } else {
            take(p, e, c.api), take(p, e, c.region), take(p, e, c.project);
        }
        take(p, e, late);
        c.late = late != 0;
        if (c.api >= nameCount || c.region >= nameCount || c.project >= nameCount)
            return false;
    }
    out.append(batch);
    return true;
}
} // namespace

Status UsageRepository::addPendingBatch(Instant settleHour, const PendingCalls &calls)
{
    QSqlQuery &q =
        m_db.prepared(QStringLiteral("INSERT INTO pending_batch (settle_hour, calls) VALUES (?, ?)"));
    q.bindValue(0, settleHour);
    q.bindValue(1, encodeBatch(calls));
    return execQuery(q, "storing call records");
}

Result<std::vector<Instant>> UsageRepository::pendingHoursUpTo(Instant lastHourStart)
{
    // Asked once per settled hour while a file is imported (P1): prepared once, not parsed each time.
    QSqlQuery &q = m_db.prepared(QStringLiteral("SELECT settle_hour FROM pending_call WHERE settle_hour <= ? "
                                                "UNION SELECT settle_hour FROM pending_batch WHERE "
                                                "settle_hour <= ? ORDER BY 1"));
    q.bindValue(0, lastHourStart);
    q.bindValue(1, lastHourStart);
    if (Status s = execQuery(q, "finding hours to settle"); !s)
        return s.error();
    const sql::FinishOnExit finish{q};
    std::vector<Instant> out;
    while (q.next())
        out.push_back(q.value(0).toLongLong());
    return out;
}

Status UsageRepository::pendingFor(Instant settleHour, PendingCalls &out)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT calls, length(calls) FROM pending_batch WHERE settle_hour = :h ORDER BY id"));
    q.bindValue(QStringLiteral(":h"), settleHour);
    if (Status s = execQuery(q, "reading call records"); !s)
        return s;
    while (q.next()) {
        const QByteArray batch = q.value(0).toByteArray();
        // PostgreSQL's driver hands a value it had no memory to unescape over as an empty one: that is
        // not damage, and the database must not be called damaged for it.
        if (const qint64 stored = q.value(1).toLongLong(); batch.size() != stored)
            return Error::internal(QCoreApplication::translate(
                                       "billing::UsageRepository",
                                       "the command ran out of memory reading the %1 bytes of call records "
                                       "waiting for an unsettled hour; nothing was changed (verify and "
                                       "backup still work)")
                                       .arg(stored));
        if (!decodeBatch(batch, out))
            return Error::badData(QCoreApplication::translate(
                "billing::UsageRepository", "the stored call records of an unsettled hour are damaged"));
    }
    q.prepare(QStringLiteral("SELECT ts, seq, api, region, project, status, count, late FROM pending_call "
                             "WHERE settle_hour = :h"));
    q.bindValue(QStringLiteral(":h"), settleHour);
    if (Status s = execQuery(q, "reading call records"); !s)
        return s;
    while (q.next()) {
        PendingCall c;
        c.ts = q.value(0).toLongLong();
        c.seq = q.value(1).toLongLong();
        c.api = out.intern(q.value(2).toString());
        c.region = out.intern(q.value(3).toString());
        c.project = out.intern(q.value(4).toString());
        c.status = quint16(q.value(5).toInt());
        c.count = quint32(q.value(6).toLongLong());
        c.late = q.value(7).toBool();
        out.calls.push_back(c);
    }
    return {};
}

Status UsageRepository::deletePending(Instant settleHour)
{
    for (const char *table : {"pending_call", "pending_batch"}) {
        QSqlQuery q(m_db.connection());
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE settle_hour = :h").arg(QLatin1String(table)));
        q.bindValue(QStringLiteral(":h"), settleHour);
        if (Status s = execQuery(q, "clearing settled call records"); !s)
            return s;
    }
    return {};
}

Status UsageRepository::addUsage(const std::vector<UsageCount> &counts)
{
    // PostgreSQL: kept and added up in the transaction, stored in one statement when sent (P1pg).
    if (PgBulk *bulk = m_db.bulk(); bulk && bulk->inTransaction())
        return bulk->addUsage(counts);
    // A settled hour has a few hundred counts: a statement per row was most of their cost (P1), so rows
    // go in runs of 32, then 8, then one by one.
    constexpr int kColumns = 8;
    auto statement = [&](int rows) {
        QString sql = QStringLiteral(
            "INSERT INTO usage_hour (hour, api, region, project, status, outcome, late, calls) VALUES ");
        for (int i = 0; i < rows; ++i)
            sql +=
                i ? QStringLiteral(", (?, ?, ?, ?, ?, ?, ?, ?)") : QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?)");
        sql += QStringLiteral(" ON CONFLICT (hour, api, region, project, status, outcome, late) "
                              "DO UPDATE SET calls = usage_hour.calls + excluded.calls");
        return RowWriter(m_db, sql);
    };
    size_t at = 0;
    for (const int rows : {32, 8, 1}) {
        if (counts.size() - at < size_t(rows))
            continue;
        RowWriter w = statement(rows);
        for (; counts.size() - at >= size_t(rows); at += size_t(rows)) {
            for (int i = 0; i < rows; ++i) {
                const UsageCount &u = counts[at + size_t(i)];
                const int c = i * kColumns;
                w.bind(c, u.hour)
                    .bind(c + 1, u.api)
                    .bind(c + 2, u.region)
                    .bind(c + 3, u.project)
                    .bind(c + 4, u.status);
                w.bind(c + 5, u.outcome).bind(c + 6, u.late).bind(c + 7, u.calls);
            }
            if (Status s = w.exec("storing hourly usage"); !s)
                return s;
        }
    }
    return {};
}

Result<std::vector<UsageCount>> UsageRepository::usageFor(Instant hour, const QString &api,
                                                          const QString &region, const QString &project)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT status, outcome, late, calls FROM usage_hour WHERE hour = ? AND api = ? AND region = ? "
        "AND project = ? ORDER BY outcome, status"));
    q.bindValue(0, hour);
    q.bindValue(1, api);
    q.bindValue(2, region);
    q.bindValue(3, project);
    if (Status s = execQuery(q, "reading hourly usage"); !s)
        return s.error();
    std::vector<UsageCount> out;
    while (q.next())
        out.push_back({hour, api, region, project, q.value(0).toInt(), q.value(1).toString(),
                       q.value(2).toBool(), q.value(3).toLongLong()});
    return out;
}

Result<qint64> UsageRepository::tierCounter(const QString &month, const QString &api, const QString &region)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("SELECT calls FROM tier_counter WHERE month = ? AND api = ? AND region = ?"));
    q.bindValue(0, month);
    q.bindValue(1, api);
    q.bindValue(2, region);
    if (Status s = execQuery(q, "reading a tier counter"); !s)
        return s.error();
    const sql::FinishOnExit finish{q};
    return q.next() ? q.value(0).toLongLong() : qint64(0);
}

Status UsageRepository::setTierCounter(const QString &month, const QString &api, const QString &region,
                                       qint64 calls)
{
    RowWriter w(m_db,
                QStringLiteral("INSERT INTO tier_counter (month, api, region, calls) VALUES (?, ?, ?, ?) "
                               "ON CONFLICT (month, api, region) DO UPDATE SET calls = excluded.calls"));
    w.bind(0, month).bind(1, api).bind(2, region).bind(3, calls);
    return w.exec("storing a tier counter");
}

Result<bool> UsageRepository::fileImported(const QByteArray &hash)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT count(*) FROM import_file WHERE content_hash = ?"));
    q.bindValue(0, QString::fromLatin1(hash));
    if (Status s = execQuery(q, "checking earlier imports"); !s)
        return s.error();
    q.next();
    return q.value(0).toInt() > 0;
}

Status UsageRepository::addImport(Instant at, const QString &name, const QByteArray &hash, qint64 records,
                                  qint64 calls, qint64 late)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO import_file (at, name, content_hash, records, calls, late) VALUES (?, ?, ?, ?, ?, ?)"));
    q.bindValue(0, at);
    q.bindValue(1, name);
    q.bindValue(2, QString::fromLatin1(hash));
    q.bindValue(3, records);
    q.bindValue(4, calls);
    q.bindValue(5, late);
    return execQuery(q, "recording the import");
}

} // namespace billing
