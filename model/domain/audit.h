#pragma once

#include "time/instant.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace billing {

// One entry of the append-only, hash-chained audit log.
struct AuditEntry
{
    qint64 id = 0;
    Instant at = 0;
    QString actor;   // who: the operating-system user, or "system" for the engine's own actions
    QString action;  // what: "topup", "buy", "enable", …
    QString subject; // on what: "package 12", "general-text/cn-north-4", …
    QJsonObject before;
    QJsonObject after;
    QString prevHash;
    QString hash;
};

// What the console's audit page filters on; an empty field matches everything.
struct AuditFilter
{
    QString action;
    QString actor;
    std::optional<Instant> from; // at >= from
    std::optional<Instant> to;   // at < to
};

} // namespace billing
