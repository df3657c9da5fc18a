#pragma once

// The FOCUS 1.2 export as a file (provider-bills.md §3): CSV, UTF-8, a header row, the rows of
// analysis/focusexport.h. The file appears whole or not at all.
#include "analysis/focusexport.h"

namespace billing {
struct Context;
}

namespace billing::report {

// Writes the rows of `range` to `path`; returns how many rows it wrote.
Result<qint64> exportFocusCsv(Context &ctx, const FocusRange &range, const QString &path,
                              const FocusProgress &progress = {});

} // namespace billing::report
