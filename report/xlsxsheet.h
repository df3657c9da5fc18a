#pragma once

// The workbook writers' shared pieces (libxlsxwriter): Money → double at the cell, how wide a text
// shows, and a worksheet that remembers its first error and the width each column needs.
#include "money/money.h"

#include <QDate>
#include <QLocale>
#include <QString>

#include <algorithm>
#include <vector>

#include <xlsxwriter.h>

namespace billing::report::xlsx {

// Money → double happens here and only here, at the display boundary of a spreadsheet cell: the
// nearest double to the exact decimal. The exact decimal text is kept on the "exact" sheet.
inline double cellNumber(Money m)
{
    return QLocale::c().toDouble(m.toString(Money::Decimals));
}

// How wide a text shows, in Excel's unit (the width of a "0"): East Asian wide characters count twice,
// bold text a tenth more.
inline double shownWidth(const QString &shown, bool bold)
{
    double width = 0;
    for (const QChar c : shown) {
        const char16_t u = c.unicode();
        const bool wide = (u >= 0x1100 && u <= 0x115F) || (u >= 0x2E80 && u <= 0xA4CF) ||
                          (u >= 0xAC00 && u <= 0xD7A3) || (u >= 0xF900 && u <= 0xFAFF) ||
                          (u >= 0xFE30 && u <= 0xFE4F) || (u >= 0xFF00 && u <= 0xFF60) ||
                          (u >= 0xFFE0 && u <= 0xFFE6);
        width += wide ? 2 : 1;
    }
    return bold ? width * 1.1 : width;
}

// What a number cell shows with the formats below ("#,##0", "#,##0.00", "#,##0.00000000"): Excel
// groups thousands whatever the file's locale, so the width is measured on English text.
inline QString shownNumber(qint64 calls)
{
    return QLocale(QLocale::English).toString(calls);
}
inline QString shownAmount(Money m, int decimals)
{
    return m.toDisplayString(QLocale(QLocale::English), decimals);
}

// A worksheet that remembers its first error, so the writing code reads top to bottom, and the width
// each column needs for what its cells show.
class Sheet
{
public:
    explicit Sheet(lxw_worksheet *ws) : m_ws(ws) {}
    lxw_worksheet *ws() const { return m_ws; }
    lxw_error error() const { return m_error; }

    void text(lxw_row_t row, lxw_col_t col, const QString &s, lxw_format *format = nullptr, bool bold = false)
    {
        spill(row, col, s, format);
        fit(col, s, bold);
    }
    // Text that may run on over the empty cells to its right: it does not widen its column.
    void spill(lxw_row_t row, lxw_col_t col, const QString &s, lxw_format *format = nullptr)
    {
        const QByteArray utf8 = s.toUtf8();
        keep(worksheet_write_string(m_ws, row, col, utf8.constData(), format));
    }
    void number(lxw_row_t row, lxw_col_t col, double value, lxw_format *format, const QString &shown,
                bool bold)
    {
        keep(worksheet_write_number(m_ws, row, col, value, format));
        fit(col, shown, bold);
    }
    void fit(lxw_col_t col, const QString &shown, bool bold)
    {
        if (col >= m_widths.size())
            m_widths.resize(col + 1, 0.0);
        m_widths[col] = std::max(m_widths[col], shownWidth(shown, bold));
    }
    // Every column as wide as its widest cell (and a little room), at least `minimum`.
    void fitColumns(double minimum)
    {
        for (lxw_col_t col = 0; col < m_widths.size(); ++col)
            width(col, col, std::max(minimum, m_widths[col] + 2));
    }
    void merged(lxw_row_t row, lxw_col_t first, lxw_col_t last, const QString &s, lxw_format *format)
    {
        const QByteArray utf8 = s.toUtf8();
        keep(worksheet_merge_range(m_ws, row, first, row, last, utf8.constData(), format));
    }
    void date(lxw_row_t row, lxw_col_t col, const QDate &d, lxw_format *format)
    {
        if (!d.isValid())
            return;
        lxw_datetime dt{d.year(), d.month(), d.day(), 0, 0, 0.0};
        keep(worksheet_write_datetime(m_ws, row, col, &dt, format));
    }
    void width(lxw_col_t first, lxw_col_t last, double chars)
    {
        keep(worksheet_set_column(m_ws, first, last, chars, nullptr));
    }

private:
    void keep(lxw_error e)
    {
        if (m_error == LXW_NO_ERROR)
            m_error = e;
    }
    lxw_worksheet *m_ws;
    lxw_error m_error = LXW_NO_ERROR;
    std::vector<double> m_widths;
};

} // namespace billing::report::xlsx
