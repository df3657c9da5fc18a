#include "pagedprint.h"
#include "exportcommon.h"

#include <QAbstractTextDocumentLayout>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QtMath>

#include <algorithm>

namespace billing::report {

QFont paperFont(qreal points)
{
    QFont f(QStringList{QStringLiteral("DejaVu Sans"), QStringLiteral("Liberation Sans"),
                        QStringLiteral("Noto Sans")});
    // No shaping for Latin text: no "fi"/"ff" ligatures, so the text reads back (pdftotext, copy and
    // search) exactly as written.
    f.setStyleHint(QFont::SansSerif, QFont::PreferNoShaping);
    f.setPointSizeF(points);
    return f;
}

// The tables start at the left edge (no document margin); their bounding rects' x is their cell padding.
qreal tablesWidth(QTextDocument &text)
{
    qreal width = 0;
    for (QTextFrame *frame : text.rootFrame()->childFrames())
        width = std::max(width, text.documentLayout()->frameBoundingRect(frame).width());
    return width;
}

// QTextDocument has no "keep with next", so the heading gets a page break.
void keepHeadingsWithTables(QTextDocument &text, qreal pageHeight)
{
    QAbstractTextDocumentLayout *layout = text.documentLayout();
    auto pageOf = [&](const QTextBlock &b) {
        return qFloor(layout->blockBoundingRect(b).top() / pageHeight);
    };
    for (QTextFrame *table : text.rootFrame()->childFrames()) {
        QTextCursor heading(table->firstCursorPosition());
        const QTextBlock firstCell = heading.block();
        if (!heading.movePosition(QTextCursor::PreviousBlock) || heading.block().text().trimmed().isEmpty())
            continue;
        if (pageOf(heading.block()) != pageOf(firstCell)) {
            QTextBlockFormat format;
            format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
            heading.mergeBlockFormat(format);
        }
    }
}

qreal footerHeight(QPagedPaintDevice &device)
{
    return QFontMetricsF(paperFont(7.5), &device).height();
}

Status paintPages(QTextDocument &text, QPagedPaintDevice &device, qreal bodyHeight, const QString &left)
{
    const int dpi = device.logicalDpiX();
    const QRectF page(QPointF(0, 0), device.pageLayout().paintRectPixels(dpi).size());
    const qreal footer = footerHeight(device);
    QPainter painter;
    if (!painter.begin(&device))
        return Error::internal(Tr::tr("the PDF writer could not start"));
    const int pages = text.pageCount();
    for (int p = 0; p < pages; ++p) {
        if (p > 0 && !device.newPage())
            return Error::internal(Tr::tr("the PDF writer could not add a page"));
        painter.save();
        painter.translate(0, -p * bodyHeight);
        // drawContents() leaves out what is outside the rect but paints a line it touches whole: the
        // clip keeps the end of the previous page out of this page's top margin.
        painter.setClipRect(QRectF(0, p * bodyHeight, page.width(), bodyHeight));
        text.drawContents(&painter, QRectF(0, p * bodyHeight, page.width(), bodyHeight));
        painter.restore();

        const QRectF foot(0, page.height() - footer, page.width(), footer);
        painter.setPen(QColor(0x55, 0x55, 0x55));
        painter.drawLine(foot.topLeft() - QPointF(0, footer * 0.4),
                         foot.topRight() - QPointF(0, footer * 0.4));
        painter.setFont(paperFont(7.5));
        painter.drawText(foot, Qt::AlignLeft | Qt::AlignVCenter, left);
        painter.drawText(foot, Qt::AlignRight | Qt::AlignVCenter,
                         Tr::tr("Page %1 of %2").arg(p + 1).arg(pages));
    }
    if (!painter.end())
        return Error::internal(Tr::tr("the PDF writer could not finish the file"));
    return {};
}

} // namespace billing::report
