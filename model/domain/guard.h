#pragma once

#include "money/money.h"
#include "time/instant.h"

#include <QString>

#include <optional>

namespace billing {

// A spend guard (billing-rules §13, §12.19): when its trigger holds at the end of a settled hour it
// disables every enabled service of its scope, the way a person would.
struct Guard
{
    enum class Trigger { MonthCost, BalanceFloor };

    qint64 id = 0; // 0: not stored yet; guards are checked in id order
    QString name;
    QString api;    // empty: every API
    QString region; // empty: every region
    Trigger trigger = Trigger::MonthCost;
    Money amount;                   // the month's cost limit, or the balance floor
    bool fired = false;             // as of its last check (a cost guard: in the month of firedAt's hour)
    std::optional<Instant> firedAt; // the hour end it last fired at
    Instant createdAt = 0;          // first checked at the first hour end after this

    bool inScope(const QString &serviceApi, const QString &serviceRegion) const
    {
        return (api.isEmpty() || api == serviceApi) && (region.isEmpty() || region == serviceRegion);
    }
};

QString guardTriggerId(Guard::Trigger t); // "month-cost", "balance-floor"
std::optional<Guard::Trigger> guardTriggerFromId(const QString &id);

} // namespace billing
