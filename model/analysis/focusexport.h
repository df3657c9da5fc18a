#pragma once

// The FOCUS 1.2 export (provider-bills.md §3): one row per transaction record of the bill months
// [from, to] (top-ups left out: they are payments), plus an Unused commitment row for the quota a package
// left when it expired. The rows are text in the columns of kFocusColumns, built here once; the CSV writer
// (report/focuscsv.h) only quotes them. Readings where the contract is open:
// - BilledCost is the record's charged amount, so each month's rows add up to the bill's amount due;
//   EffectiveCost follows the amortized view of cost analysis (costanalysis.h): pay-per-use lines their
//   charged amount, package-covered lines their part of the package price, purchases, renewals and
//   refunds 0, the Unused row the package's waste. Over months whose late lines are all inside the range,
//   the rows add up to analyzeCost(…, Amortized).total of the same months.
// - ListCost = ContractedCost is the exact fee before the floor to 8 decimals (fee + the fee remainder),
//   priced per 1,000 calls: ListUnitPrice × PricingQuantity (calls / 1000) equals it exactly on a line of
//   one tier; a line across two tiers carries its average price at 16 decimals. Purchases are priced per
//   package (PricingQuantity 1, −1 for a refund).
// - Amounts are exact decimal text, never rounded; an empty field is a null.
#include "core/result.h"
#include "time/instant.h"

#include <QString>
#include <QStringList>

#include <array>
#include <functional>

namespace billing {

struct Context;

enum class FocusColumn {
    BilledCost,
    BillingAccountId,
    BillingAccountName,
    BillingCurrency,
    BillingPeriodEnd,
    BillingPeriodStart,
    ChargeCategory,
    ChargeClass,
    ChargeDescription,
    ChargeFrequency,
    ChargePeriodEnd,
    ChargePeriodStart,
    CommitmentDiscountCategory,
    CommitmentDiscountId,
    CommitmentDiscountName,
    CommitmentDiscountQuantity,
    CommitmentDiscountStatus,
    CommitmentDiscountType,
    CommitmentDiscountUnit,
    ConsumedQuantity,
    ConsumedUnit,
    ContractedCost,
    ContractedUnitPrice,
    EffectiveCost,
    InvoiceIssuerName,
    ListCost,
    ListUnitPrice,
    PricingCategory,
    PricingQuantity,
    PricingUnit,
    ProviderName,
    PublisherName,
    RegionId,
    RegionName,
    ServiceCategory,
    ServiceName,
    SkuId,
    SkuMeter,
    SkuPriceDetails,
    SkuPriceId,
    SubAccountId,
    SubAccountName,
    Tags,
    RoundedOff, // x_RoundedOff, the custom column
    Count
};

// The header names, in the order of FocusColumn (a machine contract: never translated).
inline constexpr std::array<const char *, size_t(FocusColumn::Count)> kFocusColumns{
    "BilledCost",
    "BillingAccountId",
    "BillingAccountName",
    "BillingCurrency",
    "BillingPeriodEnd",
    "BillingPeriodStart",
    "ChargeCategory",
    "ChargeClass",
    "ChargeDescription",
    "ChargeFrequency",
    "ChargePeriodEnd",
    "ChargePeriodStart",
    "CommitmentDiscountCategory",
    "CommitmentDiscountId",
    "CommitmentDiscountName",
    "CommitmentDiscountQuantity",
    "CommitmentDiscountStatus",
    "CommitmentDiscountType",
    "CommitmentDiscountUnit",
    "ConsumedQuantity",
    "ConsumedUnit",
    "ContractedCost",
    "ContractedUnitPrice",
    "EffectiveCost",
    "InvoiceIssuerName",
    "ListCost",
    "ListUnitPrice",
    "PricingCategory",
    "PricingQuantity",
    "PricingUnit",
    "ProviderName",
    "PublisherName",
    "RegionId",
    "RegionName",
    "ServiceCategory",
    "ServiceName",
    "SkuId",
    "SkuMeter",
    "SkuPriceDetails",
    "SkuPriceId",
    "SubAccountId",
    "SubAccountName",
    "Tags",
    "x_RoundedOff",
};
QStringList focusHeader();

// One row: a field per column, null as an empty string.
struct FocusRow
{
    std::array<QString, size_t(FocusColumn::Count)> fields;
    QString &operator[](FocusColumn c) { return fields[size_t(c)]; }
    const QString &operator[](FocusColumn c) const { return fields[size_t(c)]; }
    QStringList toList() const { return QStringList(fields.begin(), fields.end()); }
};

// The bill months of an export, checked: both "YYYY-MM", from <= to (a bad-usage error otherwise).
struct FocusRange
{
    QString from;
    QString to;
};
Status validateFocusRange(const FocusRange &range);

// Months done of months in all; returns false to cancel (the export then ends with a Cancelled error).
using FocusProgress = std::function<bool(int done, int total)>;
using FocusSink = std::function<Status(const FocusRow &)>;

// Hands every row of the range to `sink`, month by month.
Status forEachFocusRow(Context &ctx, const FocusRange &range, const FocusSink &sink,
                       const FocusProgress &progress = {});

} // namespace billing
