#pragma once

#include "engine/packages.h"

// What the package operations share: packages.cpp (purchase), packagerenewal.cpp and
// packageunsubscribe.cpp. Not for use outside them.
namespace billing::packages {

const Package *findPackage(const std::vector<Package> &all, qint64 id);
Status checkCanPay(const Context &ctx);
// Pays for one package (purchase or renewal) and stores it with its record and ledger entries.
Status payAndStore(Context &ctx, std::vector<Coupon> &coupons, Package &p, Record::Type type);
// The term that would follow the chain of `packageId` (refused for a cancelled or expired one).
Result<Package> nextTerm(Context &ctx, const std::vector<Package> &all, qint64 packageId);
// What paying for `terms` one after another would take from the coupons and the balance.
Quote quoteFor(Context &ctx, std::vector<Coupon> coupons, const std::vector<Package> &terms);

} // namespace billing::packages
