#pragma once

#include "core/result.h"
#include "time/instant.h"

#include <QString>

class QStringView;

namespace billing {

// The account's billing time zone: a fixed UTC offset (billing-rules §1). Hours, days and months
// are wall-clock periods in this offset; all boundaries are computed here and nowhere else.
class BillingCalendar
{
public:
    static constexpr int DefaultOffsetSeconds = 8 * 3600;

    explicit BillingCalendar(int utcOffsetSeconds = DefaultOffsetSeconds) : m_offset(utcOffsetSeconds) {}
    int utcOffsetSeconds() const { return m_offset; }

    Instant hourStart(Instant t) const;
    Instant dayStart(Instant t) const;
    Instant monthStart(Instant t) const;
    Instant nextMonthStart(Instant t) const;
    // Start of the month `months` after (or before, when negative) the month holding t.
    Instant addMonths(Instant monthStartInstant, int months) const;

    CivilDate dateOf(Instant t) const;
    Instant startOfDate(CivilDate d) const; // 00:00:00 local
    Instant at(CivilDate d, int hour, int minute = 0, int second = 0) const;

    // "YYYY-MM" of the month holding t, and back to the month's first instant.
    QString monthKey(Instant t) const;
    Result<Instant> parseMonth(QStringView text) const;

    // End (exclusive) of a package term that starts at `effective`: 00:00:00 of the day after the same
    // calendar date one year later (Feb 29 → Feb 28). The term's last second is end − 1 s (23:59:59).
    Instant oneYearTermEnd(Instant effective) const;
    // Same calendar date one year later; Feb 29 becomes Feb 28 (billing-rules §6, ours).
    static CivilDate sameDateNextYear(CivilDate d);

    // ISO 8601 in this offset, e.g. "2026-10-01T08:00:00+08:00"; fractions only where non-zero.
    QString format(Instant t) const;
    static QString formatOffset(int seconds);

    // Parses ISO 8601 with an offset ("Z" or ±HH:MM), fractions of a second up to 6 digits.
    static Result<Instant> parseTimestamp(QStringView text);
    static bool parseTimestampFast(const char *begin, const char *end, Instant &out);
    // Parses "+08:00" / "-05:30" / "Z".
    static Result<int> parseOffset(QStringView text);

private:
    int m_offset;
};

} // namespace billing
