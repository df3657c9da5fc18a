// The bill as an XLSX workbook (libxlsxwriter): typed cells for people, exact strings for the record.
#include "billexport.h"
#include "exportcommon.h"
#include "xlsxfile.h"
#include "xlsxsheet.h"

#include <QLocale>

#include <algorithm>
#include <vector>

#include <xlsxwriter.h>

namespace billing::report {

namespace {
constexpr lxw_col_t ColumnCount = 10;
constexpr lxw_row_t HeaderRow = 4;

using xlsx::cellNumber;
using xlsx::Sheet;
using xlsx::shownAmount;
using xlsx::shownNumber;

struct Formats
{
    explicit Formats(lxw_workbook *wb)
    {
        auto make = [wb](bool bold, const char *numFormat, bool rightAligned, bool totalLine) {
            lxw_format *f = workbook_add_format(wb);
            if (bold)
                format_set_bold(f);
            if (numFormat)
                format_set_num_format(f, numFormat);
            if (rightAligned)
                format_set_align(f, LXW_ALIGN_RIGHT);
            if (totalLine)
                format_set_top(f, LXW_BORDER_THIN);
            return f;
        };
        title = make(true, nullptr, false, false);
        format_set_font_size(title, 14);
        label = make(true, nullptr, false, false);
        date = make(false, "yyyy-mm-dd", false, false);
        format_set_align(date, LXW_ALIGN_LEFT);
        header = make(true, nullptr, false, false);
        format_set_bottom(header, LXW_BORDER_THIN);
        headerRight = make(true, nullptr, true, false);
        format_set_bottom(headerRight, LXW_BORDER_THIN);
        calls = make(false, "#,##0", false, false);
        amount = make(false, "#,##0.00", false, false);
        fine = make(false, "#,##0.00000000", false, false);
        totalText = make(true, nullptr, false, true);
        totalCalls = make(true, "#,##0", false, true);
        totalAmount = make(true, "#,##0.00", false, true);
        totalFine = make(true, "#,##0.00000000", false, true);
        note = make(false, nullptr, false, false);
        format_set_italic(note);
    }
    lxw_format *title, *label, *date, *header, *headerRight, *calls, *amount, *fine;
    lxw_format *totalText, *totalCalls, *totalAmount, *totalFine, *note;
};

void writeLine(Sheet &s, lxw_row_t row, const BillLine &l, const QString &label, const Formats &f, bool total)
{
    lxw_format *text = total ? f.totalText : nullptr;
    lxw_format *amount = total ? f.totalAmount : f.amount;
    lxw_format *fine = total ? f.totalFine : f.fine;
    s.text(row, 0, label.isEmpty() ? l.api : label, text, total);
    s.text(row, 1, l.region, text, total);
    s.text(row, 2, modeTitle(l.mode), text, total);
    s.number(row, 3, static_cast<double>(l.calls), total ? f.totalCalls : f.calls, shownNumber(l.calls),
             total);
    lxw_col_t col = 4;
    for (const AmountColumn &c : kAmountColumns)
        s.number(row, col++, cellNumber(l.*c.member), c.decimals == 2 ? amount : fine,
                 shownAmount(l.*c.member, c.decimals), total);
}

lxw_error writeBillSheet(lxw_workbook *wb, const BillDocument &doc, const Formats &f)
{
    const Bill &bill = doc.bill;
    const QByteArray name = Tr::tr("Bill").left(31).toUtf8();
    lxw_worksheet *ws = workbook_add_worksheet(wb, name.constData());
    if (!ws)
        ws = workbook_add_worksheet(wb, nullptr); // a translation that is not a valid sheet name
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    Sheet s(ws);

    // Title row, then the bill's facts as label/value pairs.
    const QString title = doc.accountName.isEmpty()
                              ? Tr::tr("Bill for %1").arg(bill.month)
                              : Tr::tr("%1 — Bill for %2").arg(doc.accountName, bill.month);
    s.merged(0, 0, ColumnCount - 1, title, f.title);
    worksheet_set_row(ws, 0, 22, nullptr);
    s.text(1, 0, Tr::tr("Month"), f.label, true);
    s.text(1, 1, bill.month);
    s.text(1, 2, Tr::tr("Status"), f.label, true);
    s.text(1, 3, statusTitle(bill.final));
    s.text(1, 4, bill.final ? Tr::tr("Final since") : Tr::tr("Final on"), f.label, true);
    s.date(1, 5, doc.finalDate, f.date);
    s.fit(5, QStringLiteral("yyyy-mm-dd"), false);
    s.text(1, 6, Tr::tr("Currency"), f.label, true);
    s.text(1, 7, doc.currency);
    if (!doc.generatedAt.isEmpty()) {
        s.text(2, 0, Tr::tr("Generated"), f.label, true);
        s.spill(2, 1, doc.generatedAt);
    }

    const QStringList titles = columnTitles();
    for (lxw_col_t c = 0; c < ColumnCount; ++c)
        s.text(HeaderRow, c, titles.at(c), c >= 3 ? f.headerRight : f.header, true);

    lxw_row_t row = HeaderRow + 1;
    for (const BillLine &l : bill.lines)
        writeLine(s, row++, l, QString(), f, false);
    // The engine's totals, not spreadsheet formulas: the file says what the bill says.
    writeLine(s, row++, bill.totals, Tr::tr("Total"), f, true);
    ++row;
    s.merged(row, 0, ColumnCount - 1,
             roundedOffNote(withCurrency(bill.totals.roundedOff.toString(8), doc.currency)), f.note);

    s.fitColumns(8);
    worksheet_freeze_panes(ws, HeaderRow + 1, 0);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); // A4
    worksheet_fit_to_pages(ws, 1, 0);
    return s.error();
}

// The CSV's columns and exact decimal strings, so that nothing is lost to doubles.
lxw_error writeExactSheet(lxw_workbook *wb, const BillDocument &doc, const Formats &f)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, "exact");
    if (!ws)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    Sheet s(ws);
    const QStringList keys = exactHeader();
    for (lxw_col_t c = 0; c < keys.size(); ++c)
        s.text(0, c, keys.at(c), f.header, true);
    lxw_row_t row = 1;
    auto line = [&](const BillLine &l, const QString &api) {
        const QStringList v = exactFields(l, api, doc.currency);
        for (lxw_col_t i = 0; i < v.size(); ++i)
            s.text(row, i, v.at(i));
        ++row;
    };
    for (const BillLine &l : doc.bill.lines)
        line(l, l.api);
    line(doc.bill.totals, QStringLiteral("total"));
    s.fitColumns(8);
    worksheet_freeze_panes(ws, 1, 0);
    return s.error();
}
} // namespace

Status exportBillXlsx(const BillDocument &doc, const QString &path)
{
    return xlsx::saveWorkbook(path, QStringLiteral("bill.xlsx"), [&](lxw_workbook *wb) {
        QByteArray title = Tr::tr("Bill for %1").arg(doc.bill.month).toUtf8();
        QByteArray subject = doc.accountName.toUtf8();
        QByteArray comments = Tr::tr("Generated %1").arg(doc.generatedAt).toUtf8();
        lxw_doc_properties props{};
        props.title = title.data();
        props.subject = subject.data();
        props.comments = comments.data();
        lxw_error err = workbook_set_properties(wb, &props);
        const Formats formats(wb);
        if (err == LXW_NO_ERROR)
            err = writeBillSheet(wb, doc, formats);
        if (err == LXW_NO_ERROR)
            err = writeExactSheet(wb, doc, formats);
        return err;
    });
}

} // namespace billing::report
