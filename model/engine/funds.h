#pragma once

#include "core/result.h"
#include "domain/types.h"

class QStringView;

namespace billing {

struct Context;

namespace funds {

inline constexpr Money kMinTopUp = Money::fromCents(1);
inline constexpr Money kMaxTopUp = Money::fromCents(1'000'000'000); // 10,000,000.00

// Parses an amount typed by a person: ^[0-9]+(\.[0-9]{1,2})?$ (billing-rules §12.14).
// A malformed amount is BadUsage; the range is checked by validateAmount.
Result<Money> parseUserAmount(QStringView text);
// 0.01 … 10,000,000.00 with at most 2 decimals; outside that, Refused (billing-rules §7, §12.11).
Status validateAmount(Money amount);
// validateAmount, and the balance after the credit within ±10,000,000,000.00 (billing-rules §3 Range).
Status validateTopUp(Money balance, Money amount);

struct TopUpResult
{
    qint64 recordId = 0;
    Money balanceBefore;
    Money balanceAfter;
    bool endedArrears = false;
};
Result<TopUpResult> topUp(Context &ctx, Money amount);

// Any credit that brings the balance to ≥ 0 ends grace or frozen (billing-rules §7, §12.8).
Status recoverIfPaid(Context &ctx, Instant at);

} // namespace funds
} // namespace billing
