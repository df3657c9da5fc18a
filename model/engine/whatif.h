#pragma once

// The scenario planner (issue #16, billing-rules §10): future months simulated by the billing engine
// itself on a scratch copy of the account, with usage synthesized from the last 28 complete days.
#include "core/result.h"
#include "domain/types.h"
#include "engine/guards.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace billing {

class Engine;

namespace whatif {

inline constexpr int kMaxScenarios = 3;
inline constexpr int kMaxMonths = 12;
inline constexpr int kSynthesisDays = 28;

// One change of a scenario, as the scenario file gives it (README "Scenario files").
struct Change
{
    enum class Type { Volume, Move, Buy, Renew, Unsubscribe, Enable, Disable, Guard };
    Type type = Type::Volume;
    int index = 0; // position in "changes", for messages
    QString api;   // volume: empty = every API; move: from_api
    QString toApi; // move
    QString project;
    QString region;
    QString sku;
    qint64 packageId = 0;
    qint64 percent = 0; // volume: −100 …; move: share 0 … 100
    QString date;       // YYYY-MM-DD; the change applies at 00:00:00 of that date
    Instant at = 0;
    guards::GuardSpec guard;
};

struct Scenario
{
    QString name;
    int months = 0; // 1 … 12; 0: not given (then 3, or the caller's --months)
    std::vector<Change> changes;
};

// Parses a scenario file. Malformed JSON is bad data (line/offset named); unknown keys, wrong types,
// missing keys, a percentage below −100, months outside 1 … 12 are bad usage naming the key and index.
Result<Scenario> parseScenario(const QByteArray &json);
// The same scenario as the file format writes it (the console saves scenarios this way).
QByteArray scenarioToJson(const Scenario &s);

struct PackageMoment
{
    qint64 packageId = 0;
    Instant at = 0;
};
struct LapsedQuota
{
    qint64 packageId = 0;
    qint64 calls = 0;
    Money worth; // price × lapsed ÷ quota, to the cent (down)
};
struct BudgetCrossing
{
    QString budget;
    int threshold = 0;
    QString kind; // "actual" or "forecast"
    Instant at = 0;
};
struct GuardFiring
{
    QString guard;
    Instant at = 0;
};
struct MonthResult
{
    QString month; // YYYY-MM
    Money charged, fee, roundedOff;
    std::vector<PackageMoment> quotaExhausted;
    std::vector<LapsedQuota> lapsedQuota;
    std::vector<BudgetCrossing> budgetCrossings;
    std::vector<GuardFiring> guardFirings;
};
struct ChangeRefused // a change the engine refused during the simulation (e.g. not enough money)
{
    int index = 0;
    Instant at = 0;
    QString message;
};
struct RunResult
{
    QString name;
    std::vector<MonthResult> months;
    std::vector<ChangeRefused> refused;
};
struct Report
{
    int months = 0;
    Instant from = 0; // the first simulated hour
    RunResult baseline;
    std::vector<RunResult> scenarios;
};

// (done, total) as the simulation advances; returning false cancels (the result is then an error).
using Progress = std::function<bool(int, int)>;

// Runs the baseline and each scenario (at most 3) on scratch copies of `account` made at `now`; the
// account itself is only read. Reported: the `months` whole calendar months after the month of now
// (the rest of the current month is simulated too). Changes are checked against the account first
// (unknown API, region, SKU or package, a date before today's end) and refused before anything runs.
// `actor` runs the scenario's commands on the copy.
Result<Report> plan(Engine &account, Instant now, const QString &actor,
                    const std::vector<Scenario> &scenarios, int months, const Progress &progress = {});

// The synthesized usage of one hour, for tests that replay it: rows "api,region,project,count".
struct SynthCount
{
    QString api, region, project;
    qint64 calls = 0;
};
// The account's billable calls of the last 28 complete days before `now`, per hour offset (0 … 671)
// from the window's start and (API, region, project), the window's start in `windowStart`.
Result<std::vector<std::vector<SynthCount>>> synthesisWindow(Engine &account, Instant now,
                                                             Instant &windowStart);
// The calls of hour `hour` under the scenario's volume and move changes.
std::vector<SynthCount> synthesizeHour(const std::vector<std::vector<SynthCount>> &window,
                                       Instant windowStart, Instant hour, const Scenario &scenario);

} // namespace whatif
} // namespace billing
