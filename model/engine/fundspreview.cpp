#include "engine/fundspreview.h"

#include "engine/context.h"
#include "engine/funds.h"

namespace billing::funds {

Result<TopUpPreview> previewTopUp(const Context &ctx, Money amount)
{
    if (Status s = validateTopUp(ctx.account.balance, amount); !s)
        return s.error();
    const Account &a = ctx.account;
    TopUpPreview p;
    p.balanceBefore = a.balance;
    p.balanceAfter = a.balance + amount;
    p.arrearsCleared = Money::min(a.arrears(), amount);
    p.arrearsLeft = a.arrears() - p.arrearsCleared;
    if (p.balanceAfter.isNegative()) {
        p.stateAfter = a.state;
        p.stateUntilAfter = a.stateUntil;
    }
    return p;
}

std::optional<Money> amountToClearArrears(const Account &account)
{
    const Money owed = account.arrears();
    if (owed.isZero())
        return std::nullopt;
    // Top-ups take whole cents: round the arrears up to the next cent.
    Money cents = owed.truncatedToCents();
    if (cents < owed)
        cents += Money::fromCents(1);
    return Money::max(cents, kMinTopUp);
}

ArrearsTimeline arrearsTimeline(const Account &a)
{
    ArrearsTimeline t;
    t.released = a.released;
    if (a.state == AccountState::Grace && a.stateUntil) {
        t.graceEnds = *a.stateUntil;
        t.releaseAt = *a.stateUntil + qint64(a.retentionDays) * kMicrosPerDay;
    } else if (a.state == AccountState::Frozen && a.stateUntil) {
        t.graceEnds = *a.stateUntil - qint64(a.retentionDays) * kMicrosPerDay;
        t.releaseAt = *a.stateUntil;
    }
    return t;
}

} // namespace billing::funds
