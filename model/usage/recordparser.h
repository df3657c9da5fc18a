#pragma once

#include "core/result.h"
#include "time/instant.h"
#include "usage/linemapping.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace billing {

class Catalog;

// One line of a call-record file (billing-rules §4), validated and resolved against the catalog.
struct CallRecord
{
    Instant ts = 0;   // µs since epoch (time/instant.h)
    int api = -1;     // index into catalog.apis()
    int region = -1;  // index into catalog.regions()
    QString project;  // enterprise_project, default "default"
    int status = 0;   // HTTP status 100..599
    qint64 count = 1; // number of identical calls, 1 .. 1,000,000,000
    qint64 line = 0;  // 1-based line number in the file (the header is line 1 for CSV)
};

// Callers reuse one record: when it already shares the string, skip the two atomic reference counts.
inline void setProject(CallRecord &out, const QString &project)
{
    if (!out.project.isSharedWith(project))
        out.project = project;
}

// Turns the lines of a call-record file (cli-contract "Call-record files"), one at a time and in file
// order, into records: the BOM, line ends, encoding, blank lines, the format (CSV or JSON Lines), the
// CSV header and every field. Knows nothing of devices or threads; the reader (callrecordreader.h)
// feeds it lines, and each block parsed on a worker thread gets its own copy. The CSV path works on
// bytes and allocates nothing per line in the common case (performance.md P1).
class RecordParser
{
public:
    enum class Format { Auto, Csv, JsonLines };
    enum class Line { Blank, Header, Record };
    // Where a bad record line is wrong: its line, the column ("3 (region)" for CSV, the field name for
    // JSON Lines; empty when the error is about the whole line) and what is wrong.
    struct BadLine
    {
        qint64 line = 0;
        QString column;
        QString reason;
    };

    RecordParser(const Catalog &catalog, Format format);
    // Reads a log in another layout through a column mapping instead of the strict format: every field
    // the mapping gives is checked as a strict line's is, and messages name the log's own columns.
    void setMapping(std::unique_ptr<LineMapping> mapping) { m_mapping = std::move(mapping); }

    // Parses line number `number` (1-based), given without its '\n'. A record goes into out (whose
    // fields are all set); an error is BadData with a translated message that names the line and, for a
    // field, the column and what is wrong, e.g. "line 17, column 3 (region): unknown region
    // \"eu-west-9\"". A bad record line is also described by lastBad(); a bad header is not (it is not
    // a line one can skip: see headerFailed()).
    Result<Line> parse(qint64 number, QByteArrayView text, CallRecord &out);

    const BadLine &lastBad() const { return m_lastBad; }
    // True after the CSV header was refused: no record can be read past it.
    bool headerFailed() const { return m_headerFailed; }
    // True once the format is known and, for CSV, the header read: each following line is a record or
    // blank, so lines can be parsed in any order by copies of this parser.
    bool readsRecords() const;
    // A copy for a block of lines on another thread: the same header, its own project cache (so that
    // the blocks' strings are not shared across threads).
    RecordParser forBlock() const;

private:
    enum Column {
        ColTimestamp,
        ColApi,
        ColRegion,
        ColStatus,
        ColProject,
        ColRequestId,
        ColCount,
        ColumnCount
    };
    struct Span
    {
        const char *b = nullptr;
        const char *e = nullptr;
    };

    Status readHeader(Span l);
    Result<bool> parseCsv(Span l, CallRecord &out);
    Result<bool> parseJson(Span l, CallRecord &out);
    // Validates one field's bytes and stores it in out; returns an empty string or what is wrong.
    QString setField(Column c, Span v, CallRecord &out);
    QString setProjectField(Span v, CallRecord &out);
    Error fieldError(int position, Column c, const QString &what);
    Error lineError(Error e);
    // mappedrecord.cpp: a line of a log read through m_mapping.
    Result<Line> parseMapped(Span l, CallRecord &out);
    Error mappedFieldError(CallField f, const QString &what);

    Format m_format = Format::Auto;
    qint64 m_line = 0; // the number of the line being parsed
    BadLine m_lastBad;
    bool m_sawContent = false; // a non-blank line was parsed
    bool m_headerRead = false;
    bool m_headerFailed = false;

    // CSV: the column of each header position, and scratch space for fields with "" escapes.
    std::vector<Column> m_columns;
    std::array<std::string, ColumnCount> m_unescaped;
    bool m_hasProjectColumn = false;
    bool m_hasCountColumn = false;

    // Catalog ids pre-encoded as UTF-8 so lookups compare bytes, with the last hit tried first.
    std::vector<QByteArray> m_apiIds;
    std::vector<QByteArray> m_regionIds;
    int m_lastApi = 0;
    int m_lastRegion = 0;
    // Files hold a handful of projects: the strings of recent ones are reused when the bytes repeat,
    // which saves a decode and an allocation per record.
    struct CachedText
    {
        QByteArray bytes;
        QString text;
    };
    std::vector<CachedText> m_projects;
    size_t m_lastProject = 0;
    size_t m_projectVictim = 0;
    QString m_defaultProject;

    // Shared by copies until forBlock() gives a block its own; null for the strict format.
    std::shared_ptr<LineMapping> m_mapping;
    MappedLine m_mapped;
};

} // namespace billing
