#pragma once

#include "core/result.h"
#include "domain/types.h"

#include <vector>

namespace billing {

struct Context;

namespace services {

// Enables or disables one API in one region at now (billing-rules §8, §12.1). Returns whether it changed.
Result<bool> setEnabled(Context &ctx, const QString &api, const QString &region, bool enabled);

// What stop-billing would stop: enabled services, auto-renewals, and last month's spend they account for.
struct StopPreview
{
    std::vector<ServiceState> enabled;
    std::vector<Package> autoRenewing;
    Money lastMonthSpend; // charged in the previous calendar month on the enabled services
};
// Only what stop-billing would switch off among these services and packages at `now` (lastMonthSpend
// stays zero): enough to tell whether billing is stopped, without summing last month.
StopPreview stopTargets(const std::vector<ServiceState> &services, const std::vector<Package> &packages,
                        Instant now);
Result<StopPreview> previewStop(Context &ctx);
Result<StopPreview> stopBilling(Context &ctx);

} // namespace services

namespace coupons {
// Grants a cash coupon (billing-rules §7): amount 0.01 … 10,000,000.00, expiring after now, optional API
// scope.
Result<Coupon> grant(Context &ctx, Money amount, Instant expires, const QString &api);
} // namespace coupons

} // namespace billing
