#pragma once

#include "core/result.h"
#include "domain/types.h"

#include <vector>

namespace billing {

struct Context;

// What `status` shows (cli-contract.md): the account, every coupon and package ever created and every
// service in catalog order.
struct AccountStatus
{
    Instant now = 0;
    Account account;
    std::vector<Coupon> coupons;
    std::vector<Package> packages;
    std::vector<ServiceState> services;
    Instant asOf = 0; // end of the last settled hour
};

Result<AccountStatus> accountStatus(Context &ctx);

} // namespace billing
