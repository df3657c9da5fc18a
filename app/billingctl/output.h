#pragma once

#include "engine/accountstatus.h"
#include "time/billingcalendar.h"

#include <QJsonObject>

namespace billing::cli {

// JSON shapes of cli-contract.md. Amounts are exact decimal strings, times ISO 8601 with offset.
QJsonObject statusJson(const AccountStatus &st, const BillingCalendar &cal);
QString amount(Money m);     // "12.34", more decimals only when needed
QString amountFine(Money m); // always 8 decimals, for fees and rounded-off amounts

} // namespace billing::cli
