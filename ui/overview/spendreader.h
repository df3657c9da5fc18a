#pragma once

#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"
#include "widgets/backgroundtask.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace billing {
class Clock;
} // namespace billing

namespace billing::ui {

// The spending tile's two figures: cash spent this month to date and last month up to the same time.
struct SpendRange
{
    Instant from = 0;
    Instant to = 0;
    Instant lastFrom = 0;
    Instant lastTo = 0;
};
struct SpendFigures
{
    Money monthToDate;
    Money lastMonthSameDay;
    std::optional<Error> error;
};

// Reads the two figures in one worker thread over one connection (each is a sum of the cost rollups,
// well under a millisecond: a second thread and connection would cost more than they save) and hands
// them over together. A newer start supersedes a read still running: its figures are stale and never
// handed over.
class SpendReader
{
public:
    SpendReader();

    void onLoaded(std::function<void(const SpendFigures &)> done) { m_done = std::move(done); }
    void start(const QString &location, const Clock &clock, const SpendRange &range);
    bool isRunning() const { return m_task.isRunning(); }

private:
    void onCash(const Result<std::vector<Money>> &cash);

    BackgroundTask<Result<std::vector<Money>>> m_task; // this month to date, last month to the same time
    std::function<void(const SpendFigures &)> m_done;
};

} // namespace billing::ui
