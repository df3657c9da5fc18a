// libxlsxwriter on demand (core/ondemand.h): the functions the XLSX exports call, forwarded to the library
// loaded at the first export. Linked, it and libcrypto behind it were part of every command's start.

#include "core/ondemand.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#pragma GCC visibility push(hidden)
#include <xlsxwriter.h>
#pragma GCC visibility pop

#define XLSXWRITER "libxlsxwriter.so.4"

extern "C" {

void format_set_align(lxw_format *format, uint8_t alignment)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, format_set_align, format, alignment);
}

void format_set_bold(lxw_format *format)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, format_set_bold, format);
}

void format_set_bottom(lxw_format *format, uint8_t style)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, format_set_bottom, format, style);
}

void format_set_font_size(lxw_format *format, double size)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, format_set_font_size, format, size);
}

void format_set_italic(lxw_format *format)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, format_set_italic, format);
}

void format_set_num_format(lxw_format *format, const char *num_format)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, format_set_num_format, format, num_format);
}

void format_set_top(lxw_format *format, uint8_t style)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, format_set_top, format, style);
}

char *lxw_strerror(lxw_error error_num)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, lxw_strerror, error_num);
}

lxw_format *workbook_add_format(lxw_workbook *workbook)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, workbook_add_format, workbook);
}

lxw_worksheet *workbook_add_worksheet(lxw_workbook *workbook, const char *sheetname)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, workbook_add_worksheet, workbook, sheetname);
}

lxw_error workbook_close(lxw_workbook *workbook)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, workbook_close, workbook);
}

lxw_workbook *workbook_new_opt(const char *filename, lxw_workbook_options *options)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, workbook_new_opt, filename, options);
}

lxw_error workbook_set_properties(lxw_workbook *workbook, lxw_doc_properties *properties)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, workbook_set_properties, workbook, properties);
}

void worksheet_fit_to_pages(lxw_worksheet *worksheet, uint16_t width, uint16_t height)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, worksheet_fit_to_pages, worksheet, width, height);
}

void worksheet_freeze_panes(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, worksheet_freeze_panes, worksheet, row, col);
}

lxw_error worksheet_merge_range(lxw_worksheet *worksheet, lxw_row_t first_row, lxw_col_t first_col,
                                lxw_row_t last_row, lxw_col_t last_col, const char *string,
                                lxw_format *format)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, worksheet_merge_range, worksheet, first_row, first_col, last_row,
                          last_col, string, format);
}

lxw_error worksheet_set_column(lxw_worksheet *worksheet, lxw_col_t first_col, lxw_col_t last_col,
                               double width, lxw_format *format)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, worksheet_set_column, worksheet, first_col, last_col, width, format);
}

void worksheet_set_landscape(lxw_worksheet *worksheet)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, worksheet_set_landscape, worksheet);
}

void worksheet_set_paper(lxw_worksheet *worksheet, uint8_t paper_type)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, worksheet_set_paper, worksheet, paper_type);
}

lxw_error worksheet_set_row(lxw_worksheet *worksheet, lxw_row_t row, double height, lxw_format *format)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, worksheet_set_row, worksheet, row, height, format);
}

lxw_error worksheet_write_datetime(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col,
                                   lxw_datetime *datetime, lxw_format *format)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, worksheet_write_datetime, worksheet, row, col, datetime, format);
}

lxw_error worksheet_write_number(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, double number,
                                 lxw_format *format)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, worksheet_write_number, worksheet, row, col, number, format);
}

lxw_error worksheet_write_string(lxw_worksheet *worksheet, lxw_row_t row, lxw_col_t col, const char *string,
                                 lxw_format *format)
{
    BILLING_ONDEMAND_CALL(XLSXWRITER, worksheet_write_string, worksheet, row, col, string, format);
}

} // extern "C"
