#pragma once

// The words of bill files (provider-bills.md §1): header names in English and Chinese, billing modes and
// bill types, billing cycles; shared by the reader's files. Internal to model/reconcile/.
#include "reconcile/billfile.h"

#include <QHash>
#include <QString>

#include <optional>

namespace billing::billwords {

inline constexpr int kHeaderSearchRows = 10; // title rows a file may have above its header

enum class F {
    Cycle,
    Project,
    Account,
    ServiceCode,
    Service,
    ResourceCode,
    Resource,
    Product,
    Spec,
    Region,
    Mode,
    BillType,
    Time,
    TransactionId,
    Usage,
    UsageUnit,
    ListPrice,
    Truncated,
    Due,
    Currency,
    Count
};

enum class Kind { None, Provider, Focus, OursTransactions, OursBill };

enum class BillType { Usage, Purchase, Renewal, Refund, Other };

// Case, spaces, underscores and hyphens ignored: "Amount Due", "amount_due" and "AMOUNTDUE" are one.
QString norm(const QString &s);
QString at(const QString &table, qint64 line, int column);
const QHash<QString, F> &providerHeaders();
// The profile field ids (columnprofile.cpp, ProviderBill) of the meanings above.
std::optional<F> profileMeaning(const QString &field);
std::optional<BillType> billTypeOf(const QString &v);
std::optional<QString> modeOf(const QString &v); // "pay-per-use" / "package"
QString monthOfCycle(const QString &v);          // "YYYY-MM", or empty

} // namespace billing::billwords
