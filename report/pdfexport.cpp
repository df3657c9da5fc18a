// The bill as an A4 landscape PDF: an HTML table laid out by QTextDocument and painted page by page on a
// QPdfWriter, so that the text stays text (searchable, copyable, readable by pdftotext).
#include "billexport.h"
#include "billprint.h"
#include "exportcommon.h"
#include "pagedprint.h"
#include "papertable.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QDir>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QLocale>
#include <QPageLayout>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QtMath>

#include <algorithm>

namespace billing::report {

namespace {
constexpr int Dpi = 96; // layout units are CSS pixels; the PDF itself is vector text

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

struct Cells
{
    const QLocale &locale;
    QString money(Money m) const { return m.toDisplayString(locale, 2); }
    QString fine(Money m) const { return m.toDisplayString(locale, Money::Decimals); }
};

// The lines table's cells: names (as on screen), then calls and the amounts; the totals row last.
PaperTable linesTable(const BillDocument &doc, const QLocale &locale)
{
    PaperTable table{columnTitles(), 3, {}, 1, Tr::tr("No charges in this month.")};
    auto row = [&](const BillLine &l, const QString &api, const QString &region) {
        QStringList cells{api, region, l.mode.isEmpty() ? QString() : modeTitle(l.mode),
                          locale.toString(l.calls)};
        for (const AmountColumn &column : kAmountColumns)
            cells << (l.*column.member).toDisplayString(locale, column.decimals);
        table.rows << cells;
    };
    for (const BillLine &l : doc.bill.lines)
        row(l, doc.names.api(l.api), doc.names.region(l.region));
    BillLine totals = doc.bill.totals;
    totals.mode.clear();
    row(totals, Tr::tr("Total"), QString());
    return table;
}

QString billHtml(const BillDocument &doc, const QLocale &locale, const QString &linesHtml)
{
    const Bill &bill = doc.bill;
    const Cells c{locale};
    QString h;
    h += QStringLiteral("<p class=\"account\">%1</p>")
             .arg(esc(doc.accountName.isEmpty() ? Tr::tr("OCR Billing Console") : doc.accountName));
    h += QStringLiteral("<p class=\"title\">%1</p>").arg(esc(Tr::tr("Bill for %1").arg(bill.month)));

    const QString date = locale.toString(doc.finalDate, QLocale::LongFormat);
    const QString status =
        bill.final ? Tr::tr("Final since %1").arg(date) : Tr::tr("Open, becomes final on %1").arg(date);
    auto fact = [](const QString &k, const QString &v) {
        return QStringLiteral("<tr><td class=\"key\">%1</td><td>%2</td></tr>").arg(esc(k), esc(v));
    };
    h += QStringLiteral("<table class=\"facts\" cellspacing=\"0\" cellpadding=\"1\">");
    h += fact(Tr::tr("Status"), status);
    h += fact(Tr::tr("Currency"), doc.currency);
    if (!doc.generatedAt.isEmpty())
        h += fact(Tr::tr("Generated"), doc.generatedAt);
    h += QStringLiteral("</table>");

    h += linesHtml;

    // Who paid for it.
    auto sum = [&](const QString &k, const QString &v, bool strong) {
        const QString cls = strong ? QStringLiteral(" class=\"strong\"") : QString();
        return QStringLiteral("<tr><td%1>%2</td><td align=\"right\"%1>%3</td></tr>").arg(cls, esc(k), esc(v));
    };
    h += QStringLiteral("<p class=\"section\">%1</p>").arg(esc(Tr::tr("Payment")));
    h += QStringLiteral("<table class=\"summary\" cellspacing=\"0\" cellpadding=\"2\">");
    h += sum(Tr::tr("List amount (fee)"), withCurrency(c.fine(bill.totals.fee), doc.currency), false);
    h += sum(Tr::tr("Rounded off, not charged"), withCurrency(c.fine(bill.totals.roundedOff), doc.currency),
             false);
    h += sum(Tr::tr("Amount charged"), withCurrency(c.money(bill.totals.charged), doc.currency), true);
    h += sum(Tr::tr("Paid by coupon"), withCurrency(c.money(bill.totals.paidCoupon), doc.currency), false);
    h += sum(Tr::tr("Paid by cash"), withCurrency(c.money(bill.totals.paidCash), doc.currency), false);
    h += sum(Tr::tr("Arrears"), withCurrency(c.money(bill.totals.arrears), doc.currency), false);
    h += QStringLiteral("</table>");
    h += QStringLiteral("<p class=\"note\">%1</p>")
             .arg(esc(roundedOffNote(withCurrency(c.fine(bill.totals.roundedOff), doc.currency))));
    return h;
}

// The lines table's font size is a parameter: printBill lowers it until the table fits the page width.
const char *const StyleSheet = R"(
p.account { font-size: 16pt; font-weight: 600; margin-bottom: 0px; }
p.title { font-size: 13pt; color: #333333; margin-top: 2px; margin-bottom: 8px; }
table.facts { margin-bottom: 14px; }
td.key { color: #555555; padding-right: 12px; }
table.lines { font-size: %1pt; }
th { font-weight: 600; background-color: #dde3ea; border-bottom: 1px solid #666666; }
table.lines td { white-space: nowrap; }
td.total { font-weight: 600; border-top: 1px solid #666666; }
p.section { font-size: 11pt; font-weight: 600; margin-top: 16px; margin-bottom: 4px; }
td.strong { font-weight: 600; }
table.summary td { padding-right: 16px; }
p.note { margin-top: 12px; color: #333333; font-style: italic; }
)";
constexpr qreal TablePoints = 8;    // the lines table's font size when it fits
constexpr qreal MinTablePoints = 4; // below this nothing is readable: the table is left as wide as it is
constexpr qreal PointStep = 0.5;

void render(const BillDocument &doc, QTextDocument &text, const QLocale &locale, qreal tablePoints,
            const QList<qreal> &widths, QPaintDevice *device)
{
    text.setDefaultFont(paperFont(9));
    text.setDefaultStyleSheet(QString::fromLatin1(StyleSheet).arg(tablePoints));
    text.setDocumentMargin(0);
    // A name without spaces (an account, an API) breaks anywhere rather than running off the page.
    QTextOption wrap = text.defaultTextOption();
    wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    text.setDefaultTextOption(wrap);
    text.setHtml(billHtml(doc, locale,
                          paperTableHtml(linesTable(doc, locale), widths, paperFont(tablePoints), device)));
}

} // namespace

Status printBill(const BillDocument &doc, QPagedPaintDevice &device, const QLocale &locale)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error::internal(Tr::tr("printing a bill needs a QGuiApplication"));
    // Layout in the device's own pixels: the PDF writer is set to Dpi (CSS pixels), a printer has its own
    // resolution; the document measures its fonts on the device either way.
    const int dpi = device.logicalDpiX();
    const QRectF page(QPointF(0, 0), device.pageLayout().paintRectPixels(dpi).size());
    const qreal bodyHeight = page.height() - 2 * footerHeight(device);

    QTextDocument text;
    text.documentLayout()->setPaintDevice(&device);
    // The largest table font at which the columns fit the page; the layout then proves it.
    const PaperTable lines = linesTable(doc, locale);
    for (qreal points = TablePoints;; points -= PointStep) {
        const QList<qreal> widths = fitColumns(lines, paperFont(points), &device, page.width());
        const bool last = points - PointStep < MinTablePoints;
        if (widths.isEmpty() && !last)
            continue;
        render(doc, text, locale, points, widths, &device);
        text.setPageSize(QSizeF(page.width(), bodyHeight));
        if (tablesWidth(text) <= page.width() || last)
            break;
    }
    keepHeadingsWithTables(text, bodyHeight);

    const QString left = doc.generatedAt.isEmpty()
                             ? Tr::tr("Bill for %1").arg(doc.bill.month)
                             : Tr::tr("Bill for %1, generated %2").arg(doc.bill.month, doc.generatedAt);
    return paintPages(text, device, bodyHeight, left);
}

void renderBill(const BillDocument &doc, QTextDocument &text, const QLocale &locale)
{
    render(doc, text, locale, TablePoints, {}, text.documentLayout()->paintDevice());
}

QPageLayout billPageLayout()
{
    // Ten columns: landscape, so that the numbers keep a readable size.
    return QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(15, 15, 15, 12),
                       QPageLayout::Millimeter);
}

Status exportBillPdf(const BillDocument &doc, const QString &path, const QLocale &locale)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error::internal(Tr::tr("cannot write \"%1\": the PDF export needs a QGuiApplication")
                                   .arg(QDir::toNativeSeparators(path)));
    return saveAtomically(path, [&](QIODevice &out) -> Status {
        QPdfWriter writer(&out);
        writer.setResolution(Dpi);
        writer.setPageLayout(billPageLayout());
        writer.setTitle(Tr::tr("Bill for %1").arg(doc.bill.month));
        writer.setCreator(QStringLiteral("OCR Billing Console"));
        return printBill(doc, writer, locale);
    });
}

Status exportBill(const BillDocument &doc, Format format, const QString &path, const QLocale &locale)
{
    return format == Format::Pdf ? exportBillPdf(doc, path, locale) : exportBillData(doc, format, path);
}

} // namespace billing::report
