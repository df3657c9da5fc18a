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
void addLine(QCryptographicHash &hash, const QStringList &fields)
{
    hash.addData(fields.join(QLatin1Char('\t')).toUtf8());
    hash.addData(QByteArrayView("\n"));
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
        addLine(hash, fields);
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString ledgerDigest(const std::vector<LedgerEntry> &entries)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const LedgerEntry &e : entries)
        addLine(hash, {QString::number(e.id), QString::number(e.at), ledgerKindId(e.kind),
                       e.cashDelta.toString(8), e.balanceAfter.toString(8), optionalId(e.couponId),
                       e.couponDelta.toString(8), optionalId(e.recordId), optionalId(e.packageId)});
    return QString::fromLatin1(hash.result().toHex());
}

QString tiersDigest(const std::vector<std::pair<qint64, TierUse>> &tiers)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const auto &[recordId, t] : tiers)
        addLine(hash,
                {QString::number(recordId), QString::number(t.tier), QString::number(t.firstPosition),
                 QString::number(t.calls), t.pricePer1000.toString(8), QString::number(t.lastPosition)});
    return QString::fromLatin1(hash.result().toHex());
}

Result<MonthDigests> monthDigests(Context &ctx, const QString &month, const std::vector<Record> &records)
{
    auto start = ctx.calendar.parseMonth(month);
    if (!start)
        return start.error();
    auto ledger = ctx.ledger.ofBillMonth(month, *start, ctx.calendar.nextMonthStart(*start));
    if (!ledger)
        return ledger.error();
    auto tiers = ctx.records.tiersOfMonth(month);
    if (!tiers)
        return tiers.error();
    return MonthDigests{recordsDigest(records), ledgerDigest(*ledger), tiersDigest(*tiers)};
}

Status authorizeClose(Context &ctx)
{
    // Owner or finance: closing the books, like accepting a reconciliation.
    return authorize(ctx, Permission::CloseMonth);
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
                            {QStringLiteral("ledger_sha256"), pack.ledgerDigest},
                            {QStringLiteral("tiers_sha256"), pack.tiersDigest},
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
    std::map<QString, QJsonObject> closes; // month → the newest close's entry
    for (const AuditEntry &e : *entries)
        if (e.action == closeAction())
            closes[e.after.value(QStringLiteral("month")).toString()] = e.after;
    for (const auto &[month, close] : closes) {
        RecordFilter f;
        f.billMonth = month;
        f.sort = RecordSort::Id;
        auto records = ctx.records.list(f);
        if (!records) {
            findings << records.error().message;
            continue;
        }
        auto now = monthDigests(ctx, month, *records);
        if (!now) {
            findings << now.error().message;
            continue;
        }
        const auto &pack = close; // clang 14 cannot capture a structured binding
        const auto changed = [&](const char *key, const QString &digest) {
            const QJsonValue recorded = pack.value(QLatin1String(key));
            return !recorded.isUndefined() && recorded.toString() != digest;
        };
        if (changed("records_sha256", now->records))
            findings << CloseTr::tr("the records of %1 changed after the month was closed (its close pack "
                                    "no longer matches them)")
                            .arg(month);
        if (changed("ledger_sha256", now->ledger))
            findings << CloseTr::tr("the ledger entries of %1 changed after the month was closed (its close "
                                    "pack no longer matches them)")
                            .arg(month);
        if (changed("tiers_sha256", now->tiers))
            findings << CloseTr::tr("the tier rows of %1 changed after the month was closed (its close pack "
                                    "no longer matches them)")
                            .arg(month);
    }
}

} // namespace billing
