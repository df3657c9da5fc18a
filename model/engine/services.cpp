#include "engine/services.h"
#include "engine/tr.h"

#include "auth/identity.h"
#include "core/shown.h"
#include "engine/context.h"
#include "engine/funds.h"
#include "engine/packages.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>

namespace billing {

Result<bool> services::setEnabled(Context &ctx, const QString &api, const QString &region, bool enabled)
{
    if (Status s = authorize(ctx, Permission::ManageServices); !s)
        return s.error();
    if (!ctx.catalog.api(api))
        return Error::badUsage(EngineTr::tr("unknown API \"%1\"").arg(shownValue(api)));
    if (!ctx.catalog.region(region))
        return Error::badUsage(EngineTr::tr("unknown region \"%1\"").arg(shownValue(region)));
    auto all = ctx.subscriptions.services();
    if (!all)
        return all.error();
    for (const ServiceState &s : *all)
        if (s.api == api && s.region == region && s.enabled == enabled)
            return false; // §12.1: succeeds and changes nothing
    if (Status s = ctx.subscriptions.setService(api, region, enabled, ctx.now); !s)
        return s.error();
    if (Status s = ctx.audit(enabled ? QStringLiteral("enable") : QStringLiteral("disable"),
                             api + u'/' + region, QJsonObject{{QStringLiteral("enabled"), !enabled}},
                             QJsonObject{{QStringLiteral("enabled"), enabled}});
        !s)
        return s.error();
    return true;
}

services::StopPreview services::stopTargets(const std::vector<ServiceState> &services,
                                            const std::vector<Package> &packages, Instant now)
{
    StopPreview p;
    for (const ServiceState &s : services)
        if (s.enabled)
            p.enabled.push_back(s);
    for (const Package &k : packages)
        if (k.autoRenew && !k.cancelledAt && now < k.endAt)
            p.autoRenewing.push_back(k);
    return p;
}

Result<services::StopPreview> services::previewStop(Context &ctx)
{
    auto all = ctx.subscriptions.services();
    if (!all)
        return all.error();
    auto pkgs = ctx.subscriptions.packages();
    if (!pkgs)
        return pkgs.error();
    StopPreview p = stopTargets(*all, *pkgs, ctx.now);
    const QString lastMonth =
        ctx.calendar.monthKey(ctx.calendar.addMonths(ctx.calendar.monthStart(ctx.now), -1));
    QSqlQuery q(ctx.db.connection());
    q.prepare(
        QStringLiteral("SELECT coalesce(sum(r.charged), 0) FROM record r JOIN service s ON s.api = r.api AND "
                       "s.region = r.region WHERE s.enabled = 1 AND r.bill_month = ? AND r.type IN "
                       "('usage', 'purchase', 'renewal', 'refund')"));
    q.bindValue(0, lastMonth);
    if (Status s = execQuery(q, "summing last month's spend"); !s)
        return s.error();
    q.next();
    p.lastMonthSpend = Money::fromUnits(q.value(0).toLongLong());
    return p;
}

Result<services::StopPreview> services::stopBilling(Context &ctx)
{
    if (Status s = authorize(ctx, Permission::ManageServices); !s)
        return s.error();
    auto preview = previewStop(ctx);
    if (!preview)
        return preview;
    for (const ServiceState &s : preview->enabled)
        if (Status st = ctx.subscriptions.setService(s.api, s.region, false, ctx.now); !st)
            return st.error();
    QJsonArray services, renewals;
    for (Package k : preview->autoRenewing) {
        k.switchAutoRenewOff();
        if (Status st = ctx.subscriptions.updatePackage(k); !st)
            return st.error();
        renewals.append(k.id);
    }
    for (const ServiceState &sv : preview->enabled)
        services.append(sv.api + u'/' + sv.region);
    if (Status st = ctx.audit(
            QStringLiteral("stop-billing"), QStringLiteral("account"),
            QJsonObject{{QStringLiteral("enabled"), services}, {QStringLiteral("auto_renew"), renewals}},
            QJsonObject{{QStringLiteral("enabled"), QJsonArray()},
                        {QStringLiteral("auto_renew"), QJsonArray()}});
        !st)
        return st.error();
    return preview;
}

Result<Coupon> coupons::grant(Context &ctx, Money amount, Instant expires, const QString &api)
{
    if (Status s = authorize(ctx, Permission::GrantCoupon); !s)
        return s.error();
    if (Status s = funds::validateAmount(amount); !s)
        return s.error();
    if (expires <= ctx.now)
        return Error::refused(
            EngineTr::tr("a coupon must expire after now (%1)").arg(ctx.calendar.format(ctx.now)));
    if (!api.isEmpty() && !ctx.catalog.api(api))
        return Error::badUsage(EngineTr::tr("unknown API \"%1\"").arg(shownValue(api)));
    // billing-rules §3 Range: what the coupons hold together stays in range too (status shows the sum).
    auto held = ctx.subscriptions.coupons();
    if (!held)
        return held.error();
    Int128 sum = amount.units();
    for (const Coupon &k : *held)
        if (!k.lapsed)
            sum += k.remaining.units();
    if (!Money::inRange(sum))
        return Error::refused(EngineTr::tr("the coupons would hold %1 together, outside the range of "
                                           "±10,000,000,000.00; nothing was changed")
                                  .arg(Money::unitsToString(sum)));
    Coupon c;
    c.amount = amount;
    c.grantedAt = ctx.now;
    c.expiresAt = expires;
    c.api = api;
    if (Status s = ctx.subscriptions.insertCoupon(c); !s)
        return s.error();
    if (Status s =
            ctx.postCoupon(LedgerEntry::Kind::CouponGrant, c, amount, ctx.now, std::nullopt, std::nullopt);
        !s)
        return s.error();
    if (Status s = ctx.audit(QStringLiteral("grant-coupon"), QStringLiteral("coupon %1").arg(c.id), {},
                             QJsonObject{{QStringLiteral("amount"), amount.toString()},
                                         {QStringLiteral("expires"), ctx.calendar.format(expires)},
                                         {QStringLiteral("api"), api}});
        !s)
        return s.error();
    return c;
}

} // namespace billing
