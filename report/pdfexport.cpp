// The bill as an A4 PDF: an HTML table laid out by QTextDocument and painted page by page on a
// QPdfWriter, so that the text stays text (searchable, copyable, readable by pdftotext).
#include "billexport.h"
#include "billprint.h"
#include "exportcommon.h"

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
#include <QTextDocument>

namespace billing::report {

namespace {
constexpr int Dpi = 96; // layout units are CSS pixels; the PDF itself is vector text

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QFont baseFont(qreal points)
{
    QFont f(QStringList{QStringLiteral("DejaVu Sans"), QStringLiteral("Liberation Sans"),
                        QStringLiteral("Noto Sans")});
    // No shaping for Latin text: no "fi"/"ff" ligatures, so the text reads back (pdftotext, copy and
    // search) exactly as written.
    f.setStyleHint(QFont::SansSerif, QFont::PreferNoShaping);
    f.setPointSizeF(points);
    return f;
}

struct Cells
{
    const QLocale &locale;
    QString money(Money m) const { return m.toDisplayString(locale, 2); }
    QString fine(Money m) const { return m.toDisplayString(locale, Money::Decimals); }
};

QString lineRow(const BillLine &l, const QString &label, const Cells &c, bool total, bool shaded)
{
    const QString cls = total ? QStringLiteral(" class=\"total\"") : QString();
    const QString bg = shaded ? QStringLiteral(" bgcolor=\"#f3f5f8\"") : QString();
    auto left = [&](const QString &s) { return QStringLiteral("<td%1>%2</td>").arg(cls, esc(s)); };
    auto right = [&](const QString &s) {
        return QStringLiteral("<td align=\"right\"%1>%2</td>").arg(cls, esc(s));
    };
    QString row = QStringLiteral("<tr%1>").arg(bg);
    row += left(label.isEmpty() ? l.api : label) + left(l.region) +
           left(l.mode.isEmpty() ? QString() : modeTitle(l.mode));
    row += right(c.locale.toString(l.calls));
    for (const AmountColumn &column : kAmountColumns)
        row += right((l.*column.member).toDisplayString(c.locale, column.decimals));
    return row + QStringLiteral("</tr>");
}

QString billHtml(const BillDocument &doc, const QLocale &locale)
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

    h += QStringLiteral(
        "<table class=\"lines\" width=\"100%\" cellspacing=\"0\" cellpadding=\"3\"><thead><tr>");
    const QStringList titles = columnTitles();
    for (int i = 0; i < titles.size(); ++i)
        h += QStringLiteral("<th%1>%2</th>")
                 .arg(i >= 3 ? QStringLiteral(" align=\"right\"") : QStringLiteral(" align=\"left\""),
                      esc(titles.at(i)));
    h += QStringLiteral("</tr></thead>");
    if (bill.lines.empty())
        h += QStringLiteral("<tr><td colspan=\"10\">%1</td></tr>")
                 .arg(esc(Tr::tr("No charges in this month.")));
    bool shaded = false;
    for (const BillLine &l : bill.lines) {
        h += lineRow(l, QString(), c, false, shaded);
        shaded = !shaded;
    }
    BillLine totals = bill.totals;
    totals.region.clear();
    totals.mode.clear();
    h += lineRow(totals, Tr::tr("Total"), c, true, false);
    h += QStringLiteral("</table>");

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

const char *const StyleSheet = R"(
p.account { font-size: 16pt; font-weight: 600; margin-bottom: 0px; }
p.title { font-size: 13pt; color: #333333; margin-top: 2px; margin-bottom: 8px; }
table.facts { margin-bottom: 14px; }
td.key { color: #555555; padding-right: 12px; }
table.lines { border-collapse: collapse; font-size: 7.5pt; }
th { font-weight: 600; background-color: #dde3ea; border-bottom: 1px solid #666666; white-space: nowrap; }
td { white-space: nowrap; }
td.total { font-weight: 600; border-top: 1px solid #666666; }
p.section { font-size: 11pt; font-weight: 600; margin-top: 16px; margin-bottom: 4px; }
td.strong { font-weight: 600; }
table.summary td { padding-right: 16px; }
p.note { margin-top: 12px; color: #333333; font-style: italic; }
)";
} // namespace

Status printBill(const BillDocument &doc, QPagedPaintDevice &device, const QLocale &locale)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error::internal(Tr::tr("printing a bill needs a QGuiApplication"));
    // Layout in the device's own pixels: the PDF writer is set to Dpi (CSS pixels), a printer has its own
    // resolution; the document measures its fonts on the device either way.
    const int dpi = device.logicalDpiX();
    const QRectF page(QPointF(0, 0), device.pageLayout().paintRectPixels(dpi).size());
    const QFont footerFont = baseFont(7.5);
    const qreal footerHeight = QFontMetricsF(footerFont, &device).height();
    const qreal bodyHeight = page.height() - 2 * footerHeight;

    QTextDocument text;
    text.documentLayout()->setPaintDevice(&device);
    renderBill(doc, text, locale);
    text.setPageSize(QSizeF(page.width(), bodyHeight));

    QPainter painter;
    if (!painter.begin(&device))
        return Error::internal(Tr::tr("the PDF writer could not start"));
    const int pages = text.pageCount();
    for (int p = 0; p < pages; ++p) {
        if (p > 0 && !device.newPage())
            return Error::internal(Tr::tr("the PDF writer could not add a page"));
        painter.save();
        painter.translate(0, -p * bodyHeight);
        text.drawContents(&painter, QRectF(0, p * bodyHeight, page.width(), bodyHeight));
        painter.restore();

        const QRectF footer(0, page.height() - footerHeight, page.width(), footerHeight);
        painter.setPen(QColor(0x55, 0x55, 0x55));
        painter.drawLine(footer.topLeft() - QPointF(0, footerHeight * 0.4),
                         footer.topRight() - QPointF(0, footerHeight * 0.4));
        painter.setFont(footerFont);
        const QString left = doc.generatedAt.isEmpty()
                                 ? Tr::tr("Bill for %1").arg(doc.bill.month)
                                 : Tr::tr("Bill for %1, generated %2").arg(doc.bill.month, doc.generatedAt);
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, left);
        painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
                         Tr::tr("Page %1 of %2").arg(p + 1).arg(pages));
    }
    if (!painter.end())
        return Error::internal(Tr::tr("the PDF writer could not finish the file"));
    return {};
}

void renderBill(const BillDocument &doc, QTextDocument &text, const QLocale &locale)
{
    text.setDefaultFont(baseFont(9));
    text.setDefaultStyleSheet(QLatin1String(StyleSheet));
    text.setDocumentMargin(0);
    text.setHtml(billHtml(doc, locale));
}

Status exportBillPdf(const BillDocument &doc, const QString &path, const QLocale &locale)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error::internal(Tr::tr("cannot write \"%1\": the PDF export needs a QGuiApplication")
                                   .arg(QDir::toNativeSeparators(path)));
    return saveAtomically(path, [&](QIODevice &out) -> Status {
        QPdfWriter writer(&out);
        writer.setResolution(Dpi);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                         QMarginsF(15, 15, 15, 12), QPageLayout::Millimeter));
        writer.setTitle(Tr::tr("Bill for %1").arg(doc.bill.month));
        writer.setCreator(QStringLiteral("OCR Billing Console"));
        return printBill(doc, writer, locale);
    });
}

} // namespace billing::report
