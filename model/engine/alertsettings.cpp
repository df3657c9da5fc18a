#include "engine/alertsettings.h"
#include "engine/tr.h"

#include "auth/identity.h"
#include "engine/context.h"

#include <QCoreApplication>

namespace billing::alerts {

AlertSettings current(const Context &ctx)
{
    return AlertSettings{ctx.account.lowBalanceThreshold, ctx.account.quotaAlertPercent};
}

Status validate(const AlertSettings &s)
{
    if (s.lowBalanceThreshold.isNegative())
        return Error::refused(EngineTr::tr("the low-balance threshold cannot be negative"));
    if (s.lowBalanceThreshold > kMaxLowBalanceThreshold)
        return Error::refused(EngineTr::tr("the low-balance threshold can be at most %1")
                                  .arg(kMaxLowBalanceThreshold.toString()));
    if (!s.lowBalanceThreshold.centRemainder().isZero())
        return Error::refused(EngineTr::tr("the low-balance threshold takes at most 2 decimals"));
    if (s.quotaAlertPercent < 0 || s.quotaAlertPercent > 100)
        return Error::refused(EngineTr::tr("the quota alert percentage must be between 0 and 100"));
    return {};
}

Status save(Context &ctx, const AlertSettings &s)
{
    if (Status allowed = authorize(ctx, Permission::EditSettings); !allowed)
        return allowed;
    if (Status v = validate(s); !v)
        return v;
    ctx.account.lowBalanceThreshold = s.lowBalanceThreshold;
    ctx.account.quotaAlertPercent = s.quotaAlertPercent;
    return ctx.accounts.save(ctx.account);
}

} // namespace billing::alerts
