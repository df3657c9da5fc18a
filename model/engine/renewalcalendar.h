#pragma once

#include "core/result.h"
#include "domain/types.h"

#include <vector>

namespace billing {

struct Context;

// What happens to packages in a window of time (the console's renewal calendar): each package term
// that ends in it, and each package's next auto-renew attempt in it (billing-rules §6; the attempts
// after a failed one follow daily at 03:00 until the expiry date).
struct RenewalEvent
{
    enum class Kind { Expiry, AutoRenewAttempt };
    Kind kind = Kind::Expiry;
    Instant at = 0; // the last second of the term, or the attempt's instant
    Package package;
    // An attempt's size (the one set for auto-renew, else the term's own; billing-rules §6) and its price
    // at today's prices (zero for a size the price list no longer sells: that attempt fails).
    QString renewSku;
    Money renewPrice;
};

// Events in [from, to), by time then package id. Cancelled packages have none.
Result<std::vector<RenewalEvent>> upcomingRenewals(Context &ctx, Instant from, Instant to);

} // namespace billing
