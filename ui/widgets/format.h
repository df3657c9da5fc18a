#pragma once

#include "domain/types.h"
#include "time/instant.h"

#include <QColor>
#include <QDateTime>
#include <QLocale>
#include <QString>

class QFont;
class QPalette;

namespace billing {
class Catalog;
}

namespace billing::ui {

// How an account's values are shown: its currency (in column headers), its billing time zone and the
// catalog that names APIs and regions. The catalog may be null (ids are shown then).
struct AccountDisplay
{
    QString currency = QStringLiteral("USD");
    int utcOffsetSeconds = 8 * 3600;
    const Catalog *catalog = nullptr;
};
QString apiName(const AccountDisplay &display, const QString &apiId);
// A name from the catalog (API, region) in the console's language.
QString catalogName(const QString &name);
QString regionName(const AccountDisplay &display, const QString &regionId);

// An instant as a date and time in the account's billing time zone.
QDateTime toDateTime(Instant t, int utcOffsetSeconds);
// Short, locale-formatted date and time in the billing time zone, e.g. "11/27/26 10:00 AM".
QString formatDateTime(Instant t, int utcOffsetSeconds, const QLocale &locale = QLocale());
// Locale-formatted date and time plus the offset, e.g. "Nov 27, 2026, 10:00 AM (UTC+08:00)".
QString formatDateTimeLong(Instant t, int utcOffsetSeconds, const QLocale &locale = QLocale());

// Money with grouping through the locale; `decimals` 2 truncates to cents, 8 shows the exact amount.
QString formatMoney(Money m, int decimals = 2, const QLocale &locale = QLocale());

// The account state in words: "Normal", "Grace until …", "Frozen until …".
QString accountStateText(const Account &account, const QLocale &locale = QLocale());

// The same font with tabular (equal-width) digits: the font itself when its digits already have one
// width (most UI fonts), otherwise the system fixed-width font at the same size.
QFont tabularFont(const QFont &font);

// Money-state accents (ui-guidelines "Look"): chosen for the palette so they stay readable on light
// and dark backgrounds. These are the only hard-coded colours of the widgets.
QColor negativeMoneyColor(const QPalette &palette);
struct ChipColors
{
    QColor background;
    QColor text;
};
ChipColors stateChipColors(AccountState state, const QPalette &palette);

} // namespace billing::ui
