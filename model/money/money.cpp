#include "money/money.h"

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
void split(qint64 units, int minDecimals, quint64 &whole, QString &fraction)
{
    const quint64 abs = units < 0 ? 0 - quint64(units) : quint64(units);
    whole = abs / quint64(Money::Scale);
    fraction = QString::number(abs % quint64(Money::Scale)).rightJustified(Money::Decimals, u'0');
    int keep = Money::Decimals;
    while (keep > minDecimals && fraction.at(keep - 1) == u'0')
        --keep;
    fraction.truncate(keep);
}
} // namespace

QString Money::toString(int minDecimals) const
{
    quint64 whole = 0;
    QString fraction;
    split(m_units, qBound(0, minDecimals, Decimals), whole, fraction);
    QString s = QString::number(whole);
    if (!fraction.isEmpty())
        s += u'.' + fraction;
    return m_units < 0 ? u'-' + s : s;
}

QString Money::toDisplayString(const QLocale &locale, int minDecimals) const
{
    quint64 whole = 0;
    QString fraction;
    split(m_units, qBound(0, minDecimals, Decimals), whole, fraction);
    QString s = locale.toString(whole);
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
            return Error::badData(Tr::tr("the amount \"%1\" is too large").arg(text));
    }
    if (wholeDigits == 0)
        return Error::badData(Tr::tr("\"%1\" is not an amount: it must start with a digit").arg(text));
    Int128 frac = 0;
    if (i < text.size() && text[i] == u'.') {
        ++i;
        qsizetype digits = 0;
        for (; i < text.size() && text[i].isDigit() && text[i].unicode() < 128; ++i, ++digits) {
            if (digits == Decimals)
                return Error::badData(Tr::tr("the amount \"%1\" has more than 8 decimals").arg(text));
            frac = frac * 10 + (text[i].unicode() - u'0');
        }
        if (digits == 0)
            return Error::badData(Tr::tr("\"%1\" is not an amount: no digit after the point").arg(text));
        for (; digits < Decimals; ++digits)
            frac *= 10;
    }
    if (i != text.size())
        return Error::badData(Tr::tr("\"%1\" is not an amount: unexpected \"%2\"").arg(text).arg(text[i]));
    Int128 units = whole * Scale + frac;
    if (negative)
        units = -units;
    if (units > std::numeric_limits<qint64>::max() || units < -std::numeric_limits<qint64>::max())
        return Error::badData(Tr::tr("the amount \"%1\" is too large").arg(text));
    return Money(qint64(units));
}

Result<Money> Money::times(Money price, qint64 count)
{
    const Int128 r = Int128(price.m_units) * count;
    if (r > std::numeric_limits<qint64>::max() || r < -std::numeric_limits<qint64>::max())
        return Error::internal(Tr::tr("an amount overflowed"));
    return Money(qint64(r));
}

Result<Money> Money::scaled(Money price, qint64 numerator, qint64 denominator)
{
    if (denominator <= 0)
        return Error::internal(Tr::tr("an amount was divided by zero"));
    Int128 r = Int128(price.m_units) * numerator;
    Int128 q = r / denominator;
    if (r % denominator != 0 && r < 0)
        --q; // floor
    if (q > std::numeric_limits<qint64>::max() || q < -std::numeric_limits<qint64>::max())
        return Error::internal(Tr::tr("an amount overflowed"));
    return Money(qint64(q));
}

} // namespace billing
