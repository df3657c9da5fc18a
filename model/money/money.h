#pragma once

#include "core/result.h"

#include <QtGlobal>

#include <compare>

class QLocale;
class QStringView;

namespace billing {

__extension__ typedef __int128 Int128; // 128-bit intermediates for exact products

// An exact amount of money: a signed 64-bit count of 1e-8 currency units (billing-rules §3).
// Never a double. Every stored amount stays within ±Limit (billing-rules §3 Range): two amounts in
// range add without overflow, and sums and products that can leave it are made in 128 bits and
// checked with inRange() before they are narrowed.
class Money
{
public:
    static constexpr int Decimals = 8;
    static constexpr qint64 Scale = 100'000'000;                 // units per currency unit
    static constexpr qint64 CentUnits = 1'000'000;               // units per cent
    static constexpr qint64 LimitUnits = 10'000'000'000 * Scale; // ±10,000,000,000.00 (billing-rules §3)

    constexpr Money() = default;
    static constexpr Money fromUnits(qint64 units) { return Money(units); }
    static constexpr Money fromCents(qint64 cents) { return Money(cents * CentUnits); }

    constexpr qint64 units() const { return m_units; }
    constexpr bool isZero() const { return m_units == 0; }
    constexpr bool isNegative() const { return m_units < 0; }
    constexpr bool isInRange() const { return m_units >= -LimitUnits && m_units <= LimitUnits; }

    // Truncates toward zero to whole cents (the charged amount of a fee).
    constexpr Money truncatedToCents() const { return Money(m_units / CentUnits * CentUnits); }
    // fee − truncatedToCents(): what rounding took off.
    constexpr Money centRemainder() const { return Money(m_units % CentUnits); }

    // Exact decimal text: "-12.34", "0.00150000". At least minDecimals digits after the point,
    // more where needed to stay exact (never rounded).
    QString toString(int minDecimals = 2) const;
    // Locale-aware display with grouping, e.g. "1,234.50"; decimals as toString().
    QString toDisplayString(const QLocale &locale, int minDecimals = 2) const;

    // Parses an exact decimal: optional leading '-', digits, optional '.' and 1–8 digits.
    // Refuses signs where they don't belong, more than 8 decimals, overflow and anything else.
    static Result<Money> parse(QStringView text);

    // An amount of `units` (a 128-bit sum or product) if it lies within ±Limit; otherwise Refused with
    // a message naming the amount.
    static Result<Money> inRange(Int128 units);
    // Exact decimal text of any 128-bit amount of units, as toString() (for amounts out of range).
    static QString unitsToString(Int128 units, int minDecimals = 2);
    // "the amount X is outside the range of ±10,000,000,000.00"
    static QString outOfRangeMessage(Int128 units);

    // Multiplies by an integer count with a 128-bit intermediate; Refused outside the range.
    static Result<Money> times(Money price, qint64 count);
    // price × numerator / denominator, floored, with a 128-bit intermediate; Refused outside the range.
    static Result<Money> scaled(Money price, qint64 numerator, qint64 denominator);

    constexpr Money operator+(Money o) const { return Money(m_units + o.m_units); }
    constexpr Money operator-(Money o) const { return Money(m_units - o.m_units); }
    constexpr Money operator-() const { return Money(-m_units); }
    constexpr Money &operator+=(Money o)
    {
        m_units += o.m_units;
        return *this;
    }
    constexpr Money &operator-=(Money o)
    {
        m_units -= o.m_units;
        return *this;
    }
    constexpr auto operator<=>(const Money &) const = default;

    static constexpr Money min(Money a, Money b) { return a < b ? a : b; }
    static constexpr Money max(Money a, Money b) { return a < b ? b : a; }

private:
    constexpr explicit Money(qint64 units) : m_units(units) {}
    qint64 m_units = 0;
};

} // namespace billing
