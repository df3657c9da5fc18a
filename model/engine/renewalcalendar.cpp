#include "engine/renewalcalendar.h"

#include "engine/context.h"
#include "engine/packages.h"

#include <algorithm>

namespace billing {

Result<std::vector<RenewalEvent>> upcomingRenewals(Context &ctx, Instant from, Instant to)
{
    auto all = ctx.subscriptions.packages();
    if (!all)
        return all.error();
    std::vector<RenewalEvent> out;
    for (const Package &p : *all) {
        if (p.cancelledAt)
            continue;
        if (p.lastSecond() >= from && p.lastSecond() < to)
            out.push_back({RenewalEvent::Kind::Expiry, p.lastSecond(), p, p.sku, p.price});
        // The attempt at `from` itself counts: nextAutoRenewAttempt looks strictly after its argument.
        if (auto next = packages::nextAutoRenewAttempt(ctx, *all, p, from - 1); next && *next < to) {
            auto price = ctx.catalog.packagePrice(p.api, p.autoRenewSku(), ctx.now);
            out.push_back(
                {RenewalEvent::Kind::AutoRenewAttempt, *next, p, p.autoRenewSku(), price ? *price : Money()});
        }
    }
    std::sort(out.begin(), out.end(), [](const RenewalEvent &a, const RenewalEvent &b) {
        if (a.at != b.at)
            return a.at < b.at;
        return a.package.id < b.package.id;
    });
    return out;
}

} // namespace billing
