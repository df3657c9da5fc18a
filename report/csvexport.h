#pragma once

// The one CSV writer of the console and billingctl (RFC 4180): bills, transactions, the audit log and
// the tables of the Cost Center pages all quote their fields here.
#include <QString>
#include <QStringList>

namespace billing::report {

// One record's fields joined by commas, without a line end: a field with a comma, a quote, a CR or a LF
// is quoted, its quotes doubled.
QString csvFields(const QStringList &fields);
// One CSV line (RFC 4180): csvFields() and CRLF.
QString csvRow(const QStringList &fields);

} // namespace billing::report
