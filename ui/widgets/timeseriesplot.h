#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <utility>
#include <vector>

class QCustomPlot;
class QCPGraph;
class QMouseEvent;

namespace billing::ui {

// One series of a time chart: a value per period (the keys are shared by every series of the chart).
struct PlotSeries
{
    QString name;
    QColor color;
    std::vector<double> values; // chart-drawing boundary: money becomes double here and only here
};

// The console's one time-series chart (QCustomPlot stays behind this class: nothing else includes
// qcustomplot.h). Lines or stacked areas over shared period keys, an optional band (a forecast
// interval with its centre line), optional horizontal reference lines (budgets); zoom and pan with the
// mouse wheel and drag (horizontal), double-click to see everything again; a tooltip with the exact
// values of the period under the mouse, written by the page (setTooltipProvider).
class TimeSeriesPlot : public QWidget
{
    Q_OBJECT

public:
    // Points: lines with a dot on every value, for rates with gaps (a NaN value is a gap), so that a value
    // between two gaps still shows.
    enum class Style { Lines, Stacked, Points };

    explicit TimeSeriesPlot(QWidget *parent);
    ~TimeSeriesPlot() override;

    // keys: seconds since the epoch of each period start; periodSeconds: the width of a period (about).
    // The data containers are reused: a redraw allocates nothing per point once sizes are stable.
    void setSeries(const std::vector<double> &keys, const std::vector<PlotSeries> &series, Style style,
                   double periodSeconds);
    // A band low…high with a centre line over its own keys (the forecast); empty keys remove it.
    void setBand(const QString &name, const std::vector<double> &keys, const std::vector<double> &centre,
                 const std::vector<double> &low, const std::vector<double> &high, const QColor &color);
    // Horizontal lines with a label each (budgets, thresholds); empty removes them.
    void setReferenceLines(const std::vector<std::pair<QString, double>> &lines, const QColor &color);
    void setValueAxisLabel(const QString &label);
    void setUtcOffset(int seconds);
    // Returns the tooltip text of period `index` of the keys given to setSeries.
    void setTooltipProvider(std::function<QString(int index)> provider);

    // Shows all the data again (after zooming or panning).
    void resetView();
    // Redraws now (not queued), for benchmarks and tests.
    void replotNow();

    int seriesCount() const { return int(m_series.size()); }
    // The labels of the time axis as last drawn, left to right (for tests).
    QStringList timeAxisLabels() const;
    QString seriesName(int i) const;
    QColor seriesColor(int i) const;
    // Σ of the series' own values (not stacked).
    double seriesSum(int i) const;
    // Value `k` of series `i` as given (NaN for a gap or out of range).
    double seriesValue(int i, int k) const;
    Style style() const { return m_style; }
    int pointCount() const { return int(m_keys.size()); }
    bool hasBand() const;
    int referenceLineCount() const { return int(m_lines.size()); }
    QString tooltipAt(int index) const;
    // The visible key range (seconds), for tests of zoom and pan.
    std::pair<double, double> visibleRange() const;
    void zoom(double factor); // > 1 zooms in around the centre

    // The chart as an image (PNG) or a vector page (PDF); false with `error` filled on failure.
    bool exportTo(const QString &path, QString *error) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyPalette();
    void onMouseMove(QMouseEvent *event);
    void rescale();

    QCustomPlot *m_plot;
    std::vector<QCPGraph *> m_graphs; // one per series, in order
    std::vector<PlotSeries> m_series; // values as given (not stacked)
    std::vector<double> m_keys;
    std::vector<QCPGraph *> m_band; // low, high, centre
    std::vector<std::pair<QString, double>> m_lines;
    std::vector<QObject *> m_lineItems;
    QColor m_lineColor;
    std::function<QString(int)> m_tooltip;
    double m_period = 3600;
    int m_utcOffset = 8 * 3600;
    Style m_style = Style::Lines;
};

} // namespace billing::ui
