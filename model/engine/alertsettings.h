#pragma once

#include "core/result.h"
#include "money/money.h"

namespace billing {

struct Context;

// The account's alert thresholds (billing-rules §7 "Alerts"): a low-balance threshold and the package
// quota percentage under which an alert is raised.
struct AlertSettings
{
    Money lowBalanceThreshold;
    int quotaAlertPercent = 10;
};

namespace alerts {

inline constexpr Money kMaxLowBalanceThreshold = Money::fromCents(1'000'000'000); // 10,000,000.00

AlertSettings current(const Context &ctx);
// Threshold 0 (off) … 10,000,000.00 in whole cents; percentage 0 (off) … 100. Otherwise Refused.
Status validate(const AlertSettings &settings);
// Validates and stores both thresholds on the account.
Status save(Context &ctx, const AlertSettings &settings);

} // namespace alerts
} // namespace billing
