#pragma once

#include <QColor>
#include <QString>

class QPalette;

namespace billing {
class Catalog;
}

namespace billing::ui {

// The one chart palette of the console (ui-guidelines "Look"): each API keeps its colour in every chart,
// decided by its position in the catalog; other series (regions, projects, tags …) take colours by
// their position in the chart. Two variants with the same hues, one for light and one for dark
// backgrounds, so every colour stays readable on both.
class ChartPalette
{
public:
    static constexpr int Size = 12;

    // The i-th colour (wraps around).
    static QColor color(int index, const QPalette &palette);
    // The colour of an API: its index in the catalog; unknown APIs hash into the palette.
    static QColor apiColor(const Catalog *catalog, const QString &apiId, const QPalette &palette);
    // Grey for "(others)" and the like, the waste series, the forecast and the budget lines.
    static QColor othersColor(const QPalette &palette);
    static QColor wasteColor(const QPalette &palette);
    static QColor forecastColor(const QPalette &palette);
    static QColor budgetColor(const QPalette &palette);
    // The colour of series `index` of a chart whose first grouping dimension is `dimension`, key `key`.
    static QColor seriesColor(const Catalog *catalog, const QString &dimension, const QString &key, int index,
                              const QPalette &palette);
};

} // namespace billing::ui
