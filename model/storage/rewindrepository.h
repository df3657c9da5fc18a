#pragma once

#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace billing {

class Database;

// Takes a scratch copy of an account (a SQLite database nobody else sees) back to the instant `t`, for
// the guard dry run (billing-rules §13): everything the settlement and the catch-up did after t is
// undone (lines, ledger entries, tier counters, package quota, coupon remainders, the balance and the
// account's state, notifications, budget alerts, guard states, renewals, sealed months), the calls of
// the hours settled after t are handed back, and so are the commands the replay must make again.
// The account itself is never opened here.
class RewindRepository
{
public:
    explicit RewindRepository(Database &copy) : m_db(copy) {}

    // The calls of one hour as the account counted them (every status and outcome, late calls apart).
    struct HourCalls
    {
        Instant hour = 0;
        QString api, region, project;
        int status = 200;
        qint64 calls = 0;
    };
    // A command the replay makes again at its instant: a top-up, a person's enable or disable, or a
    // purchase (of `quantity` packages as the account's rows of it describe them, auto-renew as it is now).
    struct Command
    {
        enum class Kind { TopUp, Enable, Disable, Buy };
        Instant at = 0;
        Kind kind = Kind::TopUp;
        QString api, region;
        Money amount;
        QString sku;
        Instant effective = 0;
        bool autoRenew = false;
        int renewDays = 7;
        int quantity = 1;
    };
    // What was billed in (after, until]: the calls of the usage lines and the charged and arrears amounts
    // of every record settled or made then.
    struct Figures
    {
        qint64 calls = 0;
        Money charged;
        Money arrears;
    };

    // A change after `after` the replay cannot make again (a person's renewal, an unsubscription, a coupon,
    // a guard removal, a stop of billing, late usage, a release): its audit action (or kind) and instant.
    struct Unreplayable
    {
        QString what;
        Instant at = 0;
    };
    Result<std::optional<Unreplayable>> unreplayable(Instant after, Instant until);
    Result<Figures> figures(Instant after, Instant until);
    Result<std::vector<HourCalls>> calls(Instant fromHour, Instant toHour);
    Result<std::vector<Command>> commands(Instant after, Instant until);
    // Undoes everything after t in one transaction. monthKey(instant) names the tier counter's month.
    Status rewind(Instant t, const std::function<QString(Instant)> &monthKey);

private:
    Database &m_db;
};

} // namespace billing
