#pragma once

#include "core/result.h"
#include "time/instant.h"
#include "usage/linemapping.h"

#include <QString>

class QIODevice;

namespace billing {

struct Context;

// Lets the console show progress and cancel; the CLI passes none.
class ImportObserver
{
public:
    virtual ~ImportObserver() = default;
    virtual void progress(qint64 bytesDone) { Q_UNUSED(bytesDone) }
    virtual bool isCancelled() const { return false; }
};

struct ImportOptions
{
    QString name;                // shown in the import history
    bool late = false;           // bill late records instead of refusing the file (billing-rules §4)
    MappingFactory mapping = {}; // a log in another layout, read through a column profile (model/mapping/)
    // Settle the hours that have ended while later lines are still read (performance.md P1), for input
    // sorted by time that can be read again. A record in an hour that was already settled this way fails
    // the import with *unsorted set: roll the command back, rewind the input and import it again without.
    bool overlapSettle = false;
    bool *unsorted = nullptr;
};

struct ImportSummary
{
    qint64 records = 0;
    qint64 calls = 0;
    qint64 lateRecords = 0;
    Instant first = 0;
    Instant last = 0;
};

// Adds a call-record file to the account's unsettled hours (run it with Engine::runThenCatchUp so the
// catch-up settles them after). All or nothing: any bad line, a late record without ImportOptions::late,
// a record later than now, a file imported before, or a cancellation refuses the whole file.
Result<ImportSummary> importCalls(Context &ctx, QIODevice &in, const ImportOptions &options,
                                  ImportObserver *observer = nullptr);

} // namespace billing
