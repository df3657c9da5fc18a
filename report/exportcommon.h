#pragma once

// Pieces the three bill writers share: translated texts, column titles, the atomic file write.
#include "core/result.h"
#include "domain/amounts.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

class QIODevice;

namespace billing::report {

// Every visible text of the exports is translated in the context "billing::report" (lupdate reads the
// context from Q_DECLARE_TR_FUNCTIONS).
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::report)
};

// The bill columns as people read them (XLSX and PDF), in the CSV's order without "currency".
QStringList columnTitles();
// "calls" and the amounts' keys; calls and the amounts as exact decimal strings, in the same order.
QStringList amountKeys();
QStringList amountFields(const Amounts &a);
// The CSV's header (also the XLSX "exact" sheet's): api,region,mode,calls, the amounts' keys, currency.
QStringList exactHeader();
// One line in those columns, amounts as exact decimal strings; `api` replaces line.api (the "total" row).
QStringList exactFields(const BillLine &line, const QString &api, const QString &currency);
// "pay-per-use" / "package" as people read them.
QString modeTitle(const QString &mode);
// "open" / "final", translated.
QString statusTitle(bool final);
// "12.34 USD": an amount already formatted, with its currency code.
QString withCurrency(const QString &amount, const QString &currency);
// The sentence every bill carries (billing-rules §3: nothing is hidden), for a formatted amount.
QString roundedOffNote(const QString &roundedOffTotal);

// Opens a QSaveFile on path, lets write() fill it and commits it; on any failure the target is left
// as it was. Errors name the file.
Status saveAtomically(const QString &path, const std::function<Status(QIODevice &)> &write);

} // namespace billing::report
