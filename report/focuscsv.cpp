#include "focuscsv.h"

#include "csvexport.h"
#include "exportcommon.h"

#include <QIODevice>

namespace billing::report {

namespace {
Status writeAll(QIODevice &out, QByteArray &buffer)
{
    if (out.write(buffer) != buffer.size())
        return Error::internal(out.errorString().isEmpty() ? Tr::tr("the device refused the data")
                                                           : out.errorString());
    buffer.clear();
    return {};
}
} // namespace

Result<qint64> exportFocusCsv(Context &ctx, const FocusRange &range, const QString &path,
                              const FocusProgress &progress)
{
    // Checked before the file is opened: a bad range leaves nothing behind.
    if (Status s = validateFocusRange(range); !s)
        return s.error();
    qint64 rows = 0;
    Status written = saveAtomically(path, [&](QIODevice &out) -> Status {
        QByteArray buffer = csvRow(focusHeader()).toUtf8();
        Status s = forEachFocusRow(
            ctx, range,
            [&](const FocusRow &row) -> Status {
                buffer += csvRow(row.toList()).toUtf8();
                ++rows;
                return buffer.size() > (1 << 20) ? writeAll(out, buffer) : Status{};
            },
            progress);
        if (!s)
            return s;
        return writeAll(out, buffer);
    });
    if (!written)
        return written.error();
    return rows;
}

} // namespace billing::report
