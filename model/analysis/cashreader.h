#pragma once

#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>

#include <utility>
#include <vector>

namespace billing {

class Clock;

// The cash spent in each [from, to) of `ranges` (cashTotal, the cash view), in their order, read by a
// worker thread through one engine of its own over `location` (a database connection belongs to its
// thread), without catch-up: the caller has caught up first. The connection reads the file mapped into
// memory (storage/readtuning.h). The overview's spending figures are its first paint's last numbers
// (performance.md P4b): each is a sum of rollups, so one connection sums them all, one after the other,
// rather than opening one per figure.
Result<std::vector<Money>> readCashTotals(const QString &location, const Clock &clock,
                                          const std::vector<std::pair<Instant, Instant>> &ranges);

} // namespace billing
