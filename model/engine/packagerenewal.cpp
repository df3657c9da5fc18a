#include "engine/packages.h"
#include "engine/tr.h"

#include "auth/identity.h"
#include "engine/context.h"
#include "engine/packageterms.h"
#include "engine/settlement.h"

#include <QCoreApplication>
#include <QJsonObject>

// Renewals: by hand (renew), and by the engine on the owner's standing instruction (auto-renew).
namespace billing::packages {

namespace {

// The term that would renew packageId's chain, and the coupons there are to pay for it.
struct Renewal
{
    Package term;
    std::vector<Coupon> coupons;
};

Result<Renewal> draftRenewal(Context &ctx, qint64 packageId, const std::optional<QString> &sku)
{
    auto all = ctx.subscriptions.packages();
    if (!all)
        return all.error();
    auto n = nextTerm(ctx, *all, packageId, sku);
    if (!n)
        return n.error();
    auto coupons = ctx.subscriptions.coupons();
    if (!coupons)
        return coupons.error();
    return Renewal{std::move(*n), std::move(*coupons)};
}

// A renewal as such, without asking who: renew() for a person, attemptAutoRenew() for the engine.
Result<Package> renewTerm(Context &ctx, qint64 packageId, const std::optional<QString> &sku)
{
    if (Status s = checkCanPay(ctx); !s)
        return s.error();
    auto draft = draftRenewal(ctx, packageId, sku);
    if (!draft)
        return draft.error();
    Package &n = draft->term;
    const QJsonObject before = ctx.moneyState();
    if (Status s = payAndStore(ctx, draft->coupons, n, Record::Type::Renewal); !s)
        return s.error();
    QJsonObject after = ctx.moneyState();
    after.insert(QStringLiteral("new_package"), n.id);
    after.insert(QStringLiteral("sku"), n.sku);
    after.insert(QStringLiteral("price"), n.price.toString());
    after.insert(QStringLiteral("term"), QStringLiteral("%1 – %2").arg(ctx.calendar.format(n.effectiveAt),
                                                                       ctx.calendar.format(n.lastSecond())));
    if (Status s =
            ctx.audit(QStringLiteral("renew"), QStringLiteral("package %1").arg(packageId), before, after);
        !s)
        return s.error();
    return n;
}
} // namespace

Result<Quote> quoteRenew(Context &ctx, qint64 packageId, const std::optional<QString> &sku)
{
    auto draft = draftRenewal(ctx, packageId, sku);
    if (!draft)
        return draft.error();
    Quote q = quoteFor(ctx, draft->coupons, {draft->term});
    if (Status s = checkCanPay(ctx); !s)
        q.refusal = s.error();
    return q;
}

Result<Package> renew(Context &ctx, qint64 packageId, const std::optional<QString> &sku)
{
    if (Status s = authorize(ctx, Permission::BuyPackages); !s)
        return s.error();
    return renewTerm(ctx, packageId, sku);
}

namespace {
QJsonObject autoRenewState(const Package &p)
{
    QJsonObject o{{QStringLiteral("auto_renew"), p.autoRenew}, {QStringLiteral("days"), p.renewDays}};
    if (p.renewSku)
        o.insert(QStringLiteral("renew_sku"), *p.renewSku);
    return o;
}
} // namespace

Result<Package> setAutoRenew(Context &ctx, qint64 packageId, bool on, std::optional<int> days,
                             const std::optional<QString> &sku)
{
    if (Status s = authorize(ctx, Permission::ChangeAutoRenew); !s)
        return s.error();
    if (sku && !on)
        return Error::badUsage(
            EngineTr::tr("a renewal size goes with switching auto-renew on, not off (package %1)")
                .arg(packageId));
    auto p = ctx.subscriptions.package(packageId);
    if (!p)
        return p.error();
    if (days && (*days < 1 || *days > 30))
        return Error::refused(EngineTr::tr("auto-renew days must be between 1 and 30"));
    if (p->cancelledAt)
        return Error::refused(EngineTr::tr("package %1 was unsubscribed").arg(packageId));
    if (ctx.now >= p->endAt)
        return Error::refused(
            EngineTr::tr("package %1 has expired; auto-renew can only be changed before expiry")
                .arg(packageId));
    if (sku)
        if (Status s = checkRenewalSize(ctx, *p, *sku); !s)
            return s.error();
    const QJsonObject before = autoRenewState(*p);
    if (on) {
        p->autoRenew = true;
        p->renewSku = sku; // none: the size of the term being renewed
    } else {
        p->switchAutoRenewOff();
    }
    if (days)
        p->renewDays = *days;
    if (Status s = ctx.subscriptions.updatePackage(*p); !s)
        return s.error();
    if (Status s = ctx.audit(QStringLiteral("auto-renew"), QStringLiteral("package %1").arg(packageId),
                             before, autoRenewState(*p));
        !s)
        return s.error();
    return *p;
}

std::optional<Instant> nextAutoRenewAttempt(const Context &ctx, const std::vector<Package> &all,
                                            const Package &p, Instant after)
{
    if (!p.autoRenew || p.cancelledAt || !isLastTerm(all, p))
        return std::nullopt;
    const CivilDate expiryDate = ctx.calendar.dateOf(p.lastSecond());
    const Instant lastAttempt = ctx.calendar.at(expiryDate, 3);
    const Instant first = lastAttempt - qint64(p.renewDays) * kMicrosPerDay;
    Instant next = first;
    if (next <= after)
        next = first + (floorDiv(after - first, kMicrosPerDay) + 1) * kMicrosPerDay;
    if (next > lastAttempt)
        return std::nullopt;
    return next;
}

Status attemptAutoRenew(Context &ctx, RatingState &state, qint64 packageId, Instant at)
{
    const Instant savedNow = ctx.now;
    const QString savedActor = ctx.actor;
    ctx.now = at; // the renewal is paid at the attempt's instant, by the engine itself
    ctx.actor = QStringLiteral("system");
    // On the owner's standing instruction (auto-renew), whoever's command happens to catch up, at the size
    // set for auto-renew (billing-rules §6). The attempts come from the chain's last term: this one.
    auto p = ctx.subscriptions.package(packageId);
    if (!p)
        return p.error();
    auto renewed = renewTerm(ctx, packageId, p->renewSku);
    ctx.now = savedNow;
    ctx.actor = savedActor;
    if (renewed) {
        if (Status s = state.reloadPackages(ctx); !s)
            return s;
        if (Status s = state.reloadCoupons(ctx); !s)
            return s;
        return ctx.notify(at, AlertKind::AutoRenewed,
                          QJsonObject{{QStringLiteral("package"), packageId},
                                      {QStringLiteral("new_package"), renewed->id},
                                      {QStringLiteral("api"), p->api},
                                      {QStringLiteral("region"), p->region},
                                      {QStringLiteral("sku"), renewed->sku},
                                      {QStringLiteral("price"), renewed->price.toString()}});
    }
    // A size that a later price list no longer sells fails the attempt like a refusal does.
    if (renewed.error().code != ErrorCode::Refused && renewed.error().code != ErrorCode::BadUsage)
        return renewed.error();
    return ctx.notify(at, AlertKind::AutoRenewFailed,
                      QJsonObject{{QStringLiteral("package"), packageId},
                                  {QStringLiteral("api"), p->api},
                                  {QStringLiteral("region"), p->region},
                                  {QStringLiteral("reason"), renewed.error().message},
                                  {QStringLiteral("expires"), ctx.calendar.format(p->lastSecond())}});
}

} // namespace billing::packages
