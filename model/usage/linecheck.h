#pragma once

#include "usage/bytescan.h"

#include <QByteArrayView>
#include <QString>

// Checks of whole lines of a call-record file that are not about one field: files that are not what
// the reader reads at all, told apart on their first line before their content turns into a confusing
// message about a column or a quote, and JSON objects that give a field twice.
namespace billing::linecheck {

// What is wrong with the first non-blank line (without its line end) of a file, or an empty string:
// CR-only line endings, or a JSON array where JSON Lines are expected.
QString firstLineProblem(qint64 number, QByteArrayView line);

// What is wrong with the quotes of a CSV line (bytescan::splitCsv), for the strict format and profiles.
QString splitMessage(bytescan::SplitError error);

// The message for a file whose lines end in a bare CR.
QString crOnlyMessage(qint64 number);

// The first key that appears twice at the top level of a well-formed JSON object, or an empty string
// (QJsonObject keeps only the last of them).
QString duplicateJsonKey(QByteArrayView object);

} // namespace billing::linecheck
