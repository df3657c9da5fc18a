#pragma once

#include "core/result.h"
#include "mapping/sourcerows.h"
#include "usage/linemapping.h"
#include "usage/recordparser.h"

#include <QStringList>

#include <optional>
#include <vector>

class QIODevice;

namespace billing {

class Catalog;

// The first rows of a file in its own columns, for the mapping dialog: a CSV file's header, or the keys
// a JSON Lines file's rows use (in the order they first appear), and each row's values by column.
struct SourceSample
{
    struct Row
    {
        qint64 line = 0;
        QStringList cells; // one per column; empty when the line could not be read (see problem)
        QString problem;
    };
    SourceRows::Format format = SourceRows::Format::Unknown;
    QStringList columns;
    std::vector<Row> rows;
};

// Reads up to maxRows rows (plain, .gz or .zst, as an import reads them). A file whose header cannot be
// read is an error.
Result<SourceSample> sampleSource(QIODevice &in, const Catalog &catalog, int maxRows);

// One line of a file as an import will read it: the record, or where and why it is refused.
struct PreviewRow
{
    qint64 line = 0;
    std::optional<CallRecord> record;
    QString column; // the file's own column (or the strict format's) of a refused line
    QString problem;
};

// The first maxRows records or refused lines of a file, read as an import reads it: through mapping
// when there is one, else in the strict format. Stops at an error no later line can get past (a bad
// header), which is then the last row.
std::vector<PreviewRow> previewRecords(QIODevice &in, const Catalog &catalog, const MappingFactory &mapping,
                                       int maxRows);

} // namespace billing
