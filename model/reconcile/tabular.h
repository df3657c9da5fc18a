#pragma once

// The tables of a bill file (provider-bills.md §2 "Input"): a CSV file (UTF-8 with or without a BOM,
// RFC 4180 quoting, fields across lines), an XLSX workbook (its worksheets in order; shared and inline
// strings, numbers as the exact text the file holds) or a ZIP archive of those. Read streaming: rows
// are handed to a sink one by one, never the whole file at once. libzip opens ZIP archives and the XLSX
// container; QXmlStreamReader reads the sheet XML. A damaged, binary or oversized file (a ZIP bomb) is
// refused with the file, the line and the column where there is one.
#include "core/result.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace billing {

// Caps on what an archive may expand to: in all, and per entry against its compressed size.
struct ReadLimits
{
    qint64 maxUncompressed = qint64(4) << 30; // 4 GiB in all
    qint64 maxRatio = 200;                    // uncompressed : compressed, for entries over 1 MiB
};

// Receives the tables of a file in order. A table is a CSV file or a worksheet; `name` is how messages
// name it ("bills.zip › part-1.csv", "bill.xlsx › sheet 2").
class TableSink
{
public:
    virtual ~TableSink() = default;
    virtual Status begin(const QString &name) = 0;
    // A row (line: the file's line, or the sheet's row number; cells in column order, an absent cell
    // empty). false: this table is not one the sink reads (an XLSX title sheet); the reader moves on to
    // the next table, and refuses the file if no table was read.
    virtual Result<bool> row(qint64 line, const QStringList &cells) = 0;
    virtual Status end() = 0;
    // Whether the current table's rows were read (a header was found).
    virtual bool recognized() const = 0;
    // Why the last table was not read (for the refusal).
    virtual QString notReadReason() const = 0;
};

// Bytes read so far of the file's size; returns false to cancel.
using ReadProgress = std::function<bool(qint64 done, qint64 total)>;

// The format by content (a ZIP's "PK" signature, then an XLSX's [Content_Types].xml), not by name.
Status readTables(const QString &path, TableSink &sink, const ReadLimits &limits = {},
                  const ReadProgress &progress = {});

} // namespace billing
