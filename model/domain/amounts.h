#pragma once

// The money columns every charge carries (billing-rules §9): one record, one bill line, a bill's totals
// and the sums of a filter all have the same calls and amounts, and every writer (CSV, XLSX, PDF, JSON)
// lists them from the one table below.
#include "money/money.h"

#include <QString>
#include <QtGlobal>

#include <array>

class QJsonObject;

namespace billing {

struct Amounts
{
    qint64 calls = 0;
    Money fee;        // list amount, 8 decimals
    Money charged;    // fee truncated to cents
    Money roundedOff; // fee − charged, not charged (§3)
    Money paidCoupon;
    Money paidCash;
    Money arrears;

    Amounts &operator+=(const Amounts &o);
    bool operator==(const Amounts &) const = default;
};

// One money column of Amounts, in the order the bill files show them (after "calls").
struct AmountColumn
{
    const char *key;   // JSON key and CSV header, a machine contract: never translated
    const char *title; // the column as people read it; translated in the context "billing::report"
    Money Amounts::*member;
    int decimals; // the exact text's minimum decimals: 8 for fees, 2 for what is paid
};

inline constexpr std::array<AmountColumn, 6> kAmountColumns{{
    {"fee", QT_TRANSLATE_NOOP("billing::report", "Fee"), &Amounts::fee, Money::Decimals},
    {"charged", QT_TRANSLATE_NOOP("billing::report", "Charged"), &Amounts::charged, 2},
    {"rounded_off", QT_TRANSLATE_NOOP("billing::report", "Rounded off"), &Amounts::roundedOff,
     Money::Decimals},
    {"paid_coupon", QT_TRANSLATE_NOOP("billing::report", "Paid by coupon"), &Amounts::paidCoupon, 2},
    {"paid_cash", QT_TRANSLATE_NOOP("billing::report", "Paid by cash"), &Amounts::paidCash, 2},
    {"arrears", QT_TRANSLATE_NOOP("billing::report", "Arrears"), &Amounts::arrears, 2},
}};
inline constexpr const char *kCallsKey = "calls";
inline constexpr const char *kCallsTitle = QT_TRANSLATE_NOOP("billing::report", "Calls");

// The exact decimal text of one column (what the CSV and JSON carry).
QString exactText(const Amounts &a, const AmountColumn &c);
// Inserts "calls" (a number) and the six amounts (exact strings) under their keys.
void insertAmounts(QJsonObject &o, const Amounts &a);

// A bill's sums per (API, region, mode) of one bill month.
struct BillLine : Amounts
{
    QString api;
    QString region;
    QString mode;
};

} // namespace billing
