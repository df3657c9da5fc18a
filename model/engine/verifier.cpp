#include "engine/verifier.h"
#include "close/closeseal.h"
#include "engine/settlementrange.h"
#include "engine/tr.h"

#include "engine/context.h"
#include "engine/verifierchecks.h"
#include "storage/auditrepository.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlQuery>

#include <array>
#include <map>
#include <new>

namespace billing {

namespace {

void checkLedger(Context &ctx, const std::vector<LedgerEntry> &entries, QStringList &findings)
{
    Money running;
    for (const LedgerEntry &e : entries) {
        running += e.cashDelta;
        if (e.balanceAfter != running) {
            findings << EngineTr::tr(
                            "ledger entry %1: balance after is %2 but the entries up to it sum to %3")
                            .arg(e.id)
                            .arg(e.balanceAfter.toString(), running.toString());
            running = e.balanceAfter; // report each break once
        }
    }
    Money sum;
    for (const LedgerEntry &e : entries)
        sum += e.cashDelta;
    if (sum != ctx.account.balance)
        findings << EngineTr::tr("the account balance is %1 but the ledger sums to %2")
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
            findings << EngineTr::tr("coupon %1: remaining %2 but its ledger entries sum to %3")
                            .arg(c.id)
                            .arg(c.remaining.toString(), sums.value(c.id).toString());
        if (c.remaining.isNegative() || c.remaining > c.amount)
            findings << EngineTr::tr("coupon %1: remaining %2 is outside 0 … %3")
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
            findings << EngineTr::tr("transaction %1: charged %2 + rounded off %3 is not the fee %4")
                            .arg(r.id)
                            .arg(r.charged.toString(), r.roundedOff.toString(8), r.fee.toString(8));
        if (r.type == Record::Type::Usage && r.charged != r.fee.truncatedToCents())
            findings << EngineTr::tr("transaction %1: charged %2 is not the fee %3 truncated to cents")
                            .arg(r.id)
                            .arg(r.charged.toString(), r.fee.toString(8));
        if (r.paidCoupon + r.paidCash + r.arrears != r.charged)
            findings
                << EngineTr::tr(
                       "transaction %1: paid by coupon, by cash and arrears do not add up to the charge %2")
                       .arg(r.id)
                       .arg(r.charged.toString());
        if (cash.value(r.id) != -(r.paidCash + r.arrears))
            findings << EngineTr::tr("transaction %1: the ledger moved %2 of cash but the record says %3")
                            .arg(r.id)
                            .arg(cash.value(r.id).toString(), (-(r.paidCash + r.arrears)).toString());
        if (coupon.value(r.id) != -r.paidCoupon)
            findings << EngineTr::tr("transaction %1: the ledger moved %2 of coupons but the record says %3")
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
            findings << EngineTr::tr("package %1: remaining quota %2 is outside 0 … %3")
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
                findings << EngineTr::tr("the final bill of %1 changed after it was closed")
                                .arg(q.value(0).toString());
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
            findings
                << EngineTr::tr("audit log: entry %1 is missing (the next is %2)").arg(expectedId).arg(e.id);
        if (e.prevHash != previous)
            findings << EngineTr::tr("audit log: entry %1 does not follow the entry before it").arg(e.id);
        if (AuditRepository::hashOf(e) != e.hash)
            findings << EngineTr::tr("audit log: entry %1 was altered after it was written").arg(e.id);
        previous = e.hash;
        expectedId = e.id + 1;
    }
    if (previous != *head)
        findings << EngineTr::tr(
            "audit log: the newest entries were removed (the log ends before the recorded head)");
}

// billing-rules §3 Range, and the signs of what is stored: every amount within ±10,000,000,000.00 (and a
// bill month's totals too), a usage line never negative, a top-up a credit.
void checkRanges(Context &ctx, const std::vector<LedgerEntry> &entries, QStringList &findings)
{
    const QString range = QStringLiteral("±10,000,000,000.00");
    for (const LedgerEntry &e : entries)
        for (const auto &[name, m] :
             {std::pair{"cash_delta", e.cashDelta}, std::pair{"balance_after", e.balanceAfter},
              std::pair{"coupon_delta", e.couponDelta}})
            if (!m.isInRange())
                findings << EngineTr::tr("ledger entry %1: %2 %3 is outside the range of %4")
                                .arg(e.id)
                                .arg(QLatin1String(name), m.toString(), range);
    if (!ctx.account.balance.isInRange())
        findings << EngineTr::tr("the account balance %1 is outside the range of %2")
                        .arg(ctx.account.balance.toString(), range);
    auto records = ctx.records.list({});
    if (!records) {
        findings << records.error().message;
        return;
    }
    // A month's positive amounts and its negative ones summed apart (settlementrange.h: every total of the
    // month, the bill's charges alone included, lies between the two).
    std::map<std::pair<QString, bool>, std::array<Int128, kAmountColumns.size()>> bills;
    for (const Record &r : *records) {
        for (size_t i = 0; i < kAmountColumns.size(); ++i) {
            const AmountColumn &c = kAmountColumns[i];
            const Money m = r.*c.member;
            bills[{r.billMonth, m.isNegative()}][i] += m.units();
            if (!m.isInRange())
                findings << EngineTr::tr("transaction %1: %2 %3 is outside the range of %4")
                                .arg(r.id)
                                .arg(QLatin1String(c.key), m.toString(c.decimals), range);
            else if (r.type == Record::Type::Usage && m.isNegative())
                findings << EngineTr::tr("transaction %1: the usage line's %2 %3 is negative")
                                .arg(r.id)
                                .arg(QLatin1String(c.key), m.toString(c.decimals));
        }
        if (r.type == Record::Type::TopUp && !r.charged.isNegative())
            findings << EngineTr::tr("transaction %1: a top-up of %2 is not a credit")
                            .arg(r.id)
                            .arg(r.charged.toString());
    }
    for (const auto &[month, totals] : bills)
        for (size_t i = 0; i < kAmountColumns.size(); ++i)
            if (!Money::inRange(totals[i]))
                findings << EngineTr::tr("the bill of %1: the total %2 %3 is outside the range of %4")
                                .arg(month.first, QLatin1String(kAmountColumns[i].key),
                                     Money::unitsToString(totals[i]), range);
    auto coupons = ctx.subscriptions.coupons();
    auto packages = ctx.subscriptions.packages();
    if (!coupons || !packages) {
        findings << (coupons ? packages.error().message : coupons.error().message);
        return;
    }
    for (const Coupon &c : *coupons)
        if (!c.amount.isInRange() || c.amount <= Money())
            findings << EngineTr::tr("coupon %1: its amount %2 is outside 0.01 … 10,000,000,000.00")
                            .arg(c.id)
                            .arg(c.amount.toString());
    for (const Package &p : *packages)
        if (!p.price.isInRange() || p.price.isNegative())
            findings << EngineTr::tr("package %1: its price %2 is outside 0 … 10,000,000,000.00")
                            .arg(p.id)
                            .arg(p.price.toString());
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
        checkRanges(ctx, *entries, findings);
    } else {
        findings << entries.error().message;
    }
    checkPackages(ctx, findings);
    checkClosedMonths(ctx, findings);
    checkClosedPacks(ctx, findings);
    checkAudit(ctx, findings);
    verifier::checkIds(ctx, findings);
    verifier::checkTiers(ctx, findings);
    verifier::checkSeals(ctx, findings);
    verifier::checkRollups(ctx, findings);
    // Calls no later settlement could bill within range would make every catch-up fail (issue #19). Reading
    // them takes the memory a catch-up takes, and verify must work where a catch-up ran out of it: then
    // this check alone is left out (the import's own check is the first line).
    try {
        auto pending = pendingOutOfRange(ctx);
        if (!pending ? pending.error().code != ErrorCode::Internal : !pending->isEmpty())
            findings << (pending ? *pending : pending.error().message);
    } catch (const std::bad_alloc &) {
    }
    return findings;
}

QStringList verifyAuditChain(Context &ctx)
{
    QStringList findings;
    checkAudit(ctx, findings);
    return findings;
}

} // namespace billing
