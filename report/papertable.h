#pragma once

// A table for paper (the bill's lines on a PDF page or a printer's): its cells as texts and its column
// widths fitted to the printable width, emitted as HTML for a QTextDocument. Numbers get the width they
// need and never break; names share what is left, each at least a few characters wide, and are shortened
// with an ellipsis when they are wider.
#include <QList>
#include <QStringList>

class QFont;
class QPaintDevice;

namespace billing::report {

struct PaperTable
{
    QStringList titles;               // the header row, repeated on every page
    int textColumns = 0;              // the first columns hold names (left aligned)
    QList<QStringList> rows;          // the body; the other columns hold numbers (right aligned)
    int boldRows = 0;                 // the last rows are totals, in bold
    QString empty;                    // shown across the table when there are no rows
    static constexpr int Padding = 3; // cell padding, CSS pixels
};

// Column widths (device pixels, padding included) that fill `width`, measured with `font` on `device`;
// empty when the numbers and the narrowest names do not fit in it (a smaller font may).
QList<qreal> fitColumns(const PaperTable &table, const QFont &font, QPaintDevice *device, qreal width);

// The table as HTML with those widths (class "lines"; rows shaded alternately), names that do not fit
// their column shortened with an ellipsis in the middle. No widths: the columns take what they need.
QString paperTableHtml(const PaperTable &table, const QList<qreal> &widths, const QFont &font,
                       QPaintDevice *device);

} // namespace billing::report
