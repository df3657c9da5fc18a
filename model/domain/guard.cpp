#include "domain/guard.h"

namespace billing {

QString guardTriggerId(Guard::Trigger t)
{
    return t == Guard::Trigger::MonthCost ? QStringLiteral("month-cost") : QStringLiteral("balance-floor");
}

std::optional<Guard::Trigger> guardTriggerFromId(const QString &id)
{
    if (id == QLatin1String("month-cost"))
        return Guard::Trigger::MonthCost;
    if (id == QLatin1String("balance-floor"))
        return Guard::Trigger::BalanceFloor;
    return std::nullopt;
}

} // namespace billing
