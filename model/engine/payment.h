#pragma once

#include "core/result.h"
#include "domain/types.h"

#include <vector>

namespace billing {

struct Context;

// How a charge is paid: which coupons give how much, how much cash, and the arrears it creates.
struct PaymentPlan
{
    std::vector<std::pair<qint64, Money>> coupons; // coupon id → amount taken
    Money fromCoupons;
    Money fromCash;
    Money arrears;
};

namespace payment {

// Coupons usable at instant `at` for `api`, in the order they pay (billing-rules §12.4):
// API-scoped before general, then earlier expiry, then lower id.
std::vector<Coupon *> usableCoupons(std::vector<Coupon> &all, const QString &api, Instant at);

// A usage line: coupons first, then cash, and what the cash cannot cover becomes arrears (§5, §12.5).
PaymentPlan planCharge(std::vector<Coupon> &coupons, const QString &api, Money charge, Money balance,
                       Instant at);
// A purchase or renewal: coupons and cash above zero only; nullopt when they do not cover the price (§6,
// §12.6).
std::optional<PaymentPlan> planPurchase(std::vector<Coupon> &coupons, const QString &api, Money price,
                                        Money balance, Instant at);
// Posts the plan's ledger entries for a record (coupon uses, then one cash entry).
Status apply(Context &ctx, std::vector<Coupon> &coupons, const PaymentPlan &plan, LedgerEntry::Kind cashKind,
             Instant at, qint64 recordId, std::optional<qint64> packageId);

} // namespace payment
} // namespace billing
