#pragma once

#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>

namespace billing {

class Clock;

// The cash spent in [from, to) (cashTotal, the cash view), read by a worker thread through an engine of
// its own over `location` (a database connection belongs to its thread), without catch-up: the caller
// has caught up first. The connection reads the file mapped into memory (storage/readtuning.h): the
// overview's spending figures are its first paint's last numbers (performance.md P4b).
Result<Money> readCashTotal(const QString &location, const Clock &clock, Instant from, Instant to);

} // namespace billing
