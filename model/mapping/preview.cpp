#include "mapping/preview.h"

#include "usage/callrecordreader.h"

namespace billing {

Result<SourceSample> sampleSource(QIODevice &in, const Catalog &catalog, int maxRows)
{
    CallRecordReader reader(in, catalog);
    SourceRows rows;
    SourceSample sample;
    QByteArrayView line;
    for (qint64 number = 1; int(sample.rows.size()) < maxRows; ++number) {
        const Result<bool> got = reader.nextRawLine(line);
        if (!got)
            return got.error();
        if (!*got)
            break;
        if (number == 1 && line.startsWith("\xEF\xBB\xBF"))
            line = line.sliced(3);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.trimmed().isEmpty())
            continue;
        const Result<bool> record = rows.read(number, line);
        if (!record) {
            if (!rows.headerRead())
                return record.error();
            sample.rows.push_back({number, {}, record.error().message});
            continue;
        }
        if (!*record) {
            sample.columns = rows.header();
            continue;
        }
        SourceSample::Row row{number, {}, {}};
        if (rows.format() == SourceRows::Format::JsonLines)
            for (const QString &key : rows.keys())
                if (!sample.columns.contains(key))
                    sample.columns << key;
        for (int c = 0; c < sample.columns.size(); ++c) {
            QByteArray value;
            const SourceRows::Cell cell = rows.format() == SourceRows::Format::JsonLines
                                              ? rows.cell(sample.columns[c], value)
                                              : rows.cell(c, value);
            row.cells << (cell == SourceRows::Cell::Value ? QString::fromUtf8(value) : QString());
        }
        sample.rows.push_back(std::move(row));
    }
    sample.format = rows.format();
    // Rows read before a JSON key first appeared get an empty cell for it.
    for (SourceSample::Row &row : sample.rows)
        while (!row.cells.isEmpty() && row.cells.size() < sample.columns.size())
            row.cells << QString();
    return sample;
}

std::vector<PreviewRow> previewRecords(QIODevice &in, const Catalog &catalog, const MappingFactory &mapping,
                                       int maxRows)
{
    CallRecordReader reader(in, catalog);
    reader.setThreads(1);
    reader.setContinueAfterBadLines(true);
    if (mapping)
        reader.setMapping(mapping());
    std::vector<PreviewRow> out;
    CallRecord rec;
    while (int(out.size()) < maxRows) {
        const Result<bool> more = reader.next(rec);
        if (more && !*more)
            break;
        if (more) {
            out.push_back({rec.line, rec, {}, {}});
            continue;
        }
        const auto &bad = reader.lastBadLine();
        const bool located = bad.line == reader.lineNumber() && bad.line > 0;
        out.push_back({reader.lineNumber(), std::nullopt, located ? bad.column : QString(),
                       located ? bad.reason : more.error().message});
        if (reader.hasStopped())
            break;
    }
    return out;
}

} // namespace billing
