#include "pdfmodule.h"
#include "tr.h"

#include <QDir>
#include <QFileInfo>
#include <QLibrary>

#include <cstring>

namespace billing::cli {

bool mayWantPdf(int argc, char **argv)
{
    bool exportBill = false, pdf = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "close") == 0)
            return true;
        exportBill = exportBill || std::strcmp(argv[i], "export-bill") == 0;
        const QString arg = QString::fromLocal8Bit(argv[i]).trimmed();
        pdf = pdf || arg.compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0 ||
              arg.compare(QLatin1String("--format=pdf"), Qt::CaseInsensitive) == 0;
    }
    return exportBill && pdf;
}

Result<const PdfModule *> pdfModule()
{
    using Entry = const PdfModule *(*)();
    static const Result<const PdfModule *> loaded = []() -> Result<const PdfModule *> {
        // Next to the program in the build tree; BILLINGCTL_PDF_MODULE_DIR (relative to the program's
        // folder) once installed. No application object may exist yet: the program's path from /proc.
        const QDir bin = QFileInfo(QStringLiteral("/proc/self/exe")).canonicalFilePath().section(u'/', 0, -2);
        const QString name = QStringLiteral("billingctl-pdf.so");
        QString path = bin.filePath(name);
        if (!QFileInfo::exists(path))
            path = QDir::cleanPath(bin.filePath(QStringLiteral(BILLINGCTL_PDF_MODULE_DIR "/") + name));
        QLibrary library(path);
        const auto entry =
            library.load() ? reinterpret_cast<Entry>(library.resolve(kPdfModuleSymbol)) : nullptr;
        if (!entry)
            return Error::internal(CliTr::tr("the PDF export needs %1, which could not be loaded: %2")
                                       .arg(QDir::toNativeSeparators(path), library.errorString()));
        return entry(); // the QLibrary object goes, the module stays loaded (nothing unloads it)
    }();
    return loaded;
}

} // namespace billing::cli
