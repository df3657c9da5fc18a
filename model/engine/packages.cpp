#include "engine/packages.h"

#include "auth/identity.h"
#include "engine/context.h"
#include "engine/funds.h"
#include "engine/payment.h"
#include "engine/settlement.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <algorithm>

namespace billing::packages {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::packages)
};

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
            Tr::tr(
                "the account is frozen for arrears of %1: top up first; purchases and renewals are refused "
                "while frozen")
                .arg(ctx.account.arrears().toString()));
    return {};
}

// Pays for one package (purchase or renewal) and stores it with its record and ledger entries.
Status payAndStore(Context &ctx, std::vector<Coupon> &coupons, Package &p, Record::Type type)
{
    auto plan = payment::planPurchase(coupons, p.api, p.price, ctx.account.balance, ctx.now);
    if (!plan)
        return Error::refused(
            Tr::tr("insufficient funds: the package costs %1 but coupons and balance cover only %2; top up "
                   "first")
                .arg(p.price.toString())
                .arg(([&] {
                         Money c;
                         for (Coupon *k : payment::usableCoupons(coupons, p.api, ctx.now))
                             c += k->remaining;
                         return c + Money::max(Money(), ctx.account.balance);
                     })()
                         .toString()));
    if (Status s = ctx.subscriptions.insertPackage(p); !s)
        return s;
    Record r;
    r.type = type;
    r.at = ctx.now;
    r.expenditureAt = ctx.now;
    r.billMonth = ctx.calendar.monthKey(ctx.now);
    r.api = p.api;
    r.region = p.region;
    r.mode = kModePackage;
    r.packageId = p.id;
    r.fee = p.price;
    r.charged = p.price;
    r.paidCoupon = plan->fromCoupons;
    r.paidCash = plan->fromCash;
    if (Status s = ctx.records.insert(r); !s)
        return s;
    return payment::apply(ctx, coupons, *plan, LedgerEntry::Kind::Purchase, ctx.now, r.id, p.id);
}

Result<Package> newPackage(Context &ctx, const QString &api, const QString &region, const QString &sku,
                           Instant effective)
{
    if (!ctx.catalog.api(api))
        return Error::badUsage(Tr::tr("unknown API \"%1\"").arg(api));
    if (!ctx.catalog.region(region))
        return Error::badUsage(Tr::tr("unknown region \"%1\"").arg(region));
    const Sku *s = ctx.catalog.sku(ctx.catalog.priceListAt(ctx.now), sku);
    if (!s)
        return Error::badUsage(Tr::tr("unknown package size \"%1\" (choose one of %2)")
                                   .arg(sku, ctx.catalog.skuIds().join(u", ")));
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

Result<Package> nextTerm(Context &ctx, const std::vector<Package> &all, qint64 packageId)
{
    const Package *p = findPackage(all, packageId);
    if (!p)
        return Error::refused(Tr::tr("there is no package %1").arg(packageId));
    if (p->cancelledAt)
        return Error::refused(
            Tr::tr("package %1 was unsubscribed; buy a new package instead").arg(packageId));
    const Package *last = lastTerm(all, *p);
    if (ctx.now >= last->endAt)
        return Error::refused(Tr::tr("package %1 has expired; buy a new package instead").arg(packageId));
    // The next term starts at 00:00:00 after the current term's last day and ends one year after that day.
    auto n = newPackage(ctx, last->api, last->region, last->sku, last->endAt);
    if (!n)
        return n;
    const CivilDate lastDay = ctx.calendar.dateOf(last->lastSecond());
    n->endAt = ctx.calendar.startOfDate(BillingCalendar::sameDateNextYear(lastDay)) + kMicrosPerDay;
    n->previousId = last->id;
    n->autoRenew = last->autoRenew;
    n->renewDays = last->renewDays;
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
            q.refusal = Error::refused(Tr::tr("insufficient funds: %1 costs %2 in all; top up first")
                                           .arg(terms.size())
                                           .arg(q.total.toString()));
            q.refusal->message = terms.size() == 1
                                     ? Tr::tr("insufficient funds: the package costs %1; coupons and balance "
                                              "do not cover it; top up first")
                                           .arg(p.price.toString())
                                     : Tr::tr("insufficient funds: %1 packages cost %2; coupons and balance "
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

Status validate(const Context &ctx, const BuyRequest &req)
{
    if (req.quantity < 1 || req.quantity > 100)
        return Error::badUsage(Tr::tr("the quantity must be between 1 and 100"));
    if (req.renewDays < 1 || req.renewDays > 30)
        return Error::refused(Tr::tr("auto-renew days must be between 1 and 30"));
    if (req.effective && *req.effective < ctx.now)
        return Error::refused(Tr::tr("the effective time %1 is earlier than now (%2)")
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

Result<Quote> quoteRenew(Context &ctx, qint64 packageId)
{
    auto all = ctx.subscriptions.packages();
    if (!all)
        return all.error();
    auto n = nextTerm(ctx, *all, packageId);
    if (!n)
        return n.error();
    auto coupons = ctx.subscriptions.coupons();
    if (!coupons)
        return coupons.error();
    Quote q = quoteFor(ctx, *coupons, {*n});
    if (Status s = checkCanPay(ctx); !s)
        q.refusal = s.error();
    return q;
}

namespace {
// A renewal as such, without asking who: renew() for a person, attemptAutoRenew() for the engine.
Result<Package> renewTerm(Context &ctx, qint64 packageId)
{
    if (Status s = checkCanPay(ctx); !s)
        return s.error();
    auto all = ctx.subscriptions.packages();
    if (!all)
        return all.error();
    auto n = nextTerm(ctx, *all, packageId);
    if (!n)
        return n.error();
    auto coupons = ctx.subscriptions.coupons();
    if (!coupons)
        return coupons.error();
    const QJsonObject before = ctx.moneyState();
    if (Status s = payAndStore(ctx, *coupons, *n, Record::Type::Renewal); !s)
        return s.error();
    QJsonObject after = ctx.moneyState();
    after.insert(QStringLiteral("new_package"), n->id);
    after.insert(QStringLiteral("price"), n->price.toString());
    after.insert(QStringLiteral("term"), QStringLiteral("%1 – %2").arg(ctx.calendar.format(n->effectiveAt),
                                                                       ctx.calendar.format(n->lastSecond())));
    if (Status s =
            ctx.audit(QStringLiteral("renew"), QStringLiteral("package %1").arg(packageId), before, after);
        !s)
        return s.error();
    return *n;
}
} // namespace

Result<Package> renew(Context &ctx, qint64 packageId)
{
    if (Status s = authorize(ctx, Permission::BuyPackages); !s)
        return s.error();
    return renewTerm(ctx, packageId);
}

Result<Package> setAutoRenew(Context &ctx, qint64 packageId, bool on, std::optional<int> days)
{
    if (Status s = authorize(ctx, Permission::ChangeAutoRenew); !s)
        return s.error();
    auto p = ctx.subscriptions.package(packageId);
    if (!p)
        return p.error();
    if (days && (*days < 1 || *days > 30))
        return Error::refused(Tr::tr("auto-renew days must be between 1 and 30"));
    if (p->cancelledAt)
        return Error::refused(Tr::tr("package %1 was unsubscribed").arg(packageId));
    if (ctx.now >= p->endAt)
        return Error::refused(
            Tr::tr("package %1 has expired; auto-renew can only be changed before expiry").arg(packageId));
    const QJsonObject before{{QStringLiteral("auto_renew"), p->autoRenew},
                             {QStringLiteral("days"), p->renewDays}};
    p->autoRenew = on;
    if (days)
        p->renewDays = *days;
    if (Status s = ctx.subscriptions.updatePackage(*p); !s)
        return s.error();
    if (Status s =
            ctx.audit(QStringLiteral("auto-renew"), QStringLiteral("package %1").arg(packageId), before,
                      QJsonObject{{QStringLiteral("auto_renew"), p->autoRenew},
                                  {QStringLiteral("days"), p->renewDays}});
        !s)
        return s.error();
    return *p;
}

Result<Refund> quoteUnsubscribe(Context &ctx, qint64 packageId)
{
    auto all = ctx.subscriptions.packages();
    if (!all)
        return all.error();
    const Package *p = findPackage(*all, packageId);
    if (!p)
        return Error::refused(Tr::tr("there is no package %1").arg(packageId));
    if (p->cancelledAt)
        return Error::refused(Tr::tr("package %1 was already unsubscribed").arg(packageId));
    if (ctx.now >= p->endAt)
        return Error::refused(Tr::tr("package %1 has expired").arg(packageId));
    if (ctx.now >= p->effectiveAt)
        return Error::refused(
            Tr::tr("package %1 is in force since %2: a package in force cannot be unsubscribed; switch "
                   "auto-renew off to let it run out")
                .arg(packageId)
                .arg(ctx.calendar.format(p->effectiveAt)));
    if (!isLastTerm(*all, *p))
        return Error::refused(
            Tr::tr("package %1 is followed by a later term: unsubscribe the last term of the chain first")
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
        return Error::internal(Tr::tr("package %1 could not be read back").arg(packageId));
    p->cancelledAt = ctx.now;
    p->autoRenew = false;
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
    if (Status s = ctx.records.insert(r); !s)
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
    // On the owner's standing instruction (auto-renew), whoever's command happens to catch up.
    auto renewed = renewTerm(ctx, packageId);
    ctx.now = savedNow;
    ctx.actor = savedActor;
    auto p = ctx.subscriptions.package(packageId);
    if (!p)
        return p.error();
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
                                      {QStringLiteral("price"), renewed->price.toString()}});
    }
    if (renewed.error().code != ErrorCode::Refused)
        return renewed.error();
    return ctx.notify(at, AlertKind::AutoRenewFailed,
                      QJsonObject{{QStringLiteral("package"), packageId},
                                  {QStringLiteral("api"), p->api},
                                  {QStringLiteral("region"), p->region},
                                  {QStringLiteral("reason"), renewed.error().message},
                                  {QStringLiteral("expires"), ctx.calendar.format(p->lastSecond())}});
}

} // namespace billing::packages
