#pragma once

// The bill's printed layout (billing_report_pdf, QtGui), shared by the PDF export and the console's print
// and print preview: the same HTML laid out by a QTextDocument, painted page by page with a footer on
// each page.
#include "billexport.h"

class QLocale;
class QPageLayout;
class QPagedPaintDevice;
class QTextDocument;

namespace billing::report {

// The page the PDF export uses and the console offers for printing: A4 landscape with its margins.
QPageLayout billPageLayout();

// Fills text with the bill's layout (header, lines, totals, payment summary, rounded-off note).
void renderBill(const BillDocument &doc, QTextDocument &text, const QLocale &locale);

// Paints the bill on a paged device (QPdfWriter, QPrinter) whose page layout is already set, a page
// at a time with the table's header on every page and "Page n of m" footers. The lines table's font
// shrinks (down to 4 pt) until the table fits the printable width: numbers are never cut or shortened,
// names too wide for their column are shortened with an ellipsis. Needs a QGuiApplication.
Status printBill(const BillDocument &doc, QPagedPaintDevice &device, const QLocale &locale);

// A4 landscape PDF (billPageLayout()) with real (extractable) text, painted by printBill. Needs a
// QGuiApplication (fonts); without one it fails with an error instead of crashing.
Status exportBillPdf(const BillDocument &doc, const QString &path, const QLocale &locale);

// Writes doc in the given format to path: the PDF here, CSV and XLSX through exportBillData.
Status exportBill(const BillDocument &doc, Format format, const QString &path, const QLocale &locale);

} // namespace billing::report
