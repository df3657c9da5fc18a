#pragma once

// Transaction records (billing-rules §9) as CSV, UTF-8, RFC 4180, for scripts and spreadsheets: a
// header line, one row per record, amounts as exact decimal strings, times ISO 8601 with the account's
// offset. A writer streams rows, so a million records never sit in memory at once.
#include "core/result.h"
#include "domain/types.h"
#include "time/billingcalendar.h"

#include <vector>

class QIODevice;

namespace billing::report {

class TransactionsCsvWriter
{
public:
    TransactionsCsvWriter(QIODevice &out, const BillingCalendar &calendar, const QString &currency);

    // Column names are a machine contract, not translated: id,type,time,expenditure_time,bill_month,api,
    // region,project,mode,package_id,calls,fee,charged,rounded_off,paid_coupon,paid_cash,arrears,late,currency
    Status writeHeader();
    Status write(const Record &r);
    Status write(const std::vector<Record> &records);

private:
    Status put(const QString &line);

    QIODevice &m_out;
    BillingCalendar m_calendar;
    QString m_currency;
};

// Header and every record into out.
Status exportTransactionsCsv(const std::vector<Record> &records, const BillingCalendar &calendar,
                             const QString &currency, QIODevice &out);

} // namespace billing::report
