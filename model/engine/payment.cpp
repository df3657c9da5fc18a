#include "engine/payment.h"

#include "engine/context.h"

#include <algorithm>

namespace billing::payment {

std::vector<Coupon *> usableCoupons(std::vector<Coupon> &all, const QString &api, Instant at)
{
    std::vector<Coupon *> out;
    for (Coupon &c : all)
        if (!c.lapsed && c.remaining > Money() && at < c.expiresAt && (c.api.isEmpty() || c.api == api))
            out.push_back(&c);
    std::sort(out.begin(), out.end(), [](const Coupon *a, const Coupon *b) {
        const bool sa = !a->api.isEmpty(), sb = !b->api.isEmpty();
        if (sa != sb)
            return sa;
        if (a->expiresAt != b->expiresAt)
            return a->expiresAt < b->expiresAt;
        return a->id < b->id;
    });
    return out;
}

namespace {
Money takeCoupons(std::vector<Coupon> &coupons, const QString &api, Money due, Instant at, PaymentPlan &plan)
{
    for (Coupon *c : usableCoupons(coupons, api, at)) {
        if (due.isZero())
            break;
        const Money take = Money::min(due, c->remaining);
        plan.coupons.emplace_back(c->id, take);
        plan.fromCoupons += take;
        due -= take;
    }
    return due;
}
} // namespace

PaymentPlan planCharge(std::vector<Coupon> &coupons, const QString &api, Money charge, Money balance,
                       Instant at)
{
    PaymentPlan plan;
    const Money cashPart = takeCoupons(coupons, api, charge, at, plan);
    const Money after = balance - cashPart;
    const Money negBefore = balance.isNegative() ? -balance : Money();
    const Money negAfter = after.isNegative() ? -after : Money();
    plan.arrears = negAfter - negBefore;
    plan.fromCash = cashPart - plan.arrears;
    return plan;
}

std::optional<PaymentPlan> planPurchase(std::vector<Coupon> &coupons, const QString &api, Money price,
                                        Money balance, Instant at)
{
    PaymentPlan plan;
    const Money cashPart = takeCoupons(coupons, api, price, at, plan);
    const Money available = balance.isNegative() ? Money() : balance;
    if (cashPart > available)
        return std::nullopt;
    plan.fromCash = cashPart;
    return plan;
}

Status apply(Context &ctx, std::vector<Coupon> &coupons, const PaymentPlan &plan, LedgerEntry::Kind cashKind,
             Instant at, qint64 recordId, std::optional<qint64> packageId)
{
    for (const auto &[id, amount] : plan.coupons) {
        auto it =
            std::find_if(coupons.begin(), coupons.end(), [id = id](const Coupon &c) { return c.id == id; });
        if (Status s = ctx.postCoupon(LedgerEntry::Kind::CouponUse, *it, -amount, at, recordId, packageId);
            !s)
            return s;
    }
    const Money cash = plan.fromCash + plan.arrears;
    if (!cash.isZero())
        return ctx.postCash(cashKind, -cash, at, recordId, packageId);
    return {};
}

} // namespace billing::payment
