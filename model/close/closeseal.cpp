#include "close/closeseal.h"
#include "close/tr.h"

#include "auth/identity.h"
#include "engine/context.h"
#include "storage/auditrepository.h"

#include <QCryptographicHash>
#include <QJsonObject>

#include <map>

namespace billing {

namespace {
QString optionalId(const std::optional<qint64> &id)
{
    return id ? QString::number(*id) : QString();
}
} // namespace

QString recordsDigest(const std::vector<Record> &records)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const Record &r : records) {
        const QStringList fields{QString::number(r.id),
                                 recordTypeId(r.type),
                                 QString::number(r.at),
                                 QString::number(r.expenditureAt),
                                 r.billMonth,
                                 r.api,
                                 r.region,
                                 r.project,
                                 r.mode,
                                 optionalId(r.packageId),
                                 optionalId(r.couponId),
                                 r.late ? QStringLiteral("1") : QStringLiteral("0"),
                                 QString::number(r.feeRemainder),
                                 QString::number(r.calls),
                                 r.fee.toString(8),
                                 r.charged.toString(8),
                                 r.roundedOff.toString(8),
                                 r.paidCoupon.toString(8),
                                 r.paidCash.toString(8),
                                 r.arrears.toString(8)};
        hash.addData(fields.join(QLatin1Char('\t')).toUtf8());
        hash.addData(QByteArrayView("\n"));
    }
    return QString::fromLatin1(hash.result().toHex());
}

Status authorizeClose(Context &ctx)
{
    // Owner or finance: the same permission as importing calls and accepting a reconciliation.
    return authorize(ctx, Permission::ImportCalls);
}

Result<CloseStamp> closeStamp(Context &ctx, const QString &contentHash)
{
    auto head = AuditRepository(ctx.db).head();
    if (!head)
        return head.error();
    return CloseStamp{ctx.calendar.format(ctx.now), ctx.actor, *head, contentHash};
}

Status recordClose(Context &ctx, const ClosePack &pack, const CloseStamp &stamp)
{
    const QJsonObject after{{QStringLiteral("month"), pack.month},
                            {QStringLiteral("content_sha256"), stamp.contentHash},
                            {QStringLiteral("records_sha256"), pack.recordsDigest},
                            {QStringLiteral("audit_head"), stamp.auditHead},
                            {QStringLiteral("charged"), pack.bill.totals.charged.toString()}};
    return ctx.audit(closeAction(), closeSubject(pack.month), {}, after);
}

void checkClosedPacks(Context &ctx, QStringList &findings)
{
    auto entries = AuditRepository(ctx.db).all();
    if (!entries) {
        findings << entries.error().message;
        return;
    }
    std::map<QString, QString> digests; // month → the newest close's digest
    for (const AuditEntry &e : *entries)
        if (e.action == closeAction())
            digests[e.after.value(QStringLiteral("month")).toString()] =
                e.after.value(QStringLiteral("records_sha256")).toString();
    for (const auto &[month, digest] : digests) {
        RecordFilter f;
        f.billMonth = month;
        f.sort = RecordSort::Id;
        auto records = ctx.records.list(f);
        if (!records) {
            findings << records.error().message;
            continue;
        }
        if (recordsDigest(*records) != digest)
            findings << CloseTr::tr("the records of %1 changed after the month was closed (its close pack "
                                    "no longer matches them)")
                            .arg(month);
    }
}

} // namespace billing
