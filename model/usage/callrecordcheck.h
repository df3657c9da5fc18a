#pragma once

// Lists every refused line of a call-record file, for the console's import report. The import itself
// stops at the first bad line (all or nothing); this reads the file again with the same reader, going
// on after bad lines, and also names the lines the import would refuse as later than now or late.
#include "core/result.h"
#include "time/billingcalendar.h"
#include "time/instant.h"
#include "usage/linemapping.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

class QIODevice;

namespace billing {

class Catalog;

struct CallRecordProblem
{
    qint64 line = 0;
    QString column; // "3 (region)", a JSON field name, or empty for the whole line
    QString reason;
};

struct CallRecordCheckOptions
{
    int maxProblems = 1000;
    std::optional<Instant> notAfter;       // records later than this are refused (the import's now)
    std::optional<Instant> settledBefore;  // records in hours before this are late ...
    std::optional<Instant> accountCreated; // ... and so are records before the account existed
    BillingCalendar calendar = BillingCalendar(BillingCalendar::DefaultOffsetSeconds);
    std::function<bool()> cancelled; // optional; checked every few thousand lines
    MappingFactory mapping = {};     // optional: a log read through a column profile
};

struct CallRecordCheck
{
    qint64 records = 0;     // good records read
    qint64 lateRecords = 0; // of which late (listed as problems too)
    std::vector<CallRecordProblem> problems;
    bool truncated = false; // more problems than maxProblems
    bool stopped = false;   // the reader could not go on (bad header, unreadable, overlong line)
};

Result<CallRecordCheck> checkCallRecords(QIODevice &in, const Catalog &catalog,
                                         const CallRecordCheckOptions &options);

} // namespace billing
