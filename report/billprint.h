#pragma once

// The bill's printed layout, shared by the PDF export and the console's print and print preview: the
// same HTML laid out by a QTextDocument, painted page by page with a footer on each page.
#include "billexport.h"

class QPagedPaintDevice;
class QTextDocument;

namespace billing::report {

// Fills text with the bill's layout (header, lines, totals, payment summary, rounded-off note).
void renderBill(const BillDocument &doc, QTextDocument &text, const QLocale &locale);

// Paints the bill on a paged device (QPdfWriter, QPrinter) whose page layout is already set, a page
// at a time with "Page n of m" footers. Needs a QGuiApplication.
Status printBill(const BillDocument &doc, QPagedPaintDevice &device, const QLocale &locale);

} // namespace billing::report
