#pragma once

#include "core/result.h"
#include "time/instant.h"

#include <QString>

#include <functional>

namespace billing {

struct DemoOptions
{
    int months = 12;
    quint64 seed = 1;
    QString name;
};

struct DemoSummary
{
    qint64 calls = 0;
    qint64 records = 0;
    int days = 0;
};

// Builds a realistic account history up to `now` through the same services a person uses (never by
// writing tables): daily imports with hourly and weekday seasonality and growth, several APIs, regions
// and enterprise projects, top-ups, a coupon, packages bought, used up and renewed, and one arrears
// episode that is recovered. Deterministic for a seed. `progress(done, total)` reports days and may
// return false to cancel (nothing is then left behind).
Result<DemoSummary> createDemoAccount(const QString &location, Instant now, const DemoOptions &options,
                                      const std::function<bool(int, int)> &progress = {});

} // namespace billing
