#pragma once

#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"
#include "widgets/backgroundtask.h"

#include <QString>

#include <functional>
#include <optional>

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

// Reads the two figures in two worker threads, a month each side by side (each sums about as many
// records), and hands them over together once both are in. A newer start supersedes a read still
// running: its figures are stale and never handed over.
class SpendReader
{
public:
    SpendReader();

    void onLoaded(std::function<void(const SpendFigures &)> done) { m_done = std::move(done); }
    void start(const QString &location, const Clock &clock, const SpendRange &range);
    bool isRunning() const { return m_thisTask.isRunning() || m_lastTask.isRunning(); }

private:
    void onCash(bool thisMonth, const Result<Money> &cash);

    BackgroundTask<Result<Money>> m_thisTask; // this month to date
    BackgroundTask<Result<Money>> m_lastTask; // last month up to the same day and hour
    std::optional<Result<Money>> m_thisCash;
    std::optional<Result<Money>> m_lastCash;
    std::function<void(const SpendFigures &)> m_done;
};

} // namespace billing::ui
