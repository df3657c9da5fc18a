#include "engine/verifier.h"

#include "engine/context.h"
#include "engine/verifierchecks.h"
#include "storage/auditrepository.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

namespace billing {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::Verifier)
};

void checkLedger(Context &ctx, const std::vector<LedgerEntry> &entries, QStringList &findings)
{
    Money running;
    for (const LedgerEntry &e : entries) {
        running += e.cashDelta;
        if (e.balanceAfter != running) {
            findings << Tr::tr("ledger entry %1: balance after is %2 but the entries up to it sum to %3")
                            .arg(e.id)
                            .arg(e.balanceAfter.toString(), running.toString());
            running = e.balanceAfter; // report each break once
        }
    }
    Money sum;
    for (const LedgerEntry &e : entries)
        sum += e.cashDelta;
    if (sum != ctx.account.balance)
        findings << Tr::tr("the account balance is %1 but the ledger sums to %2")
                        .arg(ctx.account.balance.toString(), sum.toString());
}

void checkCoupons(Context &ctx, const std::vector<LedgerEntry> &entries, QStringList &findings)
{
    auto coupons = ctx.subscriptions.coupons();
    if (!coupons) {
        findings << coupons.error().message;
        return;
    }
    QHash<qint64, Money> sums;
    for (const LedgerEntry &e : entries)
        if (e.couponId)
            sums[*e.couponId] += e.couponDelta;
    for (const Coupon &c : *coupons) {
        if (sums.value(c.id) != c.remaining)
            findings << Tr::tr("coupon %1: remaining %2 but its ledger entries sum to %3")
                            .arg(c.id)
                            .arg(c.remaining.toString(), sums.value(c.id).toString());
        if (c.remaining.isNegative() || c.remaining > c.amount)
            findings << Tr::tr("coupon %1: remaining %2 is outside 0 … %3")
                            .arg(c.id)
                            .arg(c.remaining.toString(), c.amount.toString());
    }
}

void checkRecords(Context &ctx, const std::vector<LedgerEntry> &entries, QStringList &findings)
{
    auto records = ctx.records.list({});
    if (!records) {
        findings << records.error().message;
        return;
    }
    QHash<qint64, Money> cash, coupon;
    for (const LedgerEntry &e : entries) {
        if (!e.recordId)
            continue;
        cash[*e.recordId] += e.cashDelta;
        coupon[*e.recordId] += e.couponDelta;
    }
    for (const Record &r : *records) {
        if (r.type == Record::Type::Usage && r.charged + r.roundedOff != r.fee)
            findings << Tr::tr("transaction %1: charged %2 + rounded off %3 is not the fee %4")
                            .arg(r.id)
                            .arg(r.charged.toString(), r.roundedOff.toString(8), r.fee.toString(8));
        if (r.type == Record::Type::Usage && r.charged != r.fee.truncatedToCents())
            findings << Tr::tr("transaction %1: charged %2 is not the fee %3 truncated to cents")
                            .arg(r.id)
                            .arg(r.charged.toString(), r.fee.toString(8));
        if (r.paidCoupon + r.paidCash + r.arrears != r.charged)
            findings
                << Tr::tr(
                       "transaction %1: paid by coupon, by cash and arrears do not add up to the charge %2")
                       .arg(r.id)
                       .arg(r.charged.toString());
        if (cash.value(r.id) != -(r.paidCash + r.arrears))
            findings << Tr::tr("transaction %1: the ledger moved %2 of cash but the record says %3")
                            .arg(r.id)
                            .arg(cash.value(r.id).toString(), (-(r.paidCash + r.arrears)).toString());
        if (coupon.value(r.id) != -r.paidCoupon)
            findings << Tr::tr("transaction %1: the ledger moved %2 of coupons but the record says %3")
                            .arg(r.id)
                            .arg(coupon.value(r.id).toString(), (-r.paidCoupon).toString());
    }
}

void checkPackages(Context &ctx, QStringList &findings)
{
    auto packages = ctx.subscriptions.packages();
    if (!packages) {
        findings << packages.error().message;
        return;
    }
    for (const Package &p : *packages)
        if (p.remaining < 0 || p.remaining > p.quota)
            findings << Tr::tr("package %1: remaining quota %2 is outside 0 … %3")
                            .arg(p.id)
                            .arg(p.remaining)
                            .arg(p.quota);
}

void checkClosedMonths(Context &ctx, QStringList &findings)
{
    QSqlQuery q(ctx.db.connection());
    q.prepare(QStringLiteral("SELECT c.month, c.records, c.fee, c.charged, c.rounded_off, c.paid_coupon, "
                             "c.paid_cash, c.arrears, c.calls, "
                             "(SELECT count(*) FROM record r WHERE r.bill_month = c.month AND r.type IN "
                             "('usage','purchase','renewal','refund')), "
                             "(SELECT coalesce(sum(fee),0) FROM record r WHERE r.bill_month = c.month AND "
                             "r.type IN ('usage','purchase','renewal','refund')), "
                             "(SELECT coalesce(sum(charged),0) FROM record r WHERE r.bill_month = c.month "
                             "AND r.type IN ('usage','purchase','renewal','refund')), "
                             "(SELECT coalesce(sum(rounded_off),0) FROM record r WHERE r.bill_month = "
                             "c.month AND r.type IN ('usage','purchase','renewal','refund')), "
                             "(SELECT coalesce(sum(paid_coupon),0) FROM record r WHERE r.bill_month = "
                             "c.month AND r.type IN ('usage','purchase','renewal','refund')), "
                             "(SELECT coalesce(sum(paid_cash),0) FROM record r WHERE r.bill_month = c.month "
                             "AND r.type IN ('usage','purchase','renewal','refund')), "
                             "(SELECT coalesce(sum(arrears),0) FROM record r WHERE r.bill_month = c.month "
                             "AND r.type IN ('usage','purchase','renewal','refund')), "
                             "(SELECT coalesce(sum(calls),0) FROM record r WHERE r.bill_month = c.month AND "
                             "r.type IN ('usage','purchase','renewal','refund')) "
                             "FROM closed_month c ORDER BY c.month"));
    if (Status s = execQuery(q, "checking final bills"); !s) {
        findings << s.error().message;
        return;
    }
    while (q.next()) {
        for (int i = 1; i <= 8; ++i)
            if (q.value(i).toLongLong() != q.value(i + 8).toLongLong()) {
                findings
                    << Tr::tr("the final bill of %1 changed after it was closed").arg(q.value(0).toString());
                break;
            }
    }
}
void checkAudit(Context &ctx, QStringList &findings)
{
    AuditRepository repo(ctx.db);
    auto entries = repo.all();
    auto head = repo.head();
    if (!entries || !head) {
        findings << (entries ? head.error().message : entries.error().message);
        return;
    }
    QString previous;
    qint64 expectedId = 1;
    for (const AuditEntry &e : *entries) {
        if (e.id != expectedId)
            findings << Tr::tr("audit log: entry %1 is missing (the next is %2)").arg(expectedId).arg(e.id);
        if (e.prevHash != previous)
            findings << Tr::tr("audit log: entry %1 does not follow the entry before it").arg(e.id);
        if (AuditRepository::hashOf(e) != e.hash)
            findings << Tr::tr("audit log: entry %1 was altered after it was written").arg(e.id);
        previous = e.hash;
        expectedId = e.id + 1;
    }
    if (previous != *head)
        findings << Tr::tr(
            "audit log: the newest entries were removed (the log ends before the recorded head)");
}
} // namespace

Result<QStringList> verifyAccount(Context &ctx)
{
    QStringList findings;
    // The engine's own check first: on a damaged file the checks below may fail, and each failure is
    // then a finding too rather than the end of the report.
    verifier::checkEngine(ctx, findings);
    auto entries = ctx.ledger.all();
    if (entries) {
        checkLedger(ctx, *entries, findings);
        checkCoupons(ctx, *entries, findings);
        checkRecords(ctx, *entries, findings);
    } else {
        findings << entries.error().message;
    }
    checkPackages(ctx, findings);
    checkClosedMonths(ctx, findings);
    checkAudit(ctx, findings);
    verifier::checkIds(ctx, findings);
    verifier::checkTiers(ctx, findings);
    verifier::checkSeals(ctx, findings);
    return findings;
}

QStringList verifyAuditChain(Context &ctx)
{
    QStringList findings;
    checkAudit(ctx, findings);
    return findings;
}

} // namespace billing
