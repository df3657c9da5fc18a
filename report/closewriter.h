#pragma once

// Closing a month (provider-bills.md §4), the part that billingctl and the console share: the pack is
// assembled, its content (the JSON) hashed, the three files written into the folder and the close
// recorded in the audit log, all inside the caller's transaction. The files are written into a private
// folder inside DIR first and moved into place at the end: a failure or a cancel leaves DIR as it was
// (and the caller rolls the transaction back).
#include "closetables.h"
#include "core/result.h"

#include <functional>

namespace billing {
struct Context;
}

namespace billing::report {

struct CloseResult
{
    QString month;
    QString contentHash;
    QString auditHead;
    QString closedAt;
    QStringList files; // absolute paths: the PDF, the XLSX, the JSON
    Money charged;     // the bill's amount charged (= the chargeback statements' sum)
    int statements = 0;
};

struct CloseHooks
{
    // Writes the PDF (billing_report_pdf's exportClosePdf, or billingctl's module).
    std::function<Status(const CloseDocument &, const QString &path)> pdf;
    // Step n of `steps` done; return false to cancel (checked between the steps).
    std::function<bool(int step, int steps)> progress;
};

// DIR must be an existing folder that can be written (bad usage otherwise, before anything is read).
Status checkCloseFolder(const QString &dir);

Result<CloseResult> closeMonth(Context &ctx, const QString &month, const QString &dir,
                               const CloseHooks &hooks);

} // namespace billing::report
