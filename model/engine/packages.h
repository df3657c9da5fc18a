#pragma once

#include "core/result.h"
#include "domain/types.h"

#include <optional>
#include <vector>

namespace billing {

struct Context;
class RatingState;

namespace packages {

struct BuyRequest
{
    QString api;
    QString region;
    QString sku;
    std::optional<Instant> effective; // default: now
    bool autoRenew = false;
    int renewDays = 7;
    int quantity = 1;
};

// What a purchase would cost and leave, computed without changing anything (the console's preview).
struct Quote
{
    Money unitPrice;
    Money total;
    Money fromCoupons;
    Money fromCash;
    Money balanceAfter;
    Instant effective = 0;
    Instant expires = 0; // last second of the term
    std::optional<Error> refusal;
};

Result<Quote> quoteBuy(Context &ctx, const BuyRequest &req);
Result<std::vector<Package>> buy(Context &ctx, const BuyRequest &req);

// A renewal of the chain packageId belongs to (billing-rules §6); with sku, as that size of the same API and
// region ("renew as another size"), otherwise at the size of the term it follows.
Result<Quote> quoteRenew(Context &ctx, qint64 packageId, const std::optional<QString> &sku = std::nullopt);
Result<Package> renew(Context &ctx, qint64 packageId, const std::optional<QString> &sku = std::nullopt);

// Switches auto-renew on or off. Switched on with sku, every attempt renews as that size until changed;
// on without sku, at the size of the term being renewed. A size with off is bad usage.
Result<Package> setAutoRenew(Context &ctx, qint64 packageId, bool on, std::optional<int> days,
                             const std::optional<QString> &sku = std::nullopt);

struct Refund
{
    Money total;
    Money toCoupons;
    Money toCash;
};
Result<Refund> quoteUnsubscribe(Context &ctx, qint64 packageId);
Result<Refund> unsubscribe(Context &ctx, qint64 packageId);

// The last term of the chain that `p` belongs to (a cancelled term never counts).
const Package *lastTerm(const std::vector<Package> &all, const Package &p);
bool isLastTerm(const std::vector<Package> &all, const Package &p);

// Catch-up events: the next auto-renew attempt after t (none if there is none), and the attempt itself.
std::optional<Instant> nextAutoRenewAttempt(const Context &ctx, const std::vector<Package> &all,
                                            const Package &p, Instant after);
Status attemptAutoRenew(Context &ctx, RatingState &state, qint64 packageId, Instant at);

} // namespace packages
} // namespace billing
