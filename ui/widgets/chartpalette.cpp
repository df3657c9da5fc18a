#include "widgets/chartpalette.h"

#include "catalog/catalog.h"

#include <QPalette>

namespace billing::ui {

namespace {
bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

// Twelve distinct hues (one per catalog API); the dark variant is lighter, the light one deeper.
constexpr QRgb kLight[ChartPalette::Size] = {0x1f6fb2, 0xd9711c, 0x2e8b3e, 0xc0392b, 0x7d4cb3, 0x8c5a3c,
                                             0xc2458f, 0x5f6b73, 0x9a9a1e, 0x138d99, 0x3d4fb8, 0xb8860b};
constexpr QRgb kDark[ChartPalette::Size] = {0x6cb4f0, 0xffa65c, 0x72d17f, 0xff7b6e, 0xbb94ef, 0xd19a78,
                                            0xf58cc8, 0xa8b5bd, 0xd6d65a, 0x5fd3df, 0x8e9cf5, 0xf0c24f};
} // namespace

QColor ChartPalette::color(int index, const QPalette &palette)
{
    const int i = ((index % Size) + Size) % Size;
    return QColor(isDark(palette) ? kDark[i] : kLight[i]);
}

QColor ChartPalette::apiColor(const Catalog *catalog, const QString &apiId, const QPalette &palette)
{
    const int index = catalog ? catalog->apiIndex(apiId) : -1;
    return color(index >= 0 ? index : int(qHash(apiId) % Size), palette);
}

QColor ChartPalette::othersColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x8a, 0x8a, 0x8a) : QColor(0x9e, 0x9e, 0x9e);
}

QColor ChartPalette::wasteColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x8a, 0x80) : QColor(0xb3, 0x26, 0x1e);
}

QColor ChartPalette::forecastColor(const QPalette &palette)
{
    return palette.color(QPalette::Text);
}

QColor ChartPalette::budgetColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0xc1, 0x4d) : QColor(0xa8, 0x5a, 0x00);
}

QColor ChartPalette::seriesColor(const Catalog *catalog, const QString &dimension, const QString &key,
                                 int index, const QPalette &palette)
{
    if (key.startsWith(u'(') && key != QLatin1String("(shared)") && key != QLatin1String("(untagged)"))
        return othersColor(palette);
    if (key == QLatin1String("waste"))
        return wasteColor(palette);
    if (dimension == QLatin1String("api"))
        return apiColor(catalog, key, palette);
    return color(index, palette);
}

} // namespace billing::ui
