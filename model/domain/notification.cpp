#include "domain/notification.h"

#include <array>

namespace billing {

namespace {
// The stored ids, in AlertKind's order: never change one, databases hold them.
constexpr std::array<const char *, 16> kAlertIds = {
    "arrears-started",  "arrears-cleared", "low-balance",       "frozen",
    "released",         "freeze-soon",     "quota-low",         "package-expired",
    "package-expiring", "auto-renewed",    "auto-renew-failed", "coupon-lapsed",
    "budget-actual",    "budget-forecast", "cost-anomaly",      "guard-fired"};
} // namespace

QString alertKindId(AlertKind k)
{
    return QLatin1String(kAlertIds[size_t(k)]);
}

std::optional<AlertKind> alertKindFromId(const QString &id)
{
    for (size_t i = 0; i < kAlertIds.size(); ++i)
        if (id == QLatin1String(kAlertIds[i]))
            return AlertKind(i);
    return std::nullopt;
}

} // namespace billing
