#pragma once

#include "core/result.h"
#include "domain/types.h"

#include <optional>

namespace billing {

struct Context;

namespace funds {

// What a top-up would do, computed without changing anything (the console's preview): the balance after,
// how much of the arrears it repays, and the account state after (billing-rules §7: a credit that brings
// the balance to ≥ 0 ends grace or frozen at once).
struct TopUpPreview
{
    Money balanceBefore;
    Money balanceAfter;
    Money arrearsCleared;
    Money arrearsLeft;
    AccountState stateAfter = AccountState::Normal;
    std::optional<Instant> stateUntilAfter;
};
// Refused like topUp for an amount outside 0.01 … 10,000,000.00.
Result<TopUpPreview> previewTopUp(const Context &ctx, Money amount);
// The smallest top-up that repays the arrears (none when there are none), at least the minimum top-up.
std::optional<Money> amountToClearArrears(const Account &account);

// The arrears lifecycle of the account as dates (billing-rules §7), from its state and state_until:
// grace ends (= frozen from), retention ends (= enabled services released). Unknown parts stay empty;
// `released` is set when the subscriptions were already released.
struct ArrearsTimeline
{
    std::optional<Instant> graceEnds;
    std::optional<Instant> releaseAt;
    bool released = false;
};
ArrearsTimeline arrearsTimeline(const Account &account);

} // namespace funds
} // namespace billing
