#pragma once

// The close pack as an A4 landscape PDF (billing_report_pdf): the facts, then every section of
// closetables.h as a table fitted to the page width (the font shrinks until every table fits; names too
// wide for their column are shortened with an ellipsis, numbers never). The PDF's own metadata holds the
// time it was written (QPdfWriter's creation date), the close's own time; the content is what the JSON
// file beside it holds, and its hash is that file's SHA-256.
#include "closetables.h"

class QLocale;

namespace billing::report {

// Needs a QGuiApplication (fonts); without one it fails with an error instead of crashing.
Status exportClosePdf(const CloseDocument &doc, const QString &path, const QLocale &locale);

} // namespace billing::report
