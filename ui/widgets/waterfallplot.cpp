#include "widgets/waterfallplot.h"

#include "widgets/format.h"
#include "widgets/plotstyle.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace billing::ui {

namespace {
constexpr double kHalfWidth = 0.32; // half a bar, in bar slots
} // namespace

WaterfallPlot::WaterfallPlot(QWidget *parent) : QWidget(parent), m_plot(new QCustomPlot(this))
{
    setObjectName(QStringLiteral("waterfallPlot"));
    m_plot->setObjectName(QStringLiteral("waterfallCanvas"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setMinimumHeight(fontMetrics().height() * 12);
    m_plot->setMouseTracking(true);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->xAxis->setTickLength(0, 0);
    m_plot->xAxis->setSubTicks(false);
    connect(m_plot, &QCustomPlot::mouseMove, this, &WaterfallPlot::onMouseMove);
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent *event) {
        if (event->button() != Qt::LeftButton)
            return;
        if (const int i = barAt(event->position().toPoint()); i >= 0)
            emit barClicked(i);
    });
}

WaterfallPlot::~WaterfallPlot() = default;

void WaterfallPlot::setValueAxisLabel(const QString &label)
{
    m_plot->yAxis->setLabel(label);
}

void WaterfallPlot::setBars(const std::vector<WaterfallBar> &bars)
{
    m_bars = bars;
    m_ranges.clear();
    double level = 0;
    for (const WaterfallBar &b : m_bars) {
        if (b.total) {
            m_ranges.emplace_back(std::min(0.0, b.value), std::max(0.0, b.value));
            level = b.value;
        } else {
            const double next = level + b.value;
            m_ranges.emplace_back(std::min(level, next), std::max(level, next));
            level = next;
        }
    }
    redraw();
}

QColor WaterfallPlot::barColor(int i) const
{
    const WaterfallBar &b = m_bars[size_t(i)];
    const QPalette pal = palette();
    if (b.total)
        return pal.color(QPalette::Highlight);
    if (b.value > 0)
        return negativeMoneyColor(pal); // the cost rose
    if (b.value < 0)
        return stateChipColors(AccountState::Normal, pal).text; // the cost fell
    return pal.color(QPalette::Text);
}

std::pair<double, double> WaterfallPlot::barRange(int i) const
{
    return m_ranges[size_t(i)];
}

QWidget *WaterfallPlot::canvas() const
{
    return m_plot;
}

QPoint WaterfallPlot::barCentre(int i) const
{
    const auto [low, high] = m_ranges[size_t(i)];
    return QPoint(int(std::lround(m_plot->xAxis->coordToPixel(i))),
                  int(std::lround(m_plot->yAxis->coordToPixel((low + high) / 2))));
}

int WaterfallPlot::barAt(const QPoint &pos) const
{
    if (!m_plot->axisRect()->rect().contains(pos))
        return -1;
    const double x = m_plot->xAxis->pixelToCoord(pos.x());
    const int i = int(std::lround(x));
    if (i < 0 || i >= barCount() || std::abs(x - i) > 0.45)
        return -1;
    return i;
}

void WaterfallPlot::replotNow()
{
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
}

void WaterfallPlot::redraw()
{
    m_plot->clearItems();
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor grid = pal.color(QPalette::Mid);
    applyPlotPalette(m_plot, pal);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    double low = 0, high = 0;
    for (int i = 0; i < barCount(); ++i) {
        const WaterfallBar &b = m_bars[size_t(i)];
        const auto [from, to] = m_ranges[size_t(i)];
        low = std::min(low, from);
        high = std::max(high, to);
        ticker->addTick(i, b.label);
        const QColor color = barColor(i);
        auto *rect = new QCPItemRect(m_plot);
        rect->topLeft->setCoords(i - kHalfWidth, to);
        rect->bottomRight->setCoords(i + kHalfWidth, from);
        if (from == to) { // a step of zero: a thin line at its level
            rect->setPen(QPen(color, 2));
            rect->setBrush(Qt::NoBrush);
        } else {
            rect->setPen(QPen(color.darker(120), 1));
            rect->setBrush(color);
        }
        auto *label = new QCPItemText(m_plot);
        label->position->setCoords(i, to);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setPadding(QMargins(0, 0, 0, 3));
        label->setText(b.text);
        label->setColor(b.total || b.value == 0 ? text : color);
        label->setFont(tabularFont(font()));
        // A dashed connector to the next bar at the level this one ends at.
        if (i + 1 < barCount()) {
            const double end = b.total ? b.value : (b.value >= 0 ? to : from);
            auto *line = new QCPItemLine(m_plot);
            line->start->setCoords(i + kHalfWidth, end);
            line->end->setCoords(i + 1 - kHalfWidth, end);
            line->setPen(QPen(grid, 1, Qt::DashLine));
        }
    }
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setRange(-0.6, std::max(0, barCount() - 1) + 0.6);
    const double span = high - low > 0 ? high - low : 1.0;
    m_plot->yAxis->setRange(low < 0 ? low - span * 0.08 : 0, high + span * 0.15);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void WaterfallPlot::onMouseMove(QMouseEvent *event)
{
    const int i = barAt(event->position().toPoint());
    m_plot->setCursor(i >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    if (i >= 0 && !m_bars[size_t(i)].tooltip.isEmpty())
        QToolTip::showText(event->globalPosition().toPoint(), m_bars[size_t(i)].tooltip, m_plot);
    else
        QToolTip::hideText();
}

void WaterfallPlot::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && !m_bars.empty())
        redraw();
    QWidget::changeEvent(event);
}

} // namespace billing::ui
