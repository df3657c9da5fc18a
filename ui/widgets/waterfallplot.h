#pragma once

#include <QColor>
#include <QString>
#include <QWidget>

#include <vector>

class QChart;
class QChartView;
class QBarCategoryAxis;
class QValueAxis;
class QLineSeries;
class QGraphicsItem;

namespace billing::ui {

// One bar of a waterfall: a total (a level drawn from zero) or a step (a change drawn from the level the
// bars before it reached).
struct WaterfallBar
{
    QString id;       // what the page knows the bar by (a cause id, or empty for a total)
    QString label;    // under the bar
    double value = 0; // chart-drawing boundary: the level of a total, the change of a step
    bool total = false;
    QString text;    // the amount over the bar, formatted by the page (formatMoney)
    QString tooltip; // the exact amount and what a click shows
};

// A waterfall chart on Qt Charts (bars, as architecture.md has Qt Charts draw them): the axes are the
// chart's, the floating bars are drawn over its plot area. Totals in the palette's highlight, rises in
// the negative-money accent, falls in the positive one, a step of zero as a thin line at its level so
// every step keeps its place; the amounts over the bars. A click on a bar's column says which
// (barClicked); the tooltip of the bar under the mouse is the page's.
class WaterfallPlot : public QWidget
{
    Q_OBJECT

public:
    explicit WaterfallPlot(QWidget *parent);
    ~WaterfallPlot() override;

    void setBars(const std::vector<WaterfallBar> &bars);
    void setValueAxisLabel(const QString &label);

    int barCount() const { return int(m_bars.size()); }
    const WaterfallBar &bar(int i) const { return m_bars[size_t(i)]; }
    // The bar's fill (rise, fall, total or the zero line's colour).
    QColor barColor(int i) const;
    // The bar's low and high level (equal for a step of zero).
    std::pair<double, double> barRange(int i) const;
    // The widget that takes the mouse, and the centre of bar i in its coordinates (for clicks).
    QWidget *canvas() const;
    QPoint barCentre(int i) const;
    // The bar whose column holds `pos` (canvas coordinates), or -1.
    int barAt(const QPoint &pos) const;

signals:
    void barClicked(int index);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void restyle();
    void layoutBars(); // places the bars, labels and connectors over the plot area
    QPointF toChart(double index, double value) const;

    QChartView *m_view;
    QChart *m_chart;
    QBarCategoryAxis *m_categories;
    QValueAxis *m_values;
    QLineSeries *m_anchor; // an invisible series the axes map through
    std::vector<WaterfallBar> m_bars;
    std::vector<std::pair<double, double>> m_ranges; // low, high of each bar
    std::vector<QGraphicsItem *> m_items;
};

} // namespace billing::ui
