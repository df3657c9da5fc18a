#pragma once

// The close pack (model/close/closepack.h) as tables that the PDF (closepdf.cpp) and the XLSX
// (closexlsx.cpp) both render: the same sections in the same order, cells typed so that the workbook
// gets numbers and the paper gets the locale's text. Nothing here computes money; the totals rows are
// the pack's own sums.
#include "close/closepack.h"
#include "displaynames.h"

#include <QLocale>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace billing::report {

struct CloseCell
{
    enum class Kind { Text, Count, Money2, Money8, Percent };
    Kind kind = Kind::Text;
    QString text;     // Text; for the others the locale's display text
    Money money;      // Money2, Money8
    qint64 value = 0; // Count, Percent
};

struct CloseTable
{
    QString sheet; // the XLSX sheet it goes on (tables of one sheet are stacked)
    QString title; // the section heading
    QStringList headers;
    int textColumns = 0; // the first columns hold names
    std::vector<std::vector<CloseCell>> rows;
    int boldRows = 0;  // the last rows are totals
    QString empty;     // shown when there are no rows
    QStringList notes; // sentences under the table
};

struct CloseDocument
{
    ClosePack pack;
    CloseStamp stamp;
    DisplayNames names; // the PDF's names for APIs and regions (the XLSX keeps the ids)
};

// The facts at the top of both files: label → value (month, currency, status, closed at and by, the
// audit head at closing, the content hash).
std::vector<std::pair<QString, QString>> closeFacts(const CloseDocument &doc);

// Every section as tables: the bill, the rounded-off ledger, one chargeback statement per project and
// their summary, budgets against actual, anomalies, the reconciliation, the guards that fired.
// `names` false: ids as they are (the XLSX).
std::vector<CloseTable> closeTables(const CloseDocument &doc, const QLocale &locale, bool names);

// "Close pack for 2026-10" (titles and file names' month).
QString closeTitle(const QString &month);
// The three files of a close in DIR: close-YYYY-MM.pdf, .xlsx and .json (the content, whose SHA-256 is
// the content hash).
QString closeFileName(const QString &month, const QString &suffix);

// Writes the workbook (libxlsxwriter; the document properties carry no time of creation, so the same
// pack gives the same workbook).
Status exportCloseXlsx(const CloseDocument &doc, const QString &path);

} // namespace billing::report
