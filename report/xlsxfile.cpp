#include "xlsxfile.h"

#include "exportcommon.h"

#include <QFile>
#include <QTemporaryDir>

namespace billing::report::xlsx {

Status saveWorkbook(const QString &path, const QString &fileName,
                    const std::function<lxw_error(lxw_workbook *)> &fill)
{
    return saveAtomically(path, [&](QIODevice &out) -> Status {
        QTemporaryDir tmp;
        if (!tmp.isValid())
            return Error::internal(Tr::tr("no temporary folder: %1").arg(tmp.errorString()));
        const QString file = tmp.filePath(fileName);
        const QByteArray encodedFile = QFile::encodeName(file);
        QByteArray tmpDir = QFile::encodeName(tmp.path());
        lxw_workbook_options options{};
        options.tmpdir = tmpDir.data();
        lxw_workbook *wb = workbook_new_opt(encodedFile.constData(), &options);
        if (!wb)
            return Error::internal(Tr::tr("the XLSX writer could not start a workbook"));
        lxw_error err = fill(wb);
        const lxw_error closed = workbook_close(wb); // frees the workbook in every case
        if (err == LXW_NO_ERROR)
            err = closed;
        if (err != LXW_NO_ERROR)
            return Error::internal(
                Tr::tr("the XLSX writer failed: %1").arg(QString::fromUtf8(lxw_strerror(err))));
        QFile built(file);
        if (!built.open(QIODevice::ReadOnly))
            return Error::internal(built.errorString());
        const QByteArray bytes = built.readAll();
        if (out.write(bytes) != bytes.size())
            return Error::internal(out.errorString());
        return {};
    });
}

} // namespace billing::report::xlsx
