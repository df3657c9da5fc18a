#include "storage/sealrepository.h"

#include "storage/database.h"
#include "storage/rowseal.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QSqlRecord>

namespace billing {

namespace {
// The columns of each sealed table in the order its repository binds them, then the id it got.
const char *const kRecordColumns =
    "type, at, expenditure_at, bill_month, api, region, project, mode, package_id, coupon_id, calls, fee, "
    "charged, rounded_off, paid_coupon, paid_cash, arrears, late, fee_remainder, id";
const char *const kTierColumns = "record_id, tier, first_position, calls, price_per_1000, last_position";
const char *const kLedgerColumns =
    "at, kind, cash_delta, balance_after, coupon_id, coupon_delta, record_id, package_id, id";

Status digestRows(Database &db, const QString &sql, qint64 from, qint64 to, bool hasId, RowDigest &out,
                  const char *what)
{
    QSqlQuery &q = db.prepared(sql);
    q.bindValue(0, from);
    q.bindValue(1, to);
    if (Status s = execQuery(q, what); !s)
        return s;
    const int n = q.record().count();
    while (q.next()) {
        for (int i = 0; i < n - (hasId ? 1 : 0); ++i)
            out.addValue(q.value(i));
        out.endRow(hasId ? q.value(n - 1).toLongLong() : 0);
    }
    q.finish();
    return {};
}

Result<std::vector<qint64>> firstIdsAfter(Database &db, const QString &sql, qint64 after, qint64 &count)
{
    QSqlQuery &q = db.prepared(sql);
    q.bindValue(0, after);
    if (Status s = execQuery(q, "looking for rows without a seal"); !s)
        return s.error();
    std::vector<qint64> ids;
    count = 0;
    while (q.next()) {
        if (ids.size() < 5)
            ids.push_back(q.value(0).toLongLong());
        ++count;
    }
    q.finish();
    return ids;
}
} // namespace

QString SealRepository::hashOf(const RowSealEntry &previous, const RowSealEntry &seal)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    const QByteArray parts[] = {previous.hash.toLatin1(),
                                QByteArray::number(seal.id),
                                QByteArray::number(previous.recordTo),
                                QByteArray::number(seal.recordTo),
                                QByteArray::number(previous.ledgerTo),
                                QByteArray::number(seal.ledgerTo),
                                QByteArray::number(seal.records),
                                QByteArray::number(seal.tiers),
                                QByteArray::number(seal.ledgerEntries),
                                seal.recordsHash.toLatin1(),
                                seal.tiersHash.toLatin1(),
                                seal.ledgerHash.toLatin1()};
    for (const QByteArray &p : parts) {
        h.addData(p);
        h.addData(QByteArrayView("\x1f", 1));
    }
    return QString::fromLatin1(h.result().toHex());
}

Status SealRepository::sealWritten()
{
    RowSeal &written = m_db.rowSeal();
    if (written.empty())
        return {};
    QSqlQuery &last = m_db.prepared(
        QStringLiteral("SELECT id, record_to, ledger_to, hash FROM row_seal ORDER BY id DESC LIMIT 1"));
    if (Status s = execQuery(last, "sealing the written rows"); !s)
        return s;
    RowSealEntry previous;
    if (last.next()) {
        previous.id = last.value(0).toLongLong();
        previous.recordTo = last.value(1).toLongLong();
        previous.ledgerTo = last.value(2).toLongLong();
        previous.hash = last.value(3).toString();
    }
    last.finish();
    RowSealEntry e;
    e.id = previous.id + 1;
    e.recordTo = std::max(previous.recordTo, written.records.lastId());
    e.ledgerTo = std::max(previous.ledgerTo, written.ledger.lastId());
    e.records = written.records.rows();
    e.tiers = written.tiers.rows();
    e.ledgerEntries = written.ledger.rows();
    e.recordsHash = QString::fromLatin1(written.records.hexResult());
    e.tiersHash = QString::fromLatin1(written.tiers.hexResult());
    e.ledgerHash = QString::fromLatin1(written.ledger.hexResult());
    e.prevHash = previous.hash;
    e.hash = hashOf(previous, e);
    written.reset();
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "INSERT INTO row_seal (id, record_to, ledger_to, records, tiers, ledger_entries, records_hash, "
        "tiers_hash, ledger_hash, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QVariant values[] = {e.id,          e.recordTo,  e.ledgerTo,   e.records,  e.tiers, e.ledgerEntries,
                               e.recordsHash, e.tiersHash, e.ledgerHash, e.prevHash, e.hash};
    for (int i = 0; i < int(std::size(values)); ++i)
        q.bindValue(i, values[i]);
    if (Status s = execQuery(q, "sealing the written rows"); !s)
        return s;
    QSqlQuery &head = m_db.prepared(QStringLiteral("UPDATE account SET seal_head = ? WHERE id = 1"));
    head.bindValue(0, e.hash);
    return execQuery(head, "moving the seal head");
}

Result<std::vector<RowSealEntry>> SealRepository::all()
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, record_to, ledger_to, records, tiers, ledger_entries, records_hash, "
                             "tiers_hash, ledger_hash, prev_hash, hash FROM row_seal ORDER BY id"));
    if (Status s = execQuery(q, "reading the row seals"); !s)
        return s.error();
    std::vector<RowSealEntry> out;
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                       q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong(),
                       q.value(6).toString(), q.value(7).toString(), q.value(8).toString(),
                       q.value(9).toString(), q.value(10).toString()});
    return out;
}

Result<QString> SealRepository::head()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT seal_head FROM account WHERE id = 1"));
    if (Status s = execQuery(q, "reading the seal head"); !s)
        return s.error();
    return q.next() ? q.value(0).toString() : QString();
}

Status SealRepository::digestStored(const RowSealEntry &previous, const RowSealEntry &seal, RowSeal &out)
{
    out.reset();
    const auto range = [](const char *columns, const char *table, const char *key) {
        return QStringLiteral("SELECT %1 FROM %2 WHERE %3 > ? AND %3 <= ? ORDER BY %3%4")
            .arg(QLatin1String(columns), QLatin1String(table), QLatin1String(key),
                 QLatin1String(qstrcmp(table, "record_tier") == 0 ? ", first_position" : ""));
    };
    if (Status s = digestRows(m_db, range(kRecordColumns, "record", "id"), previous.recordTo, seal.recordTo,
                              true, out.records, "checking the sealed transaction records");
        !s)
        return s;
    if (Status s = digestRows(m_db, range(kTierColumns, "record_tier", "record_id"), previous.recordTo,
                              seal.recordTo, false, out.tiers, "checking the sealed tier rows");
        !s)
        return s;
    return digestRows(m_db, range(kLedgerColumns, "ledger", "id"), previous.ledgerTo, seal.ledgerTo, true,
                      out.ledger, "checking the sealed ledger entries");
}

Result<UnsealedRows> SealRepository::unsealedAfter(const RowSealEntry &last)
{
    UnsealedRows out;
    auto records = firstIdsAfter(m_db, QStringLiteral("SELECT id FROM record WHERE id > ? ORDER BY id"),
                                 last.recordTo, out.recordCount);
    if (!records)
        return records.error();
    auto tiers = firstIdsAfter(
        m_db, QStringLiteral("SELECT record_id FROM record_tier WHERE record_id > ? ORDER BY record_id"),
        last.recordTo, out.tierCount);
    if (!tiers)
        return tiers.error();
    auto ledger = firstIdsAfter(m_db, QStringLiteral("SELECT id FROM ledger WHERE id > ? ORDER BY id"),
                                last.ledgerTo, out.ledgerCount);
    if (!ledger)
        return ledger.error();
    out.records = std::move(*records);
    out.tierRecords = std::move(*tiers);
    out.ledger = std::move(*ledger);
    return out;
}

} // namespace billing
