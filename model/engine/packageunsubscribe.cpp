#include "engine/packages.h"
#include "engine/tr.h"

#include "auth/identity.h"
#include "engine/context.h"
#include "engine/funds.h"
#include "engine/packageterms.h"
#include "engine/settlementrange.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <algorithm>

// Unsubscribing a package before it is in force, with its refund (billing-rules §6).
namespace billing::packages {

Result<Refund> quoteUnsubscribe(Context &ctx, qint64 packageId)
{
    auto all = ctx.subscriptions.packages();
    if (!all)
        return all.error();
    const Package *p = findPackage(*all, packageId);
    if (!p)
        return Error::refused(EngineTr::tr("there is no package %1").arg(packageId));
    if (p->cancelledAt)
        return Error::refused(EngineTr::tr("package %1 was already unsubscribed").arg(packageId));
    if (ctx.now >= p->endAt)
        return Error::refused(EngineTr::tr("package %1 has expired").arg(packageId));
    if (ctx.now >= p->effectiveAt)
        return Error::refused(
            EngineTr::tr("package %1 is in force since %2: a package in force cannot be unsubscribed; switch "
                         "auto-renew off to let it run out")
                .arg(packageId)
                .arg(ctx.calendar.format(p->effectiveAt)));
    if (!isLastTerm(*all, *p))
        return Error::refused(
            EngineTr::tr(
                "package %1 is followed by a later term: unsubscribe the last term of the chain first")
                .arg(packageId));
    auto entries = ctx.ledger.forPackage(packageId);
    if (!entries)
        return entries.error();
    Refund r;
    for (const LedgerEntry &e : *entries) {
        r.toCash -= e.cashDelta;
        r.toCoupons -= e.couponDelta;
    }
    r.total = r.toCash + r.toCoupons;
    return r;
}

Result<Refund> unsubscribe(Context &ctx, qint64 packageId)
{
    if (Status s = authorize(ctx, Permission::Unsubscribe); !s)
        return s.error();
    auto quote = quoteUnsubscribe(ctx, packageId);
    if (!quote)
        return quote;
    auto p = ctx.subscriptions.package(packageId);
    auto entries = ctx.ledger.forPackage(packageId);
    auto coupons = ctx.subscriptions.coupons();
    if (!p || !entries || !coupons)
        return Error::internal(EngineTr::tr("package %1 could not be read back").arg(packageId));
    p->cancelledAt = ctx.now;
    p->switchAutoRenewOff();
    if (Status s = ctx.subscriptions.updatePackage(*p); !s)
        return s.error();
    Record r;
    r.type = Record::Type::Refund;
    r.at = ctx.now;
    r.expenditureAt = ctx.now;
    r.billMonth = ctx.calendar.monthKey(ctx.now);
    r.api = p->api;
    r.region = p->region;
    r.mode = kModePackage;
    r.packageId = p->id;
    r.fee = -quote->total;
    r.charged = -quote->total;
    r.paidCoupon = -quote->toCoupons;
    r.paidCash = -quote->toCash;
    if (Status s = insertInRange(ctx, r); !s)
        return s.error();
    // Cash back to cash, coupons back to the coupons they came from (billing-rules §6); a coupon that
    // expired since lapses at once (§12.8).
    for (const LedgerEntry &e : *entries) {
        if (!e.couponId || e.couponDelta.isZero())
            continue;
        auto it = std::find_if(coupons->begin(), coupons->end(),
                               [&](const Coupon &c) { return c.id == *e.couponId; });
        if (Status s =
                ctx.postCoupon(LedgerEntry::Kind::CouponRefund, *it, -e.couponDelta, ctx.now, r.id, p->id);
            !s)
            return s.error();
        if (ctx.now >= it->expiresAt) {
            it->lapsed = true;
            if (Status s = ctx.postCoupon(LedgerEntry::Kind::CouponLapse, *it, -it->remaining, ctx.now,
                                          std::nullopt, std::nullopt);
                !s)
                return s.error();
        }
    }
    if (!quote->toCash.isZero())
        if (Status s = ctx.postCash(LedgerEntry::Kind::Refund, quote->toCash, ctx.now, r.id, p->id); !s)
            return s.error();
    const QJsonObject before = ctx.moneyState();
    if (Status s = funds::recoverIfPaid(ctx, ctx.now); !s)
        return s.error();
    QJsonObject after = ctx.moneyState();
    after.insert(QStringLiteral("refund"), quote->total.toString());
    after.insert(QStringLiteral("to_cash"), quote->toCash.toString());
    after.insert(QStringLiteral("to_coupons"), quote->toCoupons.toString());
    if (Status s = ctx.audit(QStringLiteral("unsubscribe"), QStringLiteral("package %1").arg(packageId),
                             QJsonObject{{QStringLiteral("status"), QStringLiteral("pending")}}, after);
        !s)
        return s.error();
    return *quote;
}

} // namespace billing::packages
