// The close pack as a PDF (closeprint.h): HTML laid out by QTextDocument, painted page by page.
#include "billprint.h"
#include "closeprint.h"
#include "exportcommon.h"
#include "pagedprint.h"
#include "papertable.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QDir>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPdfWriter>
#include <QTextDocument>

namespace billing::report {

namespace {
constexpr int Dpi = 96;
constexpr qreal TablePoints = 8;
constexpr qreal MinTablePoints = 4;
constexpr qreal PointStep = 0.5;

const char *const StyleSheet = R"(
p.account { font-size: 16pt; font-weight: 600; margin-bottom: 0px; }
p.title { font-size: 13pt; color: #333333; margin-top: 2px; margin-bottom: 8px; }
table.facts { margin-bottom: 10px; }
td.key { color: #555555; padding-right: 12px; }
table.lines { font-size: %1pt; }
th { font-weight: 600; background-color: #dde3ea; border-bottom: 1px solid #666666; }
table.lines td { white-space: nowrap; }
td.total { font-weight: 600; border-top: 1px solid #666666; }
p.section { font-size: 11pt; font-weight: 600; margin-top: 14px; margin-bottom: 4px; }
p.note { margin-top: 4px; color: #333333; font-style: italic; }
)";

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

PaperTable paperOf(const CloseTable &t)
{
    PaperTable p{t.headers, t.textColumns, {}, t.boldRows, t.empty};
    for (const auto &row : t.rows) {
        QStringList cells;
        for (const CloseCell &c : row)
            cells << c.text;
        p.rows << cells;
    }
    return p;
}

void render(const CloseDocument &doc, const std::vector<PaperTable> &tables,
            const std::vector<CloseTable> &source, QTextDocument &text, qreal points,
            const std::vector<QList<qreal>> &widths, QPaintDevice *device)
{
    text.setDefaultFont(paperFont(9));
    text.setDefaultStyleSheet(QString::fromLatin1(StyleSheet).arg(points));
    text.setDocumentMargin(0);
    QTextOption wrap = text.defaultTextOption();
    wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    text.setDefaultTextOption(wrap);
    QString h;
    h += QStringLiteral("<p class=\"account\">%1</p>")
             .arg(esc(doc.pack.accountName.isEmpty() ? Tr::tr("OCR Billing Console") : doc.pack.accountName));
    h += QStringLiteral("<p class=\"title\">%1</p>").arg(esc(closeTitle(doc.pack.month)));
    h += QStringLiteral("<table class=\"facts\" cellspacing=\"0\" cellpadding=\"1\">");
    for (const auto &[key, value] : closeFacts(doc))
        h += QStringLiteral("<tr><td class=\"key\">%1</td><td>%2</td></tr>").arg(esc(key), esc(value));
    h += QStringLiteral("</table>");
    for (size_t i = 0; i < tables.size(); ++i) {
        h += QStringLiteral("<p class=\"section\">%1</p>").arg(esc(source[i].title));
        h +=
            paperTableHtml(tables[i], widths.empty() ? QList<qreal>() : widths[i], paperFont(points), device);
        for (const QString &note : source[i].notes)
            h += QStringLiteral("<p class=\"note\">%1</p>").arg(esc(note));
    }
    text.setHtml(h);
}

Status printClose(const CloseDocument &doc, QPagedPaintDevice &device, const QLocale &locale)
{
    const int dpi = device.logicalDpiX();
    const QRectF page(QPointF(0, 0), device.pageLayout().paintRectPixels(dpi).size());
    const qreal bodyHeight = page.height() - 2 * footerHeight(device);
    const std::vector<CloseTable> source = closeTables(doc, locale, true);
    std::vector<PaperTable> tables;
    for (const CloseTable &t : source)
        tables.push_back(paperOf(t));
    QTextDocument text;
    text.documentLayout()->setPaintDevice(&device);
    // The largest table font at which every table's columns fit the page; the layout then proves it.
    for (qreal points = TablePoints;; points -= PointStep) {
        const bool last = points - PointStep < MinTablePoints;
        std::vector<QList<qreal>> widths;
        bool fits = true;
        for (const PaperTable &t : tables) {
            widths.push_back(fitColumns(t, paperFont(points), &device, page.width()));
            fits = fits && !widths.back().isEmpty();
        }
        if (!fits && !last)
            continue;
        render(doc, tables, source, text, points, fits ? widths : std::vector<QList<qreal>>(), &device);
        text.setPageSize(QSizeF(page.width(), bodyHeight));
        if (tablesWidth(text) <= page.width() || last)
            break;
    }
    keepHeadingsWithTables(text, bodyHeight);
    return paintPages(text, device, bodyHeight, closeTitle(doc.pack.month));
}
} // namespace

Status exportClosePdf(const CloseDocument &doc, const QString &path, const QLocale &locale)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error::internal(Tr::tr("cannot write \"%1\": the PDF export needs a QGuiApplication")
                                   .arg(QDir::toNativeSeparators(path)));
    return saveAtomically(path, [&](QIODevice &out) -> Status {
        QPdfWriter writer(&out);
        writer.setResolution(Dpi);
        writer.setPageLayout(billPageLayout());
        writer.setTitle(closeTitle(doc.pack.month));
        writer.setCreator(QStringLiteral("OCR Billing Console"));
        return printClose(doc, writer, locale);
    });
}

} // namespace billing::report
