#include "engine/packages.h"
#include "core/shown.h"
#include "engine/tr.h"

#include "auth/identity.h"
#include "engine/context.h"
#include "engine/packageterms.h"
#include "engine/payment.h"
#include "engine/settlementrange.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace billing::packages {

namespace {

Result<Package> newPackage(Context &ctx, const QString &api, const QString &region, const QString &sku,
                           Instant effective)
{
    if (!ctx.catalog.api(api))
        return Error::badUsage(EngineTr::tr("unknown API \"%1\"").arg(shownValue(api)));
    if (!ctx.catalog.region(region))
        return Error::badUsage(EngineTr::tr("unknown region \"%1\"").arg(shownValue(region)));
    const Sku *s = ctx.catalog.sku(ctx.catalog.priceListAt(ctx.now), sku);
    if (!s)
        return Error::badUsage(EngineTr::tr("unknown package size \"%1\" (choose one of %2)")
                                   .arg(shownValue(sku), ctx.catalog.skuIds().join(u", ")));
    auto price = ctx.catalog.packagePrice(api, sku, ctx.now);
    if (!price)
        return price.error();
    Package p;
    p.api = api;
    p.region = region;
    p.sku = sku;
    p.quota = s->calls;
    p.remaining = s->calls;
    p.price = *price;
    p.purchasedAt = ctx.now;
    p.effectiveAt = effective;
    p.endAt = ctx.calendar.oneYearTermEnd(effective);
    return p;
}

Status validate(const Context &ctx, const BuyRequest &req)
{
    if (req.quantity < 1 || req.quantity > 100)
        return Error::badUsage(EngineTr::tr("the quantity must be between 1 and 100"));
    if (req.renewDays < 1 || req.renewDays > 30)
        return Error::refused(EngineTr::tr("auto-renew days must be between 1 and 30"));
    if (req.effective && *req.effective < ctx.now)
        return Error::refused(EngineTr::tr("the effective time %1 is earlier than now (%2)")
                                  .arg(ctx.calendar.format(*req.effective), ctx.calendar.format(ctx.now)));
    return {};
}

Result<std::vector<Package>> draftBuy(Context &ctx, const BuyRequest &req)
{
    if (Status s = validate(ctx, req); !s)
        return s.error();
    std::vector<Package> out;
    for (int i = 0; i < req.quantity; ++i) {
        auto p = newPackage(ctx, req.api, req.region, req.sku, req.effective.value_or(ctx.now));
        if (!p)
            return p.error();
        p->autoRenew = req.autoRenew;
        p->renewDays = req.renewDays;
        out.push_back(*p);
    }
    return out;
}
} // namespace

const Package *findPackage(const std::vector<Package> &all, qint64 id)
{
    for (const Package &p : all)
        if (p.id == id)
            return &p;
    return nullptr;
}

Status checkCanPay(const Context &ctx)
{
    if (ctx.account.state == AccountState::Frozen)
        return Error::refused(
            EngineTr::tr(
                "the account is frozen for arrears of %1: top up first; purchases and renewals are refused "
                "while frozen")
                .arg(ctx.account.arrears().toString()));
    return {};
}

Status payAndStore(Context &ctx, std::vector<Coupon> &coupons, Package &p, Record::Type type)
{
    auto plan = payment::planPurchase(coupons, p.api, p.price, ctx.account.balance, ctx.now);
    if (!plan)
        return Error::refused(
            EngineTr::tr(
                "insufficient funds: the package costs %1 but coupons and balance cover only %2; top up "
                "first")
                .arg(p.price.toString())
                .arg(([&] {
                         Money c;
                         for (Coupon *k : payment::usableCoupons(coupons, p.api, ctx.now))
                             c += k->remaining;
                         return c + Money::max(Money(), ctx.account.balance);
                     })()
                         .toString()));
    Record r;
    r.type = type;
    r.at = ctx.now;
    r.expenditureAt = ctx.now;
    r.billMonth = ctx.calendar.monthKey(ctx.now);
    r.api = p.api;
    r.region = p.region;
    r.mode = kModePackage;
    r.fee = p.price;
    r.charged = p.price;
    r.paidCoupon = plan->fromCoupons;
    r.paidCash = plan->fromCash;
    // Checked before anything is stored: a refused auto-renewal inside a catch-up writes only its notice.
    if (Status s = checkInRange(ctx, r); !s)
        return s;
    if (Status s = ctx.subscriptions.insertPackage(p); !s)
        return s;
    r.packageId = p.id;
    if (Status s = ctx.records.insert(r); !s)
        return s;
    return payment::apply(ctx, coupons, *plan, LedgerEntry::Kind::Purchase, ctx.now, r.id, p.id);
}

Status checkRenewalSize(const Context &ctx, const Package &p, const QString &sku)
{
    if (ctx.catalog.sku(ctx.catalog.priceListAt(ctx.now), sku))
        return {};
    const QString sizes = ctx.catalog.skuIds().join(u", ");
    // Sizes are the same for every API: what names an API here is someone trying to move the package.
    for (const ApiInfo &a : ctx.catalog.apis())
        if (a.id != p.api && sku.contains(a.id, Qt::CaseInsensitive))
            return Error::badUsage(
                EngineTr::tr("\"%1\" names another API (%2): a renewal of package %3 keeps "
                             "its API and region (%4 in %5) and can change only the size "
                             "(choose one of %6)")
                    .arg(shownValue(sku), a.id)
                    .arg(p.id)
                    .arg(p.api, p.region, sizes));
    return Error::badUsage(
        EngineTr::tr("unknown package size \"%1\" for package %2 (%3 in %4): choose one of %5")
            .arg(shownValue(sku))
            .arg(p.id)
            .arg(p.api, p.region, sizes));
}

Result<Package> nextTerm(Context &ctx, const std::vector<Package> &all, qint64 packageId,
                         const std::optional<QString> &sku)
{
    const Package *p = findPackage(all, packageId);
    if (!p)
        return Error::refused(EngineTr::tr("there is no package %1").arg(packageId));
    if (p->cancelledAt)
        return Error::refused(
            EngineTr::tr("package %1 was unsubscribed; buy a new package instead").arg(packageId));
    const Package *last = lastTerm(all, *p);
    if (ctx.now >= last->endAt)
        return Error::refused(
            EngineTr::tr("package %1 has expired; buy a new package instead").arg(packageId));
    if (sku)
        if (Status s = checkRenewalSize(ctx, *last, *sku); !s)
            return s.error();
    // The next term starts at 00:00:00 after the current term's last day and ends one year after that day,
    // at the size asked for ("renew as another size") or the current term's.
    auto n = newPackage(ctx, last->api, last->region, sku.value_or(last->sku), last->endAt);
    if (!n)
        return n;
    const CivilDate lastDay = ctx.calendar.dateOf(last->lastSecond());
    n->endAt = ctx.calendar.startOfDate(BillingCalendar::sameDateNextYear(lastDay)) + kMicrosPerDay;
    n->previousId = last->id;
    n->autoRenew = last->autoRenew;
    n->renewDays = last->renewDays;
    n->renewSku = last->renewSku; // a size set for auto-renew applies to every attempt until changed
    return n;
}

Quote quoteFor(Context &ctx, std::vector<Coupon> coupons, const std::vector<Package> &terms)
{
    Quote q;
    Money balance = ctx.account.balance;
    for (const Package &p : terms) {
        q.unitPrice = p.price;
        q.total += p.price;
        q.effective = p.effectiveAt;
        q.expires = p.lastSecond();
        auto plan = payment::planPurchase(coupons, p.api, p.price, balance, ctx.now);
        if (!plan) {
            q.refusal = Error::refused(EngineTr::tr("insufficient funds: %1 costs %2 in all; top up first")
                                           .arg(terms.size())
                                           .arg(q.total.toString()));
            q.refusal->message =
                terms.size() == 1
                    ? EngineTr::tr("insufficient funds: the package costs %1; coupons and balance "
                                   "do not cover it; top up first")
                          .arg(p.price.toString())
                    : EngineTr::tr("insufficient funds: %1 packages cost %2; coupons and balance "
                                   "do not cover them; top up first")
                          .arg(terms.size())
                          .arg(Money::times(p.price, qint64(terms.size()))->toString());
            return q;
        }
        for (const auto &[id, amount] : plan->coupons)
            for (Coupon &c : coupons)
                if (c.id == id)
                    c.remaining -= amount;
        q.fromCoupons += plan->fromCoupons;
        q.fromCash += plan->fromCash;
        balance -= plan->fromCash;
    }
    q.balanceAfter = balance;
    return q;
}

const Package *lastTerm(const std::vector<Package> &all, const Package &p)
{
    const Package *cur = &p;
    for (bool advanced = true; advanced;) {
        advanced = false;
        for (const Package &n : all)
            if (n.previousId == cur->id && !n.cancelledAt) {
                cur = &n;
                advanced = true;
                break;
            }
    }
    return cur;
}

bool isLastTerm(const std::vector<Package> &all, const Package &p)
{
    return !p.cancelledAt && lastTerm(all, p)->id == p.id;
}

Result<Quote> quoteBuy(Context &ctx, const BuyRequest &req)
{
    auto drafts = draftBuy(ctx, req);
    if (!drafts)
        return drafts.error();
    auto coupons = ctx.subscriptions.coupons();
    if (!coupons)
        return coupons.error();
    Quote q = quoteFor(ctx, *coupons, *drafts);
    if (Status s = checkCanPay(ctx); !s)
        q.refusal = s.error();
    return q;
}

Result<std::vector<Package>> buy(Context &ctx, const BuyRequest &req)
{
    if (Status s = authorize(ctx, Permission::BuyPackages); !s)
        return s.error();
    if (Status s = checkCanPay(ctx); !s)
        return s.error();
    auto drafts = draftBuy(ctx, req);
    if (!drafts)
        return drafts.error();
    auto coupons = ctx.subscriptions.coupons();
    if (!coupons)
        return coupons.error();
    // All or nothing: a refusal of any package leaves nothing, since the command's transaction rolls back.
    const Quote q = quoteFor(ctx, *coupons, *drafts);
    if (q.refusal)
        return *q.refusal;
    const QJsonObject before = ctx.moneyState();
    QStringList ids;
    for (Package &p : *drafts) {
        if (Status s = payAndStore(ctx, *coupons, p, Record::Type::Purchase); !s)
            return s.error();
        ids << QString::number(p.id);
    }
    QJsonObject after = ctx.moneyState();
    after.insert(QStringLiteral("packages"), QStringLiteral("%1 %2 %3 × %4 at %5")
                                                 .arg(req.api, req.region, req.sku)
                                                 .arg(req.quantity)
                                                 .arg(q.unitPrice.toString()));
    after.insert(QStringLiteral("effective"), ctx.calendar.format(drafts->front().effectiveAt));
    if (Status s = ctx.audit(QStringLiteral("buy"), QStringLiteral("package %1").arg(ids.join(u", ")), before,
                             after);
        !s)
        return s.error();
    return *drafts;
}

} // namespace billing::packages
