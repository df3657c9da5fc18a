#pragma once

// The one wording of every alert, made at display time so that it follows the user's language. How
// the facts inside a sentence read (amounts, times, APIs) is the caller's: plain for billingctl, with
// the user's locale, the account's time zone and the catalog's names on the console.
#include "domain/notification.h"

class QJsonValue;

namespace billing {

// Formats the facts of an alert; the defaults keep them as stored (exact amounts, ISO 8601 times, ids).
class AlertFormat
{
public:
    virtual ~AlertFormat() = default;
    virtual QString money(const QString &exact) const { return exact; }
    virtual QString time(const QString &timestamp) const { return timestamp; }
    virtual QString number(const QJsonValue &value) const;
    virtual QString api(const QString &id) const { return id; }
    virtual QString region(const QString &id) const { return id; }
};

// The translated sentence of a stored alert; a kind this version does not know lists its facts.
QString notificationText(const Notification &n, const AlertFormat &format = AlertFormat());
// A short translated title for the kind ("Arrears cleared"); an unknown kind's id, readable.
QString notificationTitle(const QString &kind);

} // namespace billing
