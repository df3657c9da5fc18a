#pragma once

// What the paper documents (the bill, the close pack) share: their font, the widest table as laid out,
// headings kept with their tables, and painting a laid-out QTextDocument page by page with a footer.
#include "core/result.h"

#include <QFont>
#include <QString>

class QPagedPaintDevice;
class QTextDocument;

namespace billing::report {

// DejaVu Sans (or another sans) without shaping: the text reads back as written (no ligatures).
QFont paperFont(qreal points);

// The widest table of the document as laid out (a table wider than the page shows here).
qreal tablesWidth(QTextDocument &text);

// A heading left at the foot of a page while its table starts on the next one moves over with it.
void keepHeadingsWithTables(QTextDocument &text, qreal pageHeight);

// Paints the document (its page size already set to the body's) on the device a page at a time with a
// rule and the footer `left` / "Page n of m" under each page. Needs a QGuiApplication.
Status paintPages(QTextDocument &text, QPagedPaintDevice &device, qreal bodyHeight, const QString &left);

// The footer's height on the device: the body is the page less twice this.
qreal footerHeight(QPagedPaintDevice &device);

} // namespace billing::report
