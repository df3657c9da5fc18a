#pragma once

class QCustomPlot;
class QPalette;

namespace billing::ui {

// The look the console's QCustomPlot charts share (TimeSeriesPlot, WaterfallPlot): the palette's base as
// background, its text colour for axes, ticks and labels, dotted grid lines in its mid colour.
void applyPlotPalette(QCustomPlot *plot, const QPalette &palette);

} // namespace billing::ui
