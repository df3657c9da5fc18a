#include "domain/types.h"

#include <array>

namespace billing {

namespace {
template <typename E, size_t N>
std::optional<E> lookup(const std::array<const char *, N> &ids, const QString &id)
{
    for (size_t i = 0; i < N; ++i)
        if (id == QLatin1String(ids[i]))
            return E(i);
    return std::nullopt;
}

constexpr std::array<const char *, 3> kStates = {"normal", "grace", "frozen"};
constexpr std::array<const char *, 8> kLedgerKinds = {
    "topup", "charge", "purchase", "refund", "coupon-grant", "coupon-use", "coupon-refund", "coupon-lapse"};
constexpr std::array<const char *, 5> kPackageStatus = {"pending", "active", "used-up", "expired",
                                                        "cancelled"};
constexpr std::array<const char *, 6> kRecordTypes = {"usage",  "purchase", "renewal",
                                                      "refund", "topup",    "coupon"};
} // namespace

QString accountStateId(AccountState s)
{
    return QLatin1String(kStates[size_t(s)]);
}
std::optional<AccountState> accountStateFromId(const QString &id)
{
    return lookup<AccountState>(kStates, id);
}

QString ledgerKindId(LedgerEntry::Kind k)
{
    return QLatin1String(kLedgerKinds[size_t(k)]);
}
std::optional<LedgerEntry::Kind> ledgerKindFromId(const QString &id)
{
    return lookup<LedgerEntry::Kind>(kLedgerKinds, id);
}

QString packageStatusId(Package::Status s)
{
    return QLatin1String(kPackageStatus[size_t(s)]);
}

QString recordTypeId(Record::Type t)
{
    return QLatin1String(kRecordTypes[size_t(t)]);
}
std::optional<Record::Type> recordTypeFromId(const QString &id)
{
    return lookup<Record::Type>(kRecordTypes, id);
}

Package::Status Package::statusAt(Instant now) const
{
    if (cancelledAt)
        return Status::Cancelled;
    if (now < effectiveAt)
        return Status::Pending;
    if (now >= endAt)
        return Status::Expired;
    return remaining > 0 ? Status::Active : Status::UsedUp;
}

} // namespace billing
