#pragma once

#include <QtGlobal>

namespace billing {

// A point in time: microseconds since 1970-01-01T00:00:00Z. Call records may carry fractions of a
// second (billing-rules §12.17), so whole seconds are not enough.
using Instant = qint64;

inline constexpr Instant kMicrosPerSecond = 1'000'000;
inline constexpr Instant kMicrosPerMinute = 60 * kMicrosPerSecond;
inline constexpr Instant kMicrosPerHour = 60 * kMicrosPerMinute;
inline constexpr Instant kMicrosPerDay = 24 * kMicrosPerHour;

// A civil date without time zone.
struct CivilDate
{
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..31
    auto operator<=>(const CivilDate &) const = default;
};

// Days since 1970-01-01 for a proleptic Gregorian date, and back (H. Hinnant's algorithms).
constexpr qint64 daysFromCivil(CivilDate d)
{
    const int y = d.year - (d.month <= 2 ? 1 : 0);
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = unsigned((153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

constexpr CivilDate civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 y = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const int d = int(doy - (153 * mp + 2) / 5 + 1);
    const int m = int(mp < 10 ? mp + 3 : mp - 9);
    return CivilDate{int(y + (m <= 2 ? 1 : 0)), m, d};
}

constexpr bool isLeapYear(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr int daysInMonth(int y, int m)
{
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeapYear(y) ? 29 : days[m - 1];
}

// Floor division that rounds toward negative infinity.
constexpr qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace billing
