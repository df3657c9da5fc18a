#pragma once

#include "engine/packages.h"

// What the package operations share: packages.cpp (purchase), packagerenewal.cpp and
// packageunsubscribe.cpp. Not for use outside them.
namespace billing::packages {

const Package *findPackage(const std::vector<Package> &all, qint64 id);
Status checkCanPay(const Context &ctx);
// Pays for one package (purchase or renewal) and stores it with its record and ledger entries.
Status payAndStore(Context &ctx, std::vector<Coupon> &coupons, Package &p, Record::Type type);
// Bad usage unless sku is a package size of the catalog (a renewal of p keeps its API and region).
Status checkRenewalSize(const Context &ctx, const Package &p, const QString &sku);
// The term that would follow the chain of `packageId` (refused for a cancelled or expired one), of the
// size `sku` (bad usage when it is no size of the catalog), the last term's size by default.
Result<Package> nextTerm(Context &ctx, const std::vector<Package> &all, qint64 packageId,
                         const std::optional<QString> &sku = std::nullopt);
// What paying for `terms` one after another would take from the coupons and the balance.
Quote quoteFor(Context &ctx, std::vector<Coupon> coupons, const std::vector<Package> &terms);

} // namespace billing::packages
