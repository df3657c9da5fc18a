#include "billexport.h"

#include "exportcommon.h"

namespace billing::report {

Result<Format> formatFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("csv"))
        return Format::Csv;
    if (n == QLatin1String("xlsx"))
        return Format::Xlsx;
    if (n == QLatin1String("pdf"))
        return Format::Pdf;
    return Error::badUsage(Tr::tr("\"%1\" is not an export format: use csv, xlsx or pdf").arg(name));
}

QString formatName(Format format)
{
    switch (format) {
    case Format::Csv:
        return QStringLiteral("csv");
    case Format::Xlsx:
        return QStringLiteral("xlsx");
    case Format::Pdf:
        return QStringLiteral("pdf");
    }
    return QString();
}

Status exportBillData(const BillDocument &doc, Format format, const QString &path)
{
    switch (format) {
    case Format::Csv:
        return saveAtomically(path,
                              [&](QIODevice &out) { return exportBillCsv(doc.bill, doc.currency, out); });
    case Format::Xlsx:
        return exportBillXlsx(doc, path);
    case Format::Pdf:
        break;
    }
    return Error::internal(Tr::tr("unknown export format"));
}

} // namespace billing::report
