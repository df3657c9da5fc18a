#include "widgets/waterfallplot.h"

#include "widgets/format.h"

#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QMouseEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace billing::ui {

namespace {
constexpr double kHalfWidth = 0.32; // half a bar, in bar slots
} // namespace

WaterfallPlot::WaterfallPlot(QWidget *parent)
    : QWidget(parent), m_view(new QChartView(this)), m_chart(new QChart),
      m_categories(new QBarCategoryAxis(this)), m_values(new QValueAxis(this)),
      m_anchor(new QLineSeries(this))
{
    setObjectName(QStringLiteral("waterfallPlot"));
    m_view->setObjectName(QStringLiteral("waterfallView"));
    m_view->viewport()->setObjectName(QStringLiteral("waterfallCanvas"));
    m_view->setAccessibleName(tr("Waterfall chart"));
    m_view->setAccessibleDescription(tr("Bars from the first total through each step to the last total, each "
                                        "with its amount; click a bar to show what is behind it."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(0, 4, 0, 0));
    m_chart->addSeries(m_anchor);
    m_chart->addAxis(m_categories, Qt::AlignBottom);
    m_chart->addAxis(m_values, Qt::AlignLeft);
    m_anchor->attachAxis(m_categories);
    m_anchor->attachAxis(m_values);
    m_anchor->setPen(Qt::NoPen);
    m_values->setLabelFormat(QStringLiteral("%.2f"));
    QChart *first = m_view->chart();
    m_view->setChart(m_chart);
    delete first; // setChart() lets go of the view's own first chart without deleting it
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(fontMetrics().height() * 12);
    m_view->viewport()->setMouseTracking(true);
    m_view->viewport()->installEventFilter(this);
    connect(m_chart, &QChart::plotAreaChanged, this, [this] { layoutBars(); });
    restyle();
}

WaterfallPlot::~WaterfallPlot() = default;

void WaterfallPlot::setValueAxisLabel(const QString &label)
{
    m_values->setTitleText(label);
}

void WaterfallPlot::setBars(const std::vector<WaterfallBar> &bars)
{
    m_bars = bars;
    m_ranges.clear();
    double level = 0, low = 0, high = 0;
    QStringList labels;
    for (const WaterfallBar &b : m_bars) {
        const double next = b.total ? b.value : level + b.value;
        const double from = b.total ? 0.0 : level;
        m_ranges.emplace_back(std::min(from, next), std::max(from, next));
        low = std::min(low, m_ranges.back().first);
        high = std::max(high, m_ranges.back().second);
        level = next;
        labels << b.label.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")); // rich text
    }
    m_categories->setCategories(labels);
    QList<QPointF> anchor;
    for (int i = 0; i < barCount(); ++i)
        anchor << QPointF(i, 0);
    m_anchor->replace(anchor);
    const double span = high - low > 0 ? high - low : 1.0;
    m_values->setRange(low < 0 ? low - span * 0.08 : 0, high + span * 0.15);
    m_values->applyNiceNumbers();
    layoutBars();
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
    return m_view->viewport();
}

QPointF WaterfallPlot::toChart(double index, double value) const
{
    return m_chart->mapToPosition(QPointF(index, value), m_anchor);
}

QPoint WaterfallPlot::barCentre(int i) const
{
    const auto [low, high] = m_ranges[size_t(i)];
    const QPointF scene = m_chart->mapToScene(toChart(i, (low + high) / 2));
    return m_view->mapFromScene(scene);
}

int WaterfallPlot::barAt(const QPoint &pos) const
{
    const QPointF inChart = m_chart->mapFromScene(m_view->mapToScene(pos));
    if (!m_chart->plotArea().contains(inChart))
        return -1;
    const double x = m_chart->mapToValue(inChart, m_anchor).x();
    const int i = int(std::lround(x));
    if (i < 0 || i >= barCount() || std::abs(x - i) > 0.45)
        return -1;
    return i;
}

void WaterfallPlot::layoutBars()
{
    for (QGraphicsItem *item : m_items)
        delete item;
    m_items.clear();
    if (m_bars.empty() || m_chart->plotArea().isEmpty())
        return;
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::Text);
    const QColor grid = pal.color(QPalette::Mid);
    const QFont labelFont = tabularFont(font());
    for (int i = 0; i < barCount(); ++i) {
        const WaterfallBar &b = m_bars[size_t(i)];
        const auto [from, to] = m_ranges[size_t(i)];
        const QColor color = barColor(i);
        const QRectF rect(toChart(i - kHalfWidth, to), toChart(i + kHalfWidth, from));
        auto *bar = new QGraphicsRectItem(rect.normalized(), m_chart);
        if (from == to) { // a step of zero: a thin line at its level
            bar->setPen(QPen(color, 2));
        } else {
            bar->setPen(QPen(color.darker(120), 1));
            bar->setBrush(color);
        }
        m_items.push_back(bar);
        auto *label = new QGraphicsSimpleTextItem(b.text, m_chart);
        label->setFont(labelFont);
        label->setBrush(b.total || b.value == 0 ? text : color);
        const QRectF box = label->boundingRect();
        const QPointF top = toChart(i, to);
        label->setPos(top.x() - box.width() / 2, top.y() - box.height() - 2);
        m_items.push_back(label);
        if (i + 1 < barCount()) { // a dashed connector to the next bar at the level this one ends at
            const double end = b.total ? b.value : (b.value >= 0 ? to : from);
            auto *line = new QGraphicsLineItem(
                QLineF(toChart(i + kHalfWidth, end), toChart(i + 1 - kHalfWidth, end)), m_chart);
            line->setPen(QPen(grid, 1, Qt::DashLine));
            m_items.push_back(line);
        }
    }
    for (QGraphicsItem *item : m_items)
        item->setZValue(100); // over the chart's grid lines
}

void WaterfallPlot::restyle()
{
    const QPalette pal = palette();
    m_chart->setBackgroundBrush(pal.brush(QPalette::Base));
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_categories), static_cast<QAbstractAxis *>(m_values)}) {
        axis->setLabelsColor(pal.color(QPalette::Text));
        axis->setTitleBrush(pal.brush(QPalette::Text));
        axis->setLinePenColor(pal.color(QPalette::Text));
        axis->setGridLineColor(pal.color(QPalette::Midlight));
    }
    m_categories->setGridLineVisible(false);
    QFont small = font(); // seven categories share the width: a smaller font keeps their names whole
    small.setPointSizeF(small.pointSizeF() * 0.85);
    m_categories->setLabelsFont(small);
    layoutBars();
}

bool WaterfallPlot::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport()) {
        if (event->type() == QEvent::MouseButtonRelease) {
            auto *mouse = static_cast<QMouseEvent *>(event);
            if (mouse->button() == Qt::LeftButton)
                if (const int i = barAt(mouse->position().toPoint()); i >= 0)
                    emit barClicked(i);
        } else if (event->type() == QEvent::MouseMove) {
            auto *mouse = static_cast<QMouseEvent *>(event);
            const int i = barAt(mouse->position().toPoint());
            m_view->viewport()->setCursor(i >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
            if (i >= 0 && !m_bars[size_t(i)].tooltip.isEmpty())
                QToolTip::showText(mouse->globalPosition().toPoint(), m_bars[size_t(i)].tooltip, m_view);
            else
                QToolTip::hideText();
        }
    }
    return QWidget::eventFilter(watched, event);
}

void WaterfallPlot::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        restyle();
    QWidget::changeEvent(event);
}

} // namespace billing::ui
