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

namespace {
QStringList lineFields(const BillLine &l, const QString &currency)
{
    return {l.api,
            l.region,
            l.mode,
            QString::number(l.calls),
            l.fee.toString(8),
            l.charged.toString(2),
            l.roundedOff.toString(8),
            l.paidCoupon.toString(2),
            l.paidCash.toString(2),
            l.arrears.toString(2),
            currency};
}
} // namespace

Status exportBillCsv(const Bill &bill, const QString &currency, QIODevice &out)
{
    // Column names are a machine contract (like the JSON keys of `bill --json`): not translated.
    QString text =
        csvRow({QStringLiteral("api"), QStringLiteral("region"), QStringLiteral("mode"),
                QStringLiteral("calls"), QStringLiteral("fee"), QStringLiteral("charged"),
                QStringLiteral("rounded_off"), QStringLiteral("paid_coupon"), QStringLiteral("paid_cash"),
                QStringLiteral("arrears"), QStringLiteral("currency")});
    for (const BillLine &l : bill.lines)
        text += csvRow(lineFields(l, currency));
    BillLine total = bill.totals;
    total.api = QStringLiteral("total");
    total.region.clear();
    total.mode.clear();
    text += csvRow(lineFields(total, currency));

    const QByteArray bytes = text.toUtf8();
    if (out.write(bytes) != bytes.size())
        return Error::internal(out.errorString().isEmpty() ? Tr::tr("the device refused the data")
                                                           : out.errorString());
    return {};
}

} // namespace billing::report
