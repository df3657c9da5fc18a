// The close pack as an XLSX workbook: a "Close" sheet with the facts, then one sheet per section
// (closetables.h) with typed cells. No time of creation inside: libxlsxwriter's document properties get
// the instant the month became final as their creation time, so the same pack gives the same
// workbook byte for byte.
#include "closetables.h"
#include "exportcommon.h"
#include "xlsxfile.h"
#include "xlsxsheet.h"

#include <map>

namespace billing::report {

namespace {
using xlsx::Sheet;

struct Formats
{
    explicit Formats(lxw_workbook *wb)
    {
        auto make = [wb](bool bold, const char *numFormat, bool totalLine) {
            lxw_format *f = workbook_add_format(wb);
            if (bold)
                format_set_bold(f);
            if (numFormat)
                format_set_num_format(f, numFormat);
            if (totalLine)
                format_set_top(f, LXW_BORDER_THIN);
            return f;
        };
        title = make(true, nullptr, false);
        format_set_font_size(title, 14);
        section = make(true, nullptr, false);
        format_set_font_size(section, 12);
        label = make(true, nullptr, false);
        header = make(true, nullptr, false);
        format_set_bottom(header, LXW_BORDER_THIN);
        headerRight = make(true, nullptr, false);
        format_set_bottom(headerRight, LXW_BORDER_THIN);
        format_set_align(headerRight, LXW_ALIGN_RIGHT);
        note = make(false, nullptr, false);
        format_set_italic(note);
        const char *numbers[] = {nullptr, "#,##0", "#,##0.00", "#,##0.00000000", "0\\ \\%"};
        for (int total = 0; total < 2; ++total)
            for (int k = 0; k < 5; ++k)
                cell[total][k] = make(total == 1, numbers[k], total == 1);
    }
    lxw_format *title, *section, *label, *header, *headerRight, *note;
    lxw_format *cell[2][5]; // [total row][CloseCell::Kind]
};

lxw_worksheet *addSheet(lxw_workbook *wb, const QString &name)
{
    const QByteArray utf8 = name.left(31).toUtf8();
    lxw_worksheet *ws = workbook_add_worksheet(wb, utf8.constData());
    return ws ? ws : workbook_add_worksheet(wb, nullptr); // a translation that is not a valid sheet name
}

void writeTable(Sheet &s, lxw_row_t &row, const CloseTable &t, const Formats &f)
{
    s.spill(row++, 0, t.title, f.section);
    for (int c = 0; c < t.headers.size(); ++c)
        s.text(row, lxw_col_t(c), t.headers.at(c), c >= t.textColumns ? f.headerRight : f.header, true);
    ++row;
    if (t.rows.empty() && !t.empty.isEmpty())
        s.spill(row++, 0, t.empty, f.note);
    for (size_t r = 0; r < t.rows.size(); ++r) {
        const bool total = r + size_t(t.boldRows) >= t.rows.size();
        for (size_t c = 0; c < t.rows[r].size(); ++c) {
            const CloseCell &cell = t.rows[r][c];
            lxw_format *format = f.cell[total ? 1 : 0][int(cell.kind)];
            const lxw_col_t col = lxw_col_t(c);
            switch (cell.kind) {
            case CloseCell::Kind::Text:
                s.text(row, col, cell.text, total ? format : nullptr, total);
                break;
            case CloseCell::Kind::Count:
                s.number(row, col, double(cell.value), format, xlsx::shownNumber(cell.value), total);
                break;
            case CloseCell::Kind::Money2:
            case CloseCell::Kind::Money8: {
                const int decimals = cell.kind == CloseCell::Kind::Money2 ? 2 : Money::Decimals;
                s.number(row, col, xlsx::cellNumber(cell.money), format,
                         xlsx::shownAmount(cell.money, decimals), total);
                break;
            }
            case CloseCell::Kind::Percent:
                s.number(row, col, double(cell.value), format,
                         QString::number(cell.value) + QStringLiteral(" %"), total);
                break;
            }
        }
        ++row;
    }
    for (const QString &n : t.notes)
        s.spill(row++, 0, n, f.note);
    ++row;
}

lxw_error writeWorkbook(lxw_workbook *wb, const CloseDocument &doc)
{
    const Formats f(wb);
    lxw_worksheet *first = addSheet(wb, Tr::tr("Close"));
    if (!first)
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    Sheet cover(first);
    cover.spill(0, 0, closeTitle(doc.pack.month), f.title);
    lxw_row_t row = 2;
    for (const auto &[label, value] : closeFacts(doc)) {
        cover.text(row, 0, label, f.label, true);
        cover.text(row++, 1, value);
    }
    cover.fitColumns(8);
    if (cover.error() != LXW_NO_ERROR)
        return cover.error();

    // One sheet per section name, in the order they first appear; tables of a sheet stacked.
    std::vector<QString> order;
    std::map<QString, std::vector<const CloseTable *>> bySheet;
    const std::vector<CloseTable> tables = closeTables(doc, QLocale::c(), false);
    for (const CloseTable &t : tables) {
        if (!bySheet.count(t.sheet))
            order.push_back(t.sheet);
        bySheet[t.sheet].push_back(&t);
    }
    for (const QString &name : order) {
        lxw_worksheet *ws = addSheet(wb, name);
        if (!ws)
            return LXW_ERROR_MEMORY_MALLOC_FAILED;
        Sheet s(ws);
        lxw_row_t r = 0;
        for (const CloseTable *t : bySheet[name])
            writeTable(s, r, *t, f);
        s.fitColumns(8);
        worksheet_set_landscape(ws);
        worksheet_set_paper(ws, 9); // A4
        worksheet_fit_to_pages(ws, 1, 0);
        if (s.error() != LXW_NO_ERROR)
            return s.error();
    }
    return LXW_NO_ERROR;
}
} // namespace

Status exportCloseXlsx(const CloseDocument &doc, const QString &path)
{
    return xlsx::saveWorkbook(path, QStringLiteral("close.xlsx"), [&](lxw_workbook *wb) {
        QByteArray title = closeTitle(doc.pack.month).toUtf8();
        QByteArray subject = doc.pack.accountName.toUtf8();
        lxw_doc_properties props{};
        props.title = title.data();
        props.subject = subject.data();
        // Without a creation time libxlsxwriter writes the current time: the instant the month became
        // final keeps the file the same for the same content (the close's own time is on the "Close" sheet).
        props.created = time_t(doc.pack.bill.finalAt / kMicrosPerSecond);
        lxw_error err = workbook_set_properties(wb, &props);
        if (err == LXW_NO_ERROR)
            err = writeWorkbook(wb, doc);
        return err;
    });
}

} // namespace billing::report
