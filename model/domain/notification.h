#pragma once

#include "time/instant.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace billing {

// The alerts the engine raises (billing-rules §8, §10, §13); each is stored by its id (alertKindId).
enum class AlertKind {
    ArrearsStarted,
    ArrearsCleared,
    LowBalance,
    Frozen,
    Released,
    FreezeSoon,
    QuotaLow,
    PackageExpired,
    PackageExpiring,
    AutoRenewed,
    AutoRenewFailed,
    CouponLapsed,
    BudgetActual,
    BudgetForecast,
    Anomaly,
    GuardFired,
};
QString alertKindId(AlertKind k); // "arrears-started", "low-balance", ...
std::optional<AlertKind> alertKindFromId(const QString &id);

struct Notification
{
    qint64 id = 0;
    Instant at = 0;
    QString kind;     // an alertKindId(), or the id of a kind a later version added
    QJsonObject args; // the facts the text needs; the text is made at display time, translated
    bool read = false;
};

} // namespace billing
