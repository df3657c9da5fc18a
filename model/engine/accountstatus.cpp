#include "engine/accountstatus.h"

#include "engine/context.h"

#include <algorithm>

namespace billing {

Result<AccountStatus> accountStatus(Context &ctx)
{
    AccountStatus st;
    st.now = ctx.now;
    st.account = ctx.account;
    st.asOf = ctx.calendar.hourStart(ctx.now);
    auto coupons = ctx.subscriptions.coupons();
    if (!coupons)
        return coupons.error();
    st.coupons = std::move(*coupons);
    auto packages = ctx.subscriptions.packages();
    if (!packages)
        return packages.error();
    st.packages = std::move(*packages);
    auto services = ctx.subscriptions.services();
    if (!services)
        return services.error();
    st.services = std::move(*services);
    const Catalog &cat = ctx.catalog;
    std::sort(st.services.begin(), st.services.end(), [&](const ServiceState &a, const ServiceState &b) {
        return std::pair(cat.apiIndex(a.api), cat.regionIndex(a.region)) <
               std::pair(cat.apiIndex(b.api), cat.regionIndex(b.region));
    });
    return st;
}

} // namespace billing
