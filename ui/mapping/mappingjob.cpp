#include "mapping/mappingjob.h"

#include "reconcile/billpreview.h"

#include <QFile>

namespace billing::ui {

MappingSample readMappingSample(const QString &path, const Catalog &catalog, const MappingFactory &mapping,
                                bool withSample, int rows)
{
    MappingSample out;
    // Each read opens the file again: a compressed file cannot be rewound.
    const auto open = [&](QFile &file) {
        file.setFileName(path);
        if (file.open(QIODevice::ReadOnly))
            return true;
        out.openError = file.errorString();
        return false;
    };
    if (withSample) {
        QFile file;
        if (!open(file))
            return out;
        auto sample = sampleSource(file, catalog, rows);
        if (!sample) {
            out.error = sample.error().message;
            return out;
        }
        out.sample = std::move(*sample);
    }
    if (mapping) {
        QFile file;
        if (!open(file))
            return out;
        out.preview = previewRecords(file, catalog, mapping, rows);
    }
    return out;
}

MappingSample readBillMappingSample(const QString &path, int rows)
{
    MappingSample out;
    auto sample = sampleBillFile(path, rows);
    if (!sample)
        out.error = sample.error().message;
    else
        out.sample = std::move(*sample);
    return out;
}

} // namespace billing::ui
