#pragma once

#include "mapping/preview.h"

#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace billing {
class Catalog;
}

namespace billing::ui {

// What the mapping dialog shows of a file: its first rows in its own columns (read once), and the same
// rows as an import will read them through the mapping being edited (after every change).
struct MappingSample
{
    std::optional<SourceSample> sample;
    std::vector<PreviewRow> preview;
    QString openError; // the file could not be opened: the system's reason
    QString error;     // its first lines could not be read: the reader's message
};

// Runs in a worker: opens path (plain, .gz or .zst) and reads at most rows rows; the sample only when
// withSample, the preview only when there is a mapping.
MappingSample readMappingSample(const QString &path, const Catalog &catalog, const MappingFactory &mapping,
                                bool withSample, int rows);
// The same for a provider bill (CSV, XLSX or a ZIP of them): its first table's header and rows rows.
// The preview of a bill is made from the sample (billpreview.h), without reading the file again.
MappingSample readBillMappingSample(const QString &path, int rows);

} // namespace billing::ui
