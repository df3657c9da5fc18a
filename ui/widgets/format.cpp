#include "widgets/format.h"
#include "widgets/tr.h"

#include "catalog/catalog.h"
#include "displaynames.h"
#include "time/billingcalendar.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QHash>
#include <QPalette>
#include <QTimeZone>

namespace billing::ui {

namespace {

// The catalog names APIs and regions in English; the names of the built-in catalog are translated here
// (lupdate reads this list), names a later catalog brings stay as they are until translated.
[[maybe_unused]] constexpr const char *kCatalogNames[] = {
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "General Text"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "General Table"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "Web Image"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "Handwriting"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "ID Card"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "Passport"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "Driving License"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "Bank Card"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "License Plate"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "VAT Invoice"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "Train Ticket"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "Flight Itinerary"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "CN North-Beijing4"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "CN East-Shanghai1"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "CN-Hong Kong"),
    QT_TRANSLATE_NOOP("billing::ui::CatalogNames", "AP-Singapore"),
};

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}
} // namespace

QString catalogName(const QString &name)
{
    return report::catalogName(name);
}

QString apiName(const AccountDisplay &display, const QString &apiId)
{
    const ApiInfo *api = display.catalog ? display.catalog->api(apiId) : nullptr;
    return api ? catalogName(api->name) : apiId;
}

QString regionName(const AccountDisplay &display, const QString &regionId)
{
    const RegionInfo *region = display.catalog ? display.catalog->region(regionId) : nullptr;
    return region ? catalogName(region->name) : regionId;
}

QDateTime toDateTime(Instant t, int utcOffsetSeconds)
{
    return QDateTime::fromMSecsSinceEpoch(floorDiv(t, 1000), QTimeZone(utcOffsetSeconds));
}

QString formatDateTime(Instant t, int utcOffsetSeconds, const QLocale &locale)
{
    const QDateTime dt = toDateTime(t, utcOffsetSeconds);
    //: date and time, e.g. "11/27/26 10:00"
    return WidgetsTr::tr("%1 %2").arg(locale.toString(dt.date(), QLocale::ShortFormat),
                                      locale.toString(dt.time(), QLocale::ShortFormat));
}

QString formatDateTimeLong(Instant t, int utcOffsetSeconds, const QLocale &locale)
{
    const QDateTime dt = toDateTime(t, utcOffsetSeconds);
    //: date, time and UTC offset, e.g. "27 Nov 2026 10:00 (UTC+08:00)"
    return WidgetsTr::tr("%1 %2 (UTC%3)")
        .arg(locale.toString(dt.date(), QLocale::LongFormat),
             locale.toString(dt.time(), QLocale::ShortFormat),
             BillingCalendar::formatOffset(utcOffsetSeconds));
}

QString formatMoney(Money m, int decimals, const QLocale &locale)
{
    return decimals <= 2 ? m.truncatedToCents().toDisplayString(locale, 2)
                         : m.toDisplayString(locale, decimals);
}

QString accountStateText(const Account &account, const QLocale &locale)
{
    switch (account.state) {
    case AccountState::Normal:
        return WidgetsTr::tr("Normal");
    case AccountState::Grace:
        return account.stateUntil
                   ? WidgetsTr::tr("Grace until %1")
                         .arg(formatDateTime(*account.stateUntil, account.utcOffsetSeconds, locale))
                   : WidgetsTr::tr("Grace");
    case AccountState::Frozen:
        return account.stateUntil
                   ? WidgetsTr::tr("Frozen until %1")
                         .arg(formatDateTime(*account.stateUntil, account.utcOffsetSeconds, locale))
                   : WidgetsTr::tr("Frozen");
    }
    return QString();
}

QFont tabularFont(const QFont &font)
{
    // Measured once per font: the overview alone asks for its tiles' font nine times at start (P4).
    // Fonts are used on the GUI thread only.
    static QHash<QString, bool> digitsAligned;
    const QString key = font.key();
    auto known = digitsAligned.constFind(key);
    if (known == digitsAligned.constEnd()) {
        const QFontMetricsF fm(font);
        const qreal zero = fm.horizontalAdvance(QLatin1Char('0'));
        bool aligned = true;
        for (char16_t digit = u'1'; digit <= u'9' && aligned; ++digit)
            aligned = qFuzzyCompare(fm.horizontalAdvance(QChar(digit)), zero);
        known = digitsAligned.insert(key, aligned);
    }
    if (*known)
        return font;
    QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (font.pointSizeF() > 0)
        fixed.setPointSizeF(font.pointSizeF());
    fixed.setWeight(font.weight());
    return fixed;
}

QColor negativeMoneyColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
}

ChipColors stateChipColors(AccountState state, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (state) {
    case AccountState::Normal:
        return dark ? ChipColors{QColor(0x1e, 0x4d, 0x2b), QColor(0xc8, 0xf0, 0xd0)}
                    : ChipColors{QColor(0xd7, 0xf2, 0xdd), QColor(0x14, 0x52, 0x24)};
    case AccountState::Grace:
        return dark ? ChipColors{QColor(0x5c, 0x43, 0x0a), QColor(0xff, 0xe0, 0xa0)}
                    : ChipColors{QColor(0xff, 0xec, 0xc2), QColor(0x6b, 0x45, 0x00)};
    case AccountState::Frozen:
        return dark ? ChipColors{QColor(0x6b, 0x1d, 0x1d), QColor(0xff, 0xd0, 0xcc)}
                    : ChipColors{QColor(0xfb, 0xd9, 0xd6), QColor(0x8c, 0x1d, 0x18)};
    }
    return {};
}

} // namespace billing::ui
