#pragma once

// One bill file read into normalized lines (provider-bills.md §2 "Matching"): (month, hour if the file
// has one, API, region, billing mode, enterprise project if the file has one) with calls, fee, charged
// and rounded-off. It recognizes, by their headers (English or Chinese, case and spacing ignored), the
// provider's resource and transaction bills (§1), FOCUS 1.2 files (§3) and the console's own bill and
// transaction exports; any other layout is read through a "provider-bill" column profile.
#include "core/result.h"
#include "mapping/columnprofile.h"
#include "money/money.h"
#include "reconcile/tabular.h"
#include "time/billingcalendar.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace billing {

class Catalog;

inline constexpr Instant kNoHour = std::numeric_limits<Instant>::min();

// Where a line belongs; hour kNoHour and project nullopt where the file does not say.
struct BillLineKey
{
    QString month;
    Instant hour = kNoHour;
    QString api;
    QString region;
    QString mode;
    std::optional<QString> project;

    bool operator<(const BillLineKey &o) const;
    bool operator==(const BillLineKey &o) const = default;
};

struct LineFigures
{
    qint64 calls = 0;
    Money fee;
    Money charged;
    Money roundedOff;
    bool callsKnown = true; // false: the file has no usage column (a resource bill without it)

    LineFigures &operator+=(const LineFigures &o)
    {
        calls += o.calls;
        callsKnown = callsKnown && o.callsKnown;
        fee += o.fee;
        charged += o.charged;
        roundedOff += o.roundedOff;
        return *this;
    }
    bool operator==(const LineFigures &) const = default;
    bool isZero() const { return calls == 0 && fee.isZero() && charged.isZero() && roundedOff.isZero(); }
};

struct IgnoredRow
{
    QString table; // the file, or its part in a ZIP
    qint64 line = 0;
    QString reason;
};

struct BillFileOptions
{
    const Catalog *catalog = nullptr;
    QString accountName; // empty: not checked
    QString currency;
    BillingCalendar calendar;
    std::optional<ColumnProfile> profile; // a "provider-bill" profile: the file's columns by it
    QString month;                        // for files without one (the console's bill export)
};

// The file's format as reconcile --json names it: "focus", "provider-resource", "provider-transaction",
// "ours", or the profile's name.
struct BillFileSummary
{
    QString path;
    QString format;
    qint64 rows = 0; // rows read as lines (ignored ones not counted)
    std::vector<IgnoredRow> ignored;
    QByteArray sha256; // of the file's bytes, hex
};

using LineSink = std::function<Status(const BillLineKey &, const LineFigures &)>;

// Reads a whole file (CSV, XLSX or a ZIP of them) and hands every OCR line to sink. An unreadable file,
// a row that cannot be read, another account or currency: a bad-data error naming the file, line and
// column; nothing is handed on after it.
Result<BillFileSummary> readBillFile(const QString &path, const BillFileOptions &options,
                                     const LineSink &sink, const ReadLimits &limits = {},
                                     const ReadProgress &progress = {});

// An exact decimal amount as bill files write it: "1234.5", "-0.00150000", "1,234.50" (thousands
// separators only in valid groups of three); at most 8 decimals, more only as trailing zeros.
Result<Money> parseBillAmount(const QString &text);
// "2020-08-23 22:00:00 GMT+08:00", a "start-end" period of two of those (its start), "2020/07/02 08:36"
// (UTC+8, the provider's cycles) and ISO 8601 with an offset.
Result<Instant> parseBillTime(const QString &text);

} // namespace billing
