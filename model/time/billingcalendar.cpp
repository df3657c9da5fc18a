#include "time/billingcalendar.h"
#include "core/shown.h"

#include <QCoreApplication>
#include <QStringView>

namespace billing {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::BillingCalendar)
};

bool digits(const char *p, int n, int &out)
{
    out = 0;
    for (int i = 0; i < n; ++i) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        out = out * 10 + (p[i] - '0');
    }
    return true;
}
} // namespace

Instant BillingCalendar::hourStart(Instant t) const
{
    const Instant local = t + m_offset * kMicrosPerSecond;
    return floorDiv(local, kMicrosPerHour) * kMicrosPerHour - m_offset * kMicrosPerSecond;
}

Instant BillingCalendar::dayStart(Instant t) const
{
    const Instant local = t + m_offset * kMicrosPerSecond;
    return floorDiv(local, kMicrosPerDay) * kMicrosPerDay - m_offset * kMicrosPerSecond;
}

CivilDate BillingCalendar::dateOf(Instant t) const
{
    return civilFromDays(floorDiv(t + m_offset * kMicrosPerSecond, kMicrosPerDay));
}

Instant BillingCalendar::startOfDate(CivilDate d) const
{
    return daysFromCivil(d) * kMicrosPerDay - m_offset * kMicrosPerSecond;
}

Instant BillingCalendar::at(CivilDate d, int hour, int minute, int second) const
{
    return startOfDate(d) + hour * kMicrosPerHour + minute * kMicrosPerMinute + second * kMicrosPerSecond;
}

Instant BillingCalendar::monthStart(Instant t) const
{
    CivilDate d = dateOf(t);
    d.day = 1;
    return startOfDate(d);
}

Instant BillingCalendar::addMonths(Instant monthStartInstant, int months) const
{
    CivilDate d = dateOf(monthStartInstant);
    const int index = d.year * 12 + (d.month - 1) + months;
    return startOfDate(CivilDate{int(floorDiv(index, 12)), int(index - floorDiv(index, 12) * 12) + 1, 1});
}

Instant BillingCalendar::nextMonthStart(Instant t) const
{
    return addMonths(monthStart(t), 1);
}

QString BillingCalendar::monthKey(Instant t) const
{
    const CivilDate d = dateOf(t);
    return QStringLiteral("%1-%2").arg(d.year, 4, 10, QLatin1Char('0')).arg(d.month, 2, 10, QLatin1Char('0'));
}

Result<Instant> BillingCalendar::parseMonth(QStringView text) const
{
    const QByteArray b = text.toLatin1();
    int y = 0, m = 0;
    if (b.size() != 7 || b[4] != '-' || !digits(b.constData(), 4, y) || !digits(b.constData() + 5, 2, m) ||
        m < 1 || m > 12)
        return Error::badUsage(
            Tr::tr("\"%1\" is not a month: use YYYY-MM, e.g. 2026-10").arg(shownValue(text)));
    return startOfDate(CivilDate{y, m, 1});
}

CivilDate BillingCalendar::sameDateNextYear(CivilDate d)
{
    CivilDate n{d.year + 1, d.month, d.day};
    if (n.month == 2 && n.day == 29 && !isLeapYear(n.year))
        n.day = 28;
    return n;
}

Instant BillingCalendar::oneYearTermEnd(Instant effective) const
{
    const CivilDate last = sameDateNextYear(dateOf(effective));
    return startOfDate(last) + kMicrosPerDay;
}

QString BillingCalendar::formatOffset(int seconds)
{
    const QChar sign = seconds < 0 ? u'-' : u'+';
    const int a = seconds < 0 ? -seconds : seconds;
    return QStringLiteral("%1%2:%3")
        .arg(sign)
        .arg(a / 3600, 2, 10, QLatin1Char('0'))
        .arg(a % 3600 / 60, 2, 10, QLatin1Char('0'));
}

QString BillingCalendar::format(Instant t) const
{
    const Instant local = t + m_offset * kMicrosPerSecond;
    const CivilDate d = civilFromDays(floorDiv(local, kMicrosPerDay));
    const Instant inDay = local - floorDiv(local, kMicrosPerDay) * kMicrosPerDay;
    const int secs = int(inDay / kMicrosPerSecond);
    const int micros = int(inDay % kMicrosPerSecond);
    QString s = QStringLiteral("%1-%2-%3T%4:%5:%6")
                    .arg(d.year, 4, 10, QLatin1Char('0'))
                    .arg(d.month, 2, 10, QLatin1Char('0'))
                    .arg(d.day, 2, 10, QLatin1Char('0'))
                    .arg(secs / 3600, 2, 10, QLatin1Char('0'))
                    .arg(secs % 3600 / 60, 2, 10, QLatin1Char('0'))
                    .arg(secs % 60, 2, 10, QLatin1Char('0'));
    if (micros != 0) {
        QString f = QString::number(micros).rightJustified(6, u'0');
        while (f.endsWith(u'0'))
            f.chop(1);
        if (f.size() < 3)
            f = f.leftJustified(3, u'0');
        s += u'.' + f;
    }
    return s + formatOffset(m_offset);
}

bool BillingCalendar::parseTimestampFast(const char *p, const char *end, Instant &out)
{
    // YYYY-MM-DDTHH:MM:SS[.ffffff](Z|±HH:MM)
    if (end - p < 20)
        return false;
    int y, mo, d, h, mi, s;
    if (!digits(p, 4, y) || p[4] != '-' || !digits(p + 5, 2, mo) || p[7] != '-' || !digits(p + 8, 2, d) ||
        (p[10] != 'T' && p[10] != ' ') || !digits(p + 11, 2, h) || p[13] != ':' || !digits(p + 14, 2, mi) ||
        p[16] != ':' || !digits(p + 17, 2, s))
        return false;
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59 || y < 1970)
        return false;
    const char *q = p + 19;
    int micros = 0;
    if (q < end && *q == '.') {
        ++q;
        int n = 0;
        while (q < end && *q >= '0' && *q <= '9') {
            if (++n > 6)
                return false;
            micros = micros * 10 + (*q - '0');
            ++q;
        }
        if (n == 0)
            return false;
        for (; n < 6; ++n)
            micros *= 10;
    }
    int offset = 0;
    if (q < end && *q == 'Z') {
        ++q;
    } else if (end - q >= 6 && (*q == '+' || *q == '-') && q[3] == ':') {
        int oh, om;
        if (!digits(q + 1, 2, oh) || !digits(q + 4, 2, om) || oh > 18 || om > 59)
            return false;
        offset = (oh * 3600 + om * 60) * (*q == '-' ? -1 : 1);
        q += 6;
    } else {
        return false;
    }
    if (q != end)
        return false;
    out = (daysFromCivil(CivilDate{y, mo, d}) * 86400 + h * 3600 + mi * 60 + s - offset) * kMicrosPerSecond +
          micros;
    return true;
}

Result<Instant> BillingCalendar::parseTimestamp(QStringView text)
{
    const QByteArray b = text.toLatin1();
    Instant t = 0;
    if (!parseTimestampFast(b.constData(), b.constData() + b.size(), t))
        return Error::badUsage(
            Tr::tr("\"%1\" is not a time: use ISO 8601 with an offset, e.g. 2026-10-01T08:00:00+08:00")
                .arg(shownValue(text)));
    return t;
}

Result<int> BillingCalendar::parseOffset(QStringView text)
{
    if (text == u"Z")
        return 0;
    const QByteArray b = text.toLatin1();
    int oh = 0, om = 0;
    if (b.size() != 6 || (b[0] != '+' && b[0] != '-') || b[3] != ':' || !digits(b.constData() + 1, 2, oh) ||
        !digits(b.constData() + 4, 2, om) || oh > 14 || om > 59 || (om % 15) != 0)
        return Error::badUsage(
            Tr::tr("\"%1\" is not a UTC offset: use ±HH:MM, e.g. +08:00").arg(shownValue(text)));
    return (oh * 3600 + om * 60) * (b[0] == '-' ? -1 : 1);
}

} // namespace billing
