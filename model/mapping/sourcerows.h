#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace billing {

// The rows of a CSV or JSON Lines file in its own columns, for column profiles of any kind: the first
// non-blank line tells the format ('{' starts JSON Lines), a CSV file's first line is its header.
// Values are read by column name (CSV) or key (JSON Lines). Lines come without their line end, their
// BOM and encoding already checked (usage/recordparser.h).
class SourceRows
{
public:
    enum class Format { Unknown, Csv, JsonLines };
    enum class Cell { Absent, Value, NotText };

    // Reads a non-blank line: true for a record, false for the CSV header. Errors name the line.
    Result<bool> read(qint64 line, QByteArrayView text);
    Format format() const { return m_format; }
    bool headerRead() const { return m_format == Format::JsonLines || !m_header.isEmpty(); }
    // CSV: the header's names (trimmed), in order.
    const QStringList &header() const { return m_header; }
    // CSV: the position of a name in the header, -1 when it is absent; -2 when it appears twice.
    int position(const QString &name) const;

    // The current record's value at a CSV position (as the file has it, unquoted).
    Cell cell(int position, QByteArray &out) const;
    // The current record's value of a JSON key: a string's text, a number's digits; null is Absent.
    Cell cell(const QString &key, QByteArray &out) const;
    // JSON Lines: the current record's keys, sorted.
    QStringList keys() const;

private:
    Result<bool> readCsv(qint64 line, QByteArrayView text);
    Result<bool> readJson(qint64 line, QByteArrayView text);

    Format m_format = Format::Unknown;
    QStringList m_header;
    std::vector<QByteArray> m_cells;
    QJsonObject m_object;
};

} // namespace billing
