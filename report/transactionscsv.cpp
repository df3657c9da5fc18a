#include "transactionscsv.h"

#include "csvexport.h"
#include "exportcommon.h"

#include <QIODevice>

namespace billing::report {

TransactionsCsvWriter::TransactionsCsvWriter(QIODevice &out, const BillingCalendar &calendar,
                                             const QString &currency)
    : m_out(out), m_calendar(calendar), m_currency(currency)
{
}

Status TransactionsCsvWriter::put(const QString &line)
{
    const QByteArray bytes = line.toUtf8();
    if (m_out.write(bytes) != bytes.size())
        return Error::internal(m_out.errorString().isEmpty() ? Tr::tr("the device refused the data")
                                                             : m_out.errorString());
    return {};
}

Status TransactionsCsvWriter::writeHeader()
{
    return put(csvRow(QStringList{QStringLiteral("id"), QStringLiteral("type"), QStringLiteral("time"),
                                  QStringLiteral("expenditure_time"), QStringLiteral("bill_month"),
                                  QStringLiteral("api"), QStringLiteral("region"), QStringLiteral("project"),
                                  QStringLiteral("mode"), QStringLiteral("package_id")} +
                          amountKeys()
                      << QStringLiteral("late") << QStringLiteral("currency")));
}

Status TransactionsCsvWriter::write(const Record &r)
{
    return put(csvRow(QStringList{QString::number(r.id), recordTypeId(r.type), m_calendar.format(r.at),
                                  m_calendar.format(r.expenditureAt), r.billMonth, r.api, r.region, r.project,
                                  r.mode, r.packageId ? QString::number(*r.packageId) : QString()} +
                          amountFields(r)
                      << (r.late ? QStringLiteral("true") : QStringLiteral("false")) << m_currency));
}

Status TransactionsCsvWriter::write(const std::vector<Record> &records)
{
    for (const Record &r : records) {
        if (Status s = write(r); !s)
            return s;
    }
    return {};
}

Status exportTransactionsCsv(const std::vector<Record> &records, const BillingCalendar &calendar,
                             const QString &currency, QIODevice &out)
{
    TransactionsCsvWriter w(out, calendar, currency);
    if (Status s = w.writeHeader(); !s)
        return s;
    return w.write(records);
}

} // namespace billing::report
