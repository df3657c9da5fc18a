#include "widgets/timeseriesplot.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QTimeZone>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtNumeric>

#include <algorithm>
#include <cmath>
#include <limits>

namespace billing::ui {

namespace {
// Writes keys/values into a graph's container in place when the size is unchanged (no allocation),
// otherwise replaces the container's contents once.
template <typename ValueAt> void fill(QCPGraph *graph, const std::vector<double> &keys, ValueAt valueAt)
{
    QSharedPointer<QCPGraphDataContainer> data = graph->data();
    const int n = int(keys.size());
    if (data->size() == n) {
        int i = 0;
        for (auto it = data->begin(); it != data->end(); ++it, ++i) {
            it->key = keys[size_t(i)];
            it->value = valueAt(i);
        }
        return;
    }
    QVector<QCPGraphData> points(n);
    for (int i = 0; i < n; ++i)
        points[i] = QCPGraphData(keys[size_t(i)], valueAt(i));
    data->set(points, true);
}

// A graph that draws a dense line (more points than pixel columns, e.g. a year of hours) as the rows
// its polyline covers in each pixel column: the same pixels, each written once by a plain fill instead
// of blended again for every steep segment of the zig-zag through it (P5: stroking the daily ups and
// downs of a year was most of a redraw). QCustomPlot's adaptive sampling has already reduced the data
// to a few points per column; zoomed in, or in vector exports, the line is stroked as before.
class DenseGraph : public QCPGraph
{
public:
    using QCPGraph::QCPGraph;

protected:
    void drawLinePlot(QCPPainter *painter, const QVector<QPointF> &lines) const override
    {
        const QPen pen = painter->pen();
        if (lines.size() < 2 || pen.style() != Qt::SolidLine || pen.widthF() > 1.0 ||
            pen.color().alpha() == 0 || painter->modes().testFlag(QCPPainter::pmVectorized) ||
            keyAxis()->orientation() != Qt::Horizontal)
            return QCPGraph::drawLinePlot(painter, lines);
        double left = lines.front().x(), right = left;
        for (const QPointF &p : lines) {
            if (!qIsFinite(p.x()) || !qIsFinite(p.y()))
                return QCPGraph::drawLinePlot(painter, lines); // gaps: the stroke splits there
            left = std::min(left, p.x());
            right = std::max(right, p.x());
        }
        const int first = int(std::floor(left));
        const int columns = int(std::floor(right)) - first + 1;
        if (lines.size() <= columns) // zoomed in: at most a point per column, the stroke is cheap
            return QCPGraph::drawLinePlot(painter, lines);
        // The rows each segment covers in each column it crosses (the segment clipped to the column).
        std::vector<double> top(size_t(columns), std::numeric_limits<double>::infinity());
        std::vector<double> bottom(size_t(columns), -std::numeric_limits<double>::infinity());
        auto cover = [&](int column, double y0, double y1) {
            double &t = top[size_t(column - first)], &b = bottom[size_t(column - first)];
            t = std::min({t, y0, y1});
            b = std::max({b, y0, y1});
        };
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            QPointF a = lines[i], b = lines[i + 1];
            if (a.x() > b.x())
                std::swap(a, b);
            const double dx = b.x() - a.x();
            const int from = int(std::floor(a.x())), to = int(std::floor(b.x()));
            for (int c = from; c <= to; ++c) {
                const double x0 = std::max(a.x(), double(c)), x1 = std::min(b.x(), double(c + 1));
                const double y0 = dx > 0 ? a.y() + (b.y() - a.y()) * (x0 - a.x()) / dx : a.y();
                const double y1 = dx > 0 ? a.y() + (b.y() - a.y()) * (x1 - a.x()) / dx : b.y();
                cover(c, y0, y1);
            }
        }
        // A vertical run per column, from the top covered row to the bottom one: each pixel once.
        QVector<QLine> runs;
        runs.reserve(columns);
        for (int c = 0; c < columns; ++c)
            if (top[size_t(c)] <= bottom[size_t(c)]) // always, for a connected line
                runs << QLine(first + c, int(std::floor(top[size_t(c)])), first + c,
                              int(std::floor(bottom[size_t(c)])));
        painter->save();
        painter->setAntialiasing(false);
        QPen run(pen.color(), 0); // cosmetic hairline: one pixel wide whatever the transform
        run.setCapStyle(Qt::FlatCap);
        painter->setPen(run);
        painter->drawLines(runs);
        painter->restore();
    }
};

QString dateFormat(double periodSeconds)
{
    // Date formats of the axis labels, translated: the order of day, month and year is the language's.
    if (periodSeconds < 86400)
        return TimeSeriesPlot::tr("d MMM\nHH:mm", "QDateTime format of an hour on the time axis");
    if (periodSeconds < 28 * 86400)
        return TimeSeriesPlot::tr("d MMM\nyyyy", "QDate format of a day on the time axis");
    return TimeSeriesPlot::tr("MMM\nyyyy", "QDate format of a month on the time axis");
}
} // namespace

TimeSeriesPlot::TimeSeriesPlot(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    setObjectName(QStringLiteral("timeSeriesPlot"));
    m_plot->setObjectName(QStringLiteral("plotCanvas"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->legend->setVisible(true);
    // The legend sits under the chart in rows, so it never hides data.
    m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setWrap(5);
    m_plot->setMinimumHeight(fontMetrics().height() * 14);
    setUtcOffset(m_utcOffset);
    applyPalette();
    connect(m_plot, &QCustomPlot::mouseMove, this, &TimeSeriesPlot::onMouseMove);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] { resetView(); });
}

TimeSeriesPlot::~TimeSeriesPlot() = default;

void TimeSeriesPlot::setUtcOffset(int seconds)
{
    m_utcOffset = seconds;
    // Months: one tick at each period start (every k-th when there are many), never several ticks in one
    // month with the same label, as a ticker at a fixed number of seconds would place them.
    if (m_period >= 28 * 86400) {
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        const size_t step = std::max<size_t>(1, (m_keys.size() + 11) / 12);
        for (size_t i = 0; i < m_keys.size(); i += step)
            ticker->addTick(m_keys[i], QDateTime::fromSecsSinceEpoch(qint64(m_keys[i]), QTimeZone(seconds))
                                           .toString(dateFormat(m_period)));
        ticker->setSubTickCount(0);
        m_plot->xAxis->setTicker(ticker);
        return;
    }
    QSharedPointer<QCPAxisTickerDateTime> ticker(new QCPAxisTickerDateTime);
    ticker->setTimeZone(QTimeZone(seconds));
    ticker->setDateTimeFormat(dateFormat(m_period));
    m_plot->xAxis->setTicker(ticker);
}

void TimeSeriesPlot::setValueAxisLabel(const QString &label)
{
    m_plot->yAxis->setLabel(label);
}

void TimeSeriesPlot::setTooltipProvider(std::function<QString(int)> provider)
{
    m_tooltip = std::move(provider);
}

void TimeSeriesPlot::setSeries(const std::vector<double> &keys, const std::vector<PlotSeries> &series,
                               Style style, double periodSeconds)
{
    const bool periodChanged = periodSeconds != m_period;
    m_period = periodSeconds;
    m_style = style;
    m_keys = keys;
    m_series = series;
    if (periodChanged || m_period >= 28 * 86400) // month ticks sit at the keys
        setUtcOffset(m_utcOffset);
    while (m_graphs.size() > series.size()) {
        m_plot->removeGraph(m_graphs.back());
        m_graphs.pop_back();
    }
    while (m_graphs.size() < series.size())
        m_graphs.push_back(new DenseGraph(m_plot->xAxis, m_plot->yAxis));
    // Stacked: graph k draws the running sum up to series n−1−k and fills down to zero with an opaque
    // brush; the tallest is drawn first, so each band shows between its sum and the one below (a fill
    // to zero is one simple polygon: much faster than a channel fill between two graphs). Above 2,000
    // points the fills are left out (P5: redraw within a frame): the running sums are drawn as lines.
    const size_t n = series.size();
    std::vector<double> base(style == Style::Stacked ? keys.size() : 0, 0.0);
    const QColor background = palette().color(QPalette::Base);
    for (size_t s = 0; s < n; ++s) {
        const PlotSeries &ps = series[s];
        QCPGraph *g = m_graphs[style == Style::Stacked ? n - 1 - s : s];
        g->setName(ps.name);
        g->setChannelFillGraph(nullptr);
        g->setLineStyle(keys.size() > 2000 ? QCPGraph::lsLine : QCPGraph::lsStepLeft);
        if (style == Style::Stacked) {
            for (size_t i = 0; i < keys.size(); ++i)
                base[i] += i < ps.values.size() ? ps.values[i] : 0.0;
            fill(g, keys, [&](int i) { return base[size_t(i)]; });
            g->setPen(QPen(ps.color.darker(115), 1.0));
            if (keys.size() > 2000) { // Qt's raster fill of such polygons takes seconds: stacked lines only
                g->setPen(QPen(ps.color, 1.0));
                g->setBrush(Qt::NoBrush);
                continue;
            }
            g->setBrush(QColor::fromRgbF(ps.color.redF() * 0.7f + background.redF() * 0.3f,
                                         ps.color.greenF() * 0.7f + background.greenF() * 0.3f,
                                         ps.color.blueF() * 0.7f + background.blueF() * 0.3f));
        } else {
            fill(g, keys, [&](int i) { return size_t(i) < ps.values.size() ? ps.values[size_t(i)] : 0.0; });
            // Wide pens go through the stroker, which is slow on thousands of points: hairlines then.
            g->setPen(QPen(ps.color, keys.size() > 500 ? 1.0 : 1.6));
            g->setBrush(Qt::NoBrush);
            g->setLineStyle(QCPGraph::lsLine);
        }
        g->setScatterStyle(style == Style::Points ? QCPScatterStyle(QCPScatterStyle::ssDisc, ps.color, 5)
                                                  : QCPScatterStyle());
    }
    // Many points: antialiasing costs more than it shows.
    if (keys.size() > 2000)
        m_plot->setNotAntialiasedElements(QCP::aePlottables | QCP::aeFills);
    else
        m_plot->setNotAntialiasedElements(QCP::aeNone);
    rescale();
}

void TimeSeriesPlot::setBand(const QString &name, const std::vector<double> &keys,
                             const std::vector<double> &centre, const std::vector<double> &low,
                             const std::vector<double> &high, const QColor &color)
{
    for (QCPGraph *g : m_band)
        m_plot->removeGraph(g);
    m_band.clear();
    if (!keys.empty()) {
        QCPGraph *lowGraph = m_plot->addGraph();
        QCPGraph *highGraph = m_plot->addGraph();
        QCPGraph *centreGraph = m_plot->addGraph();
        fill(lowGraph, keys, [&](int i) { return low[size_t(i)]; });
        fill(highGraph, keys, [&](int i) { return high[size_t(i)]; });
        fill(centreGraph, keys, [&](int i) { return centre[size_t(i)]; });
        lowGraph->setPen(Qt::NoPen);
        highGraph->setPen(Qt::NoPen);
        QColor band = color;
        band.setAlpha(60);
        highGraph->setBrush(band);
        highGraph->setChannelFillGraph(lowGraph);
        lowGraph->removeFromLegend();
        highGraph->removeFromLegend();
        centreGraph->setPen(QPen(color, 1.6, Qt::DashLine));
        centreGraph->setName(name);
        m_band = {lowGraph, highGraph, centreGraph};
    }
    rescale();
}

void TimeSeriesPlot::setReferenceLines(const std::vector<std::pair<QString, double>> &lines,
                                       const QColor &color)
{
    for (QObject *item : m_lineItems)
        m_plot->removeItem(static_cast<QCPAbstractItem *>(item));
    m_lineItems.clear();
    m_lines = lines;
    m_lineColor = color;
    for (const auto &[label, y] : lines) {
        auto *line = new QCPItemStraightLine(m_plot);
        line->setPen(QPen(color, 1.4, Qt::DashDotLine));
        line->point1->setTypeX(QCPItemPosition::ptAxisRectRatio);
        line->point2->setTypeX(QCPItemPosition::ptAxisRectRatio);
        line->point1->setCoords(0, y);
        line->point2->setCoords(1, y);
        auto *text = new QCPItemText(m_plot);
        text->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.995, y);
        text->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
        text->setText(label);
        text->setColor(color);
        m_lineItems.push_back(line);
        m_lineItems.push_back(text);
    }
    rescale();
}

void TimeSeriesPlot::rescale()
{
    m_plot->rescaleAxes();
    double top = m_plot->yAxis->range().upper;
    for (const auto &line : m_lines)
        top = std::max(top, line.second);
    if (top <= 0)
        top = 1;
    m_plot->yAxis->setRange(0, top * 1.08);
    if (!m_keys.empty()) {
        double last = m_keys.back() + m_period;
        if (m_band.size() == 3 && !m_band[2]->data()->isEmpty())
            last = std::max(last, (m_band[2]->data()->constEnd() - 1)->key);
        m_plot->xAxis->setRange(m_keys.front(), last);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimeSeriesPlot::resetView()
{
    rescale();
}

QStringList TimeSeriesPlot::timeAxisLabels() const
{
    QStringList out;
    for (const QString &label : m_plot->xAxis->tickVectorLabels())
        out << label;
    return out;
}

void TimeSeriesPlot::replotNow()
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

QString TimeSeriesPlot::seriesName(int i) const
{
    return i >= 0 && size_t(i) < m_series.size() ? m_series[size_t(i)].name : QString();
}

QColor TimeSeriesPlot::seriesColor(int i) const
{
    return i >= 0 && size_t(i) < m_series.size() ? m_series[size_t(i)].color : QColor();
}

double TimeSeriesPlot::seriesSum(int i) const
{
    if (i < 0 || size_t(i) >= m_series.size())
        return 0;
    double sum = 0;
    for (double v : m_series[size_t(i)].values)
        sum += v;
    return sum;
}

double TimeSeriesPlot::seriesValue(int i, int k) const
{
    if (i < 0 || size_t(i) >= m_series.size() || k < 0 || size_t(k) >= m_series[size_t(i)].values.size())
        return qQNaN();
    return m_series[size_t(i)].values[size_t(k)];
}

bool TimeSeriesPlot::hasBand() const
{
    return !m_band.empty();
}

QString TimeSeriesPlot::tooltipAt(int index) const
{
    return m_tooltip && index >= 0 && size_t(index) < m_keys.size() ? m_tooltip(index) : QString();
}

std::pair<double, double> TimeSeriesPlot::visibleRange() const
{
    return {m_plot->xAxis->range().lower, m_plot->xAxis->range().upper};
}

void TimeSeriesPlot::zoom(double factor)
{
    m_plot->xAxis->scaleRange(1.0 / factor, m_plot->xAxis->range().center());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TimeSeriesPlot::onMouseMove(QMouseEvent *event)
{
    if (m_keys.empty() || !m_tooltip || event->buttons() != Qt::NoButton)
        return;
    const double key = m_plot->xAxis->pixelToCoord(event->position().x());
    auto it = std::upper_bound(m_keys.begin(), m_keys.end(), key);
    if (it == m_keys.begin())
        return;
    const int index = int(it - m_keys.begin()) - 1;
    if (key > m_keys[size_t(index)] + m_period)
        return;
    QToolTip::showText(event->globalPosition().toPoint(), m_tooltip(index), m_plot);
}

bool TimeSeriesPlot::exportTo(const QString &path, QString *error) const
{
    const bool pdf = path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
    const bool ok = pdf ? m_plot->savePdf(path, m_plot->width(), m_plot->height())
                        : m_plot->savePng(path, m_plot->width(), m_plot->height(), 2.0);
    if (!ok && error)
        *error = tr("Could not write %1.").arg(path);
    return ok;
}

void TimeSeriesPlot::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    QWidget::changeEvent(event);
}

void TimeSeriesPlot::applyPalette()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    QColor grid = pal.color(QPalette::Mid);
    m_plot->setBackground(pal.brush(QPalette::Base));
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
    }
    m_plot->legend->setBrush(pal.brush(QPalette::Base));
    m_plot->legend->setTextColor(text);
    m_plot->legend->setBorderPen(QPen(grid));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace billing::ui
