#include "storage/ledgerrepository.h"

#include "storage/database.h"
#include "storage/rowwriter.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>

namespace billing {

Status LedgerRepository::append(LedgerEntry &e)
{
    RowWriter w(
        m_db,
        QStringLiteral("INSERT INTO ledger (at, kind, cash_delta, balance_after, coupon_id, coupon_delta, "
                       "record_id, package_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        RowWriter::Returning::Id, &m_db.rowSeal().ledger);
    w.bind(0, e.at)
        .bind(1, ledgerKindId(e.kind))
        .bind(2, e.cashDelta.units())
        .bind(3, e.balanceAfter.units());
    w.bind(4, e.couponId).bind(5, e.couponDelta.units()).bind(6, e.recordId).bind(7, e.packageId);
    if (Status s = w.exec("writing the ledger"); !s)
        return s;
    e.id = w.lastInsertId();
    return {};
}

Result<std::vector<LedgerEntry>> LedgerRepository::all()
{
    return select(QString(), {});
}

Result<std::vector<LedgerEntry>> LedgerRepository::forPackage(qint64 packageId)
{
    return select(QStringLiteral("WHERE package_id = ?"), {packageId});
}

Result<std::vector<LedgerEntry>> LedgerRepository::ofBillMonth(const QString &month, Instant from, Instant to)
{
    return select(QStringLiteral("WHERE record_id IN (SELECT id FROM record WHERE bill_month = ?) OR "
                                 "(record_id IS NULL AND at >= ? AND at < ?)"),
                  {month, from, to});
}

Result<std::vector<LedgerEntry>> LedgerRepository::select(const QString &where, const QVariantList &args)
{
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT id, at, kind, cash_delta, balance_after, coupon_id, coupon_delta, record_id, "
                       "package_id FROM ledger %1 ORDER BY id")
            .arg(where));
    for (qsizetype i = 0; i < args.size(); ++i)
        q.bindValue(int(i), args[i]);
    if (Status s = execQuery(q, "reading the ledger"); !s)
        return s.error();
    std::vector<LedgerEntry> out;
    while (q.next()) {
        LedgerEntry e;
        e.id = q.value(0).toLongLong();
        e.at = q.value(1).toLongLong();
        const auto kind = ledgerKindFromId(q.value(2).toString());
        if (!kind)
            return Error::badData(QCoreApplication::translate("billing::LedgerRepository",
                                                              "ledger entry %1 has an unknown kind \"%2\"")
                                      .arg(e.id)
                                      .arg(q.value(2).toString()));
        e.kind = *kind;
        e.cashDelta = sql::money(q.value(3));
        e.balanceAfter = sql::money(q.value(4));
        e.couponId = sql::optInt(q.value(5));
        e.couponDelta = sql::money(q.value(6));
        e.recordId = sql::optInt(q.value(7));
        e.packageId = sql::optInt(q.value(8));
        out.push_back(e);
    }
    return out;
}

} // namespace billing
