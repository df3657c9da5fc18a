#pragma once

// What the column-mapping dialog shows of a provider bill in a layout the reconciliation does not
// recognize (provider-bills.md §1): the first rows of the file's first table in its own columns, and the
// same rows as reconciliation reads them through a "provider-bill" profile, each row either a line, a
// row of another service that is ignored, or the reason it cannot be read.
#include "core/result.h"
#include "mapping/preview.h"
#include "reconcile/billfile.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace billing {

struct Context;

// The options reconciliation reads the account's bill files with (its catalog, name, currency and
// calendar), without a profile.
BillFileOptions billOptionsOf(const Context &ctx);

// The header (the first row of the first table, as a profile reads it) and up to maxRows rows after it.
// CSV, XLSX or a ZIP of them, as reconciliation reads them. Read only as far as needed.
Result<SourceSample> sampleBillFile(const QString &path, int maxRows);

struct BillPreviewRow
{
    qint64 line = 0;
    std::optional<BillLineKey> key; // a line the reconciliation compares
    LineFigures figures;
    QString ignored; // why a row is left out (another service, a product not in the catalog)
    QString problem; // why a row cannot be read (the reconciliation would refuse the file)
};

// The sample's rows as readBillFile reads them with options (its profile); a header without the
// profile's columns is an error. `table` names the file in the rows' problems.
Result<std::vector<BillPreviewRow>> previewBillRows(const SourceSample &sample,
                                                    const BillFileOptions &options, const QString &table);

// Whether the file's layout is recognized by its headers (a provider bill, FOCUS, the console's
// exports) without a profile: reads the first rows only. An unreadable file is an error.
Result<bool> billLayoutRecognized(const QString &path, const BillFileOptions &options);

// The profile field (columnprofile.cpp, ProviderBill) a provider header gives (English or Chinese, case
// and spacing ignored), or empty: the mapping dialog's first guess.
QString suggestedBillField(const QString &header);

} // namespace billing
