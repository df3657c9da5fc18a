#pragma once

// Bill exports (billing-rules §9): the monthly bill as a CSV file for scripts, an XLSX workbook for
// spreadsheets and (billprint.h, in billing_report_pdf) an A4 PDF for people. The amounts come from the
// engine's Bill as they are; nothing here computes money. Every writer replaces its target atomically
// (QSaveFile): a failed export leaves neither a half-written file nor a changed old one.
#include "core/result.h"
#include "displaynames.h"
#include "engine/bills.h"

#include <QDate>
#include <QString>

class QIODevice;

namespace billing::report {

enum class Format { Csv, Xlsx, Pdf };

// "csv", "xlsx" or "pdf" (any case); anything else is bad usage.
Result<Format> formatFromName(const QString &name);
QString formatName(Format format);

// What a bill file shows besides the bill itself.
struct BillDocument
{
    Bill bill;
    QString currency;    // e.g. "USD"
    QString accountName; // may be empty
    QDate finalDate;     // the day the bill becomes (or became) final: bill.finalAt in the account's offset
    QString generatedAt; // when the file was made, as text (ISO 8601 with offset)
    DisplayNames names;  // how the PDF and the printout name APIs and regions (CSV and XLSX keep the ids)
};

// CSV, UTF-8, RFC 4180: a header line, one row per bill line and a final "total" row. Columns
// api,region,mode,calls,fee,charged,rounded_off,paid_coupon,paid_cash,arrears,currency; amounts are
// exact decimal strings (fee and rounded_off with 8 decimals, the others with at least 2).
Status exportBillCsv(const Bill &bill, const QString &currency, QIODevice &out);

// XLSX workbook: sheet "Bill" with typed cells (numbers with 2 or 8 decimal formats, bold header and
// totals, frozen header) and sheet "exact" with the exact decimal strings of the CSV.
Status exportBillXlsx(const BillDocument &doc, const QString &path);

// Writes doc as CSV (through exportBillCsv into an atomic file) or XLSX to path; the PDF is
// billing_report_pdf's (billprint.h: exportBillPdf, and exportBill for all three formats).
Status exportBillData(const BillDocument &doc, Format format, const QString &path);

} // namespace billing::report
