#include "money/money.h"
#include "core/shown.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>
#include <QStringView>

#include <limits>

namespace billing {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::Money)
};

// Splits |units| into whole part and fraction digits, keeping at least minDecimals digits.
void split(Int128 units, int minDecimals, QString &whole, QString &fraction)
{
    Int128 abs = units < 0 ? -units : units;
    const auto fractionUnits = qint64(abs % Money::Scale);
    abs /= Money::Scale;
    // Past 64 bits only for amounts out of range, which are named in messages, never stored.
    whole.clear();
    do {
        whole.prepend(QChar(char16_t(u'0' + int(abs % 10))));
        abs /= 10;
    } while (abs > 0);
    fraction = QString::number(fractionUnits).rightJustified(Money::Decimals, u'0');
    int keep = Money::Decimals;
    while (keep > minDecimals && fraction.at(keep - 1) == u'0')
        --keep;
    fraction.truncate(keep);
}
} // namespace

QString Money::toString(int minDecimals) const
{
    return unitsToString(m_units, minDecimals);
}

QString Money::unitsToString(Int128 units, int minDecimals)
{
    QString whole, fraction;
    split(units, qBound(0, minDecimals, Decimals), whole, fraction);
    if (!fraction.isEmpty())
        whole += u'.' + fraction;
    return units < 0 ? u'-' + whole : whole;
}

QString Money::outOfRangeMessage(Int128 units)
{
    return Tr::tr("the amount %1 is outside the range of ±10,000,000,000.00").arg(unitsToString(units));
}

Result<Money> Money::inRange(Int128 units)
{
    if (units > LimitUnits || units < -LimitUnits)
        return Error::refused(outOfRangeMessage(units));
    return Money(qint64(units));
}

QString Money::toDisplayString(const QLocale &locale, int minDecimals) const
{
    QString whole, fraction;
    split(m_units, qBound(0, minDecimals, Decimals), whole, fraction);
    QString s = locale.toString(whole.toULongLong());
    if (!fraction.isEmpty())
        s += locale.decimalPoint() + fraction;
    return m_units < 0 ? locale.negativeSign() + s : s;
}

Result<Money> Money::parse(QStringView text)
{
    if (text.isEmpty())
        return Error::badData(Tr::tr("an amount is empty"));
    qsizetype i = 0;
    const bool negative = text.front() == u'-';
    if (negative)
        ++i;
    Int128 whole = 0;
    qsizetype wholeDigits = 0;
    for (; i < text.size() && text[i].isDigit() && text[i].unicode() < 128; ++i, ++wholeDigits) {
        whole = whole * 10 + (text[i].unicode() - u'0');
        if (whole > std::numeric_limits<qint64>::max() / Scale + 1)
            return Error::badData(Tr::tr("the amount \"%1\" is too large").arg(shownValue(text)));
    }
    if (wholeDigits == 0)
        return Error::badData(
            Tr::tr("\"%1\" is not an amount: it must start with a digit").arg(shownValue(text)));
    Int128 frac = 0;
    if (i < text.size() && text[i] == u'.') {
        ++i;
        qsizetype digits = 0;
        for (; i < text.size() && text[i].isDigit() && text[i].unicode() < 128; ++i, ++digits) {
            if (digits == Decimals)
                return Error::badData(
                    Tr::tr("the amount \"%1\" has more than 8 decimals").arg(shownValue(text)));
            frac = frac * 10 + (text[i].unicode() - u'0');
        }
        if (digits == 0)
            return Error::badData(
                Tr::tr("\"%1\" is not an amount: no digit after the point").arg(shownValue(text)));
        for (; digits < Decimals; ++digits)
            frac *= 10;
    }
    if (i != text.size())
        return Error::badData(Tr::tr("\"%1\" is not an amount: unexpected \"%2\"")
                                  .arg(shownValue(text))
                                  .arg(shownValue(text.mid(i, 1))));
    Int128 units = whole * Scale + frac;
    if (negative)
        units = -units;
    if (units > std::numeric_limits<qint64>::max() || units < -std::numeric_limits<qint64>::max())
        return Error::badData(Tr::tr("the amount \"%1\" is too large").arg(shownValue(text)));
    return Money(qint64(units));
}

Result<Money> Money::times(Money price, qint64 count)
{
    return inRange(Int128(price.m_units) * count);
}

Result<Money> Money::scaled(Money price, qint64 numerator, qint64 denominator)
{
    if (denominator <= 0)
        return Error::internal(Tr::tr("an amount was divided by zero"));
    Int128 r = Int128(price.m_units) * numerator;
    Int128 q = r / denominator;
    if (r % denominator != 0 && r < 0)
        --q; // floor
    return inRange(q);
}

} // namespace billing
