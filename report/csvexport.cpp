// The bill as CSV (RFC 4180, UTF-8): for scripts, so amounts are exact decimal strings.
#include "csvexport.h"

#include "billexport.h"
#include "exportcommon.h"

#include <QIODevice>

namespace billing::report {

QString csvFields(const QStringList &fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (QString f : fields) {
        if (f.contains(u',') || f.contains(u'"') || f.contains(u'\n') || f.contains(u'\r'))
            f = u'"' + f.replace(QLatin1String("\""), QLatin1String("\"\"")) + u'"';
        quoted << f;
    }
    return quoted.join(u',');
}

QString csvRow(const QStringList &fields)
{
    return csvFields(fields) + QLatin1String("\r\n");
}

Status exportBillCsv(const Bill &bill, const QString &currency, QIODevice &out)
{
    QString text = csvRow(exactHeader());
    for (const BillLine &l : bill.lines)
        text += csvRow(exactFields(l, l.api, currency));
    BillLine total = bill.totals;
    total.region.clear();
    total.mode.clear();
    text += csvRow(exactFields(total, QStringLiteral("total"), currency));

    const QByteArray bytes = text.toUtf8();
    if (out.write(bytes) != bytes.size())
        return Error::internal(out.errorString().isEmpty() ? Tr::tr("the device refused the data")
                                                           : out.errorString());
    return {};
}

} // namespace billing::report
