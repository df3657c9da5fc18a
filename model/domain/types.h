#pragma once

#include "domain/amounts.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>

#include <optional>

namespace billing {

enum class AccountState { Normal, Grace, Frozen };
QString accountStateId(AccountState s); // "normal", "grace", "frozen"
std::optional<AccountState> accountStateFromId(const QString &id);

struct Account
{
    QString name;
    QString currency;
    int utcOffsetSeconds = 8 * 3600;
    Instant createdAt = 0;
    Instant processedUntil = 0; // everything due up to and including this instant has been processed
    Money balance;              // cached; always equal to the ledger's sum (verify checks it)
    AccountState state = AccountState::Normal;
    std::optional<Instant> stateUntil;
    bool released = false;
    int graceDays = 15;
    int retentionDays = 15;
    Money lowBalanceThreshold;
    int quotaAlertPercent = 10;
    qint64 nextSeq = 0; // import order of call records, for ties at one instant

    Money arrears() const { return balance.isNegative() ? -balance : Money(); }
    bool operator==(const Account &) const = default;
};

// One money movement. Cash entries move the balance; coupon entries move one coupon's remainder.
struct LedgerEntry
{
    enum class Kind { TopUp, Charge, Purchase, Refund, CouponGrant, CouponUse, CouponRefund, CouponLapse };
    qint64 id = 0;
    Instant at = 0;
    Kind kind = Kind::TopUp;
    Money cashDelta;
    Money balanceAfter;
    std::optional<qint64> couponId;
    Money couponDelta;
    std::optional<qint64> recordId;
    std::optional<qint64> packageId;
};
QString ledgerKindId(LedgerEntry::Kind k);
std::optional<LedgerEntry::Kind> ledgerKindFromId(const QString &id);

struct Coupon
{
    qint64 id = 0;
    Money amount;
    Money remaining;
    Instant grantedAt = 0;
    Instant expiresAt = 0;
    QString api; // empty: general
    bool lapsed = false;
};

struct Package
{
    enum class Status { Pending, Active, UsedUp, Expired, Cancelled };
    qint64 id = 0;
    QString api;
    QString region;
    QString sku;
    qint64 quota = 0;
    qint64 remaining = 0;
    Money price;
    Instant purchasedAt = 0;
    Instant effectiveAt = 0;
    Instant endAt = 0; // exclusive: 00:00:00 after the last day; the last second is endAt − 1 s
    std::optional<Instant> cancelledAt;
    bool autoRenew = false;
    int renewDays = 7;
    // The size auto-renew renews as (billing-rules §6, "renew as another size"); none: this term's size.
    // It acts only while auto-renew is on: switching auto-renew off forgets it.
    std::optional<QString> renewSku;
    std::optional<qint64> previousId;
    bool expiryNoted = false;

    bool inForceAt(Instant t) const { return !cancelledAt && effectiveAt <= t && t < endAt; }
    Status statusAt(Instant now) const;
    Instant lastSecond() const { return endAt - kMicrosPerSecond; }
    // The size of the term an auto-renewal of this package would buy.
    QString autoRenewSku() const { return renewSku.value_or(sku); }
    void switchAutoRenewOff()
    {
        autoRenew = false;
        renewSku.reset();
    }
};
QString packageStatusId(Package::Status s);

struct ServiceState
{
    QString api;
    QString region;
    bool enabled = false;
    Instant changedAt = 0;
};

// A transaction record (billing-rules §9); its calls and amounts are the Amounts it derives from.
struct Record : Amounts
{
    enum class Type { Usage, Purchase, Renewal, Refund, TopUp, Coupon };
    qint64 id = 0;
    Type type = Type::Usage;
    Instant at = 0;
    Instant expenditureAt = 0;
    QString billMonth;
    QString api;
    QString region;
    QString project;
    QString mode; // "pay-per-use", "package" or empty
    std::optional<qint64> packageId;
    std::optional<qint64> couponId;
    bool late = false;
    qint64 feeRemainder = 0; // (Σ per-1000 prices) mod 1000, what the floor to 8 decimals dropped
};
QString recordTypeId(Record::Type t);
std::optional<Record::Type> recordTypeFromId(const QString &id);

inline const QString kModePayPerUse = QStringLiteral("pay-per-use");
inline const QString kModePackage = QStringLiteral("package");

} // namespace billing
