#pragma once

#include "core/result.h"

#include <QString>

#include <functional>

#include <xlsxwriter.h>

namespace billing::report::xlsx {

// Builds a workbook with `fill` (properties and sheets) and saves it atomically at `path`: libxlsxwriter
// 1.1 writes only to a named file, so the workbook is built in a private folder and copied into place.
Status saveWorkbook(const QString &path, const QString &fileName,
                    const std::function<lxw_error(lxw_workbook *)> &fill);

} // namespace billing::report::xlsx
