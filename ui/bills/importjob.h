#pragma once

#include "engine/importer.h"
#include "usage/callrecordcheck.h"

#include <optional>

namespace billing {
class Clock;
}

namespace billing::ui {

// What an import of a call-record file came to: its summary, or why it was refused; when refused,
// every refused line of the file (the import itself stops at the first).
struct ImportOutcome
{
    std::optional<ImportSummary> summary;
    std::optional<Error> error;
    bool cancelled = false;
    bool checked = false;
    CallRecordCheck check;
};

// Runs in a worker thread: opens its own Engine on location, imports the file in one transaction
// (Engine::runThenCatchUp: all or nothing; a cancel through the observer rolls everything back) and,
// if it is refused, reads the file again to list every refused line (at most 1000).
ImportOutcome runImport(const QString &location, const Clock &clock, const QString &path,
                        const ImportOptions &options, ImportObserver *observer);

} // namespace billing::ui
