#include "costcenter/compositionpage.h"

#include "analysis/costanalysis.h"
#include "analysis/costmeasure.h"
#include "analysis/costseries.h"
#include "costcenter/compositionmodel.h"
#include "costcenter/costlabels.h"
#include "costcenter/filterchips.h"
#include "costcenter/periodpicker.h"
#include "engine/engine.h"
#include "widgets/chartpalette.h"
#include "widgets/errorbanner.h"
#include "widgets/exporter.h"
#include "widgets/figure.h"
#include "widgets/itemroles.h"
#include "widgets/moneydelegate.h"
#include "widgets/shrinkingcombo.h"
#include "widgets/totalsfooter.h"
#include "widgets/totalsmodel.h"
#include "widgets/totalstablepane.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QMenu>
#include <QPieSeries>
#include <QPieSlice>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolTip>
#include <QVBarModelMapper>
#include <QVBoxLayout>
#include <QVPieModelMapper>
#include <QValueAxis>

#include <algorithm>

namespace billing::ui {

namespace {
// Every dimension but the cost tag: cost by tag is the Allocation page's view.
QStringList compositionDimensions()
{
    QStringList dims = costDimensions();
    dims.removeAll(costDimensionId(CostDimension::Tag));
    return dims;
}
const QStringList kDimensions = compositionDimensions();

QChart *newChart(const QPalette &palette)
{
    auto *chart = new QChart;
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setTitleBrush(palette.brush(QPalette::Text));
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}
} // namespace

CompositionPage::CompositionPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_model(new CompositionModel(this)),
      m_totals(new TotalsModel(m_model,
                               {CompositionModel::Cost, CompositionModel::Previous, CompositionModel::Change},
                               {CompositionModel::Calls}, this)),
      m_banner(new ErrorBanner(this)), m_period(new PeriodPicker(this)), m_dimension(new QComboBox(this)),
      m_measure(new QComboBox(this)), m_filters(new FilterChips(this)),
      m_total(new Figure(tr("Cost of the period"), Figure::Size::Large, this)),
      m_change(new Figure(tr("Change against the period before"), Figure::Size::Medium, this)),
      m_calls(new Figure(tr("Billable calls"), Figure::Size::Medium, this)),
      m_unitCost(new Figure(tr("Cost per 1,000 calls"), Figure::Size::Medium, this)),
      m_pie(new QPieSeries(this)), m_bars(new QHorizontalBarSeries(this)),
      m_barAxis(new QBarCategoryAxis(this)), m_valueAxis(new QValueAxis(this)),
      m_pieView(new QChartView(this)), m_barView(new QChartView(this)), m_table(new QTableView(this)),
      m_footer(new TotalsFooter(m_table, this))
{
    setObjectName(QStringLiteral("compositionPage"));
    m_display.catalog = &m_engine.catalog();
    m_filters->setDisplay(&m_display);
    m_dimension->setObjectName(QStringLiteral("dimension"));
    for (const QString &d : kDimensions)
        m_dimension->addItem(dimensionName(d), d);
    m_measure->setObjectName(QStringLiteral("measure"));
    m_measure->addItem(tr("Cost"), int(CostMeasure::Cost));
    m_measure->addItem(tr("Calls"), int(CostMeasure::Calls));
    m_measure->addItem(tr("Unit cost per 1,000 calls"), int(CostMeasure::UnitCost));
    for (QComboBox *box : {m_dimension, m_measure})
        letComboShrink(box);
    m_unitCost->setObjectName(QStringLiteral("unitCostFigure"));
    m_unitCost->hide();

    // Donut and bars read the same model as the table.
    auto *pieMapper = new QVPieModelMapper(this);
    pieMapper->setLabelsColumn(CompositionModel::Name);
    pieMapper->setValuesColumn(CompositionModel::ChartCost);
    pieMapper->setModel(m_model);
    pieMapper->setSeries(m_pie);
    m_pie->setHoleSize(0.5);
    QChart *pieChart = newChart(palette());
    pieChart->addSeries(m_pie);
    pieChart->legend()->setAlignment(Qt::AlignRight);
    pieChart->setTitle(tr("Share of the cost"));
    QChart *pieDefault = m_pieView->chart();
    m_pieView->setChart(pieChart);
    delete pieDefault; // setChart() lets go of the view's own first chart without deleting it
    m_pieView->setObjectName(QStringLiteral("donutView"));
    m_pieView->setAccessibleName(tr("Cost share chart"));
    m_pieView->setAccessibleDescription(
        tr("A donut of each part's share of the cost. The same numbers are in the table below the charts."));
    m_pieView->setRenderHint(QPainter::Antialiasing);

    auto *barMapper = new QVBarModelMapper(this);
    barMapper->setFirstBarSetColumn(CompositionModel::ChartCost);
    barMapper->setLastBarSetColumn(CompositionModel::ChartPrevious);
    barMapper->setModel(m_model);
    barMapper->setSeries(m_bars);
    QChart *barChart = newChart(palette());
    barChart->addSeries(m_bars);
    barChart->addAxis(m_barAxis, Qt::AlignLeft);
    barChart->addAxis(m_valueAxis, Qt::AlignBottom);
    m_bars->attachAxis(m_barAxis);
    m_bars->attachAxis(m_valueAxis);
    m_barAxis->setLabelsColor(palette().color(QPalette::Text));
    m_valueAxis->setLabelsColor(palette().color(QPalette::Text));
    // The chart theme's grid is light grey: too bright on a dark palette, so it follows the palette.
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_barAxis), static_cast<QAbstractAxis *>(m_valueAxis)})
        axis->setGridLineColor(palette().color(QPalette::Midlight));
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    barChart->setTitle(tr("This period and the one before"));
    barChart->legend()->setAlignment(Qt::AlignBottom);
    QChart *barDefault = m_barView->chart();
    m_barView->setChart(barChart);
    delete barDefault; // setChart() lets go of the view's own first chart without deleting it
    m_barView->setObjectName(QStringLiteral("barView"));
    m_barView->setAccessibleName(tr("Change chart"));
    m_barView->setAccessibleDescription(
        tr("Bars of this period and the one before. The same numbers are in the table below the charts."));
    m_barView->setRenderHint(QPainter::Antialiasing);

    auto *money = new MoneyDelegate(this);
    m_table->setObjectName(QStringLiteral("compositionTable"));
    m_table->setAccessibleName(tr("Cost composition table"));
    m_table->setAccessibleDescription(
        tr("The numbers of both charts: cost, share, calls and the change against the period before."));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setColumnHidden(CompositionModel::ChartCost, true);
    m_table->setColumnHidden(CompositionModel::ChartPrevious, true);
    m_table->setColumnHidden(CompositionModel::UnitCost, true);
    for (int c : {CompositionModel::Cost, CompositionModel::UnitCost, CompositionModel::Previous,
                  CompositionModel::Change})
        m_table->setItemDelegateForColumn(c, money);
    m_footer->setModel(m_totals);

    auto *exportChartButton = new QPushButton(tr("Export &chart\u2026"), this);
    auto *exportTableButton = new QPushButton(tr("Export &table (CSV)\u2026"), this);
    auto *dimensionLabel = new QLabel(tr("&Break down by:"), this);
    dimensionLabel->setBuddy(m_dimension);
    auto *measureLabel = new QLabel(tr("&Measure:"), this);
    measureLabel->setBuddy(m_measure);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_period);
    bar->addSpacing(fontMetrics().averageCharWidth() * 2);
    bar->addWidget(dimensionLabel);
    bar->addWidget(m_dimension);
    bar->addSpacing(fontMetrics().averageCharWidth() * 2);
    bar->addWidget(measureLabel);
    bar->addWidget(m_measure);
    bar->addStretch(1);
    bar->addWidget(exportChartButton);
    bar->addWidget(exportTableButton);

    auto *figures = new QHBoxLayout;
    figures->addWidget(m_total);
    figures->addSpacing(fontMetrics().averageCharWidth() * 6);
    figures->addWidget(m_change);
    figures->addSpacing(fontMetrics().averageCharWidth() * 6);
    figures->addWidget(m_calls);
    figures->addSpacing(fontMetrics().averageCharWidth() * 6);
    figures->addWidget(m_unitCost);
    figures->addStretch(1);

    auto *charts = new QSplitter(Qt::Vertical, this);
    charts->addWidget(m_pieView);
    charts->addWidget(m_barView);
    auto *tablePane = new TotalsTablePane(m_table, m_footer, this);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(charts);
    split->addWidget(tablePane);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Cost composition")));
    layout->addWidget(m_banner);
    layout->addLayout(bar);
    layout->addWidget(m_filters);
    layout->addLayout(figures);
    layout->addWidget(split, 1);

    connect(m_banner, &ErrorBanner::retryRequested, this, &CompositionPage::refresh);
    connect(m_period, &PeriodPicker::changed, this, &CompositionPage::refresh);
    connect(m_dimension, &QComboBox::currentIndexChanged, this, &CompositionPage::refresh);
    connect(m_measure, &QComboBox::currentIndexChanged, this, &CompositionPage::refresh);
    connect(m_filters, &FilterChips::changed, this, &CompositionPage::refresh);
    connect(m_pie, &QPieSeries::clicked, this,
            [this](QPieSlice *slice) { drillInto(int(m_pie->slices().indexOf(slice))); });
    connect(m_pie, &QPieSeries::hovered, this, &CompositionPage::showSliceTooltip);
    connect(m_bars, &QHorizontalBarSeries::hovered, this, [this](bool state, int index, QBarSet *set) {
        if (!state)
            return QToolTip::hideText();
        QToolTip::showText(QCursor::pos(), tr("%1 \u2014 %2").arg(set->label(), m_model->describe(index)),
                           m_barView);
    });
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { drillInto(index.row()); });
    connect(exportChartButton, &QPushButton::clicked, this, &CompositionPage::exportChart);
    connect(exportTableButton, &QPushButton::clicked, this, &CompositionPage::exportTable);
}

QString CompositionPage::dimension() const
{
    return m_dimension->currentData().toString();
}

void CompositionPage::setDimension(const QString &dimension)
{
    m_dimension->setCurrentIndex(m_dimension->findData(dimension));
}

void CompositionPage::refresh()
{
    m_period->setContext(m_display.utcOffsetSeconds, m_engine.clock().now());
    CostQuery q;
    q.from = m_period->from();
    q.to = m_period->to();
    m_filters->apply(q);
    const QString dim = dimension();
    const auto measure = static_cast<CostMeasure>(m_measure->currentData().toInt());
    const Instant prevFrom = m_period->previousFrom(), prevTo = m_period->previousTo();
    auto r = m_engine.run([&](Context &ctx) -> Result<std::pair<Composition, Account>> {
        auto c = costComposition(ctx, q, dim, prevFrom, prevTo);
        if (!c)
            return c.error();
        return std::pair(std::move(*c), ctx.account);
    });
    if (!r) {
        m_banner->showError(tr("Could not compute the cost composition."), r.error());
        return;
    }
    CompositionUnitCosts unitCosts;
    if (measure == CostMeasure::UnitCost) {
        auto u = compositionUnitCosts(r->first);
        if (!u) {
            m_banner->showError(tr("Could not compute the cost composition."), u.error());
            return;
        }
        unitCosts = std::move(*u);
    }
    m_banner->clear();
    const Account &a = r->second;
    m_display.currency = a.currency;
    m_display.utcOffsetSeconds = a.utcOffsetSeconds;
    const Composition &c = r->first;
    m_total->setValue(tr("%1 %2").arg(c.total.toDisplayString(QLocale(), 2), a.currency));
    m_total->setDetail(m_period->label());
    const Money change = c.total - c.previousTotal;
    m_change->setValue((change.isNegative() ? QString() : QStringLiteral("+")) +
                       change.toDisplayString(QLocale(), 2));
    m_change->setDetail(tr("before: %1").arg(c.previousTotal.toDisplayString(QLocale(), 2)));
    m_calls->setValue(QLocale().toString(c.calls));
    const bool perCalls = measure == CostMeasure::UnitCost;
    m_unitCost->setVisible(perCalls);
    if (perCalls) {
        m_unitCost->setValue(unitCosts.total ? tr("%1 %2").arg(formatMoney(*unitCosts.total, 2), a.currency)
                                             : QStringLiteral("\u2014"));
        m_unitCost->setDetail(unitCosts.total
                                  ? tr("exactly %1; before: %2")
                                        .arg(unitCosts.total->toDisplayString(QLocale(), Money::Decimals),
                                             unitCosts.previousTotal
                                                 ? unitCosts.previousTotal->toDisplayString(QLocale(), 2)
                                                 : QStringLiteral("\u2014"))
                                  : tr("no billable calls"));
    }
    m_model->setComposition(std::move(r->first), m_display, measure, std::move(unitCosts));
    setTotalsFor(measure);
    // A rate has no share of a whole: the unit cost is shown by the bars and the table only.
    m_pieView->setVisible(!perCalls);
    m_pieView->chart()->setTitle(measure == CostMeasure::Calls ? tr("Share of the calls")
                                                               : tr("Share of the cost"));
    m_table->setColumnHidden(CompositionModel::UnitCost, !perCalls);
    m_table->setColumnHidden(CompositionModel::Share, perCalls);
    QStringList names;
    double top = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        names << m_model->data(m_model->index(row, CompositionModel::Name)).toString();
        top = std::max({top, m_model->chartValue(row, false), m_model->chartValue(row, true)});
    }
    m_barAxis->setCategories(names);
    m_valueAxis->setRange(0, std::max(1.0, top * 1.05));
    m_valueAxis->setLabelFormat(perCalls ? QStringLiteral("%.2f") : QStringLiteral("%.0f"));
    colourCharts();
    m_table->resizeColumnsToContents();
    m_footer->syncWithTable();
}

void CompositionPage::setTotalsFor(CostMeasure measure)
{
    std::vector<int> money{CompositionModel::Cost}, counts{CompositionModel::Calls}, unitCosts;
    const std::vector<int> measured{CompositionModel::Previous, CompositionModel::Change};
    switch (measure) {
    case CostMeasure::Cost:
        money.insert(money.end(), measured.begin(), measured.end());
        break;
    case CostMeasure::Calls:
        counts.insert(counts.end(), measured.begin(), measured.end());
        break;
    case CostMeasure::UnitCost:
        unitCosts = {CompositionModel::UnitCost, CompositionModel::Previous, CompositionModel::Change};
        break;
    }
    if (measure == m_totalsMeasure)
        return;
    TotalsModel *old = m_totals;
    m_totals = new TotalsModel(m_model, money, counts, this, unitCosts);
    m_totalsMeasure = measure;
    m_footer->setModel(m_totals);
    delete old;
}

void CompositionPage::colourCharts()
{
    const QList<QPieSlice *> slices = m_pie->slices();
    for (int i = 0; i < slices.size(); ++i) {
        slices[i]->setColor(
            ChartPalette::seriesColor(m_display.catalog, dimension(), m_model->key(i), i, palette()));
        slices[i]->setBorderColor(palette().color(QPalette::Base));
        slices[i]->setLabelColor(palette().color(QPalette::Text));
    }
    const QList<QBarSet *> sets = m_bars->barSets();
    for (int i = 0; i < sets.size(); ++i)
        sets[i]->setColor(i == 0 ? palette().color(QPalette::Highlight)
                                 : ChartPalette::othersColor(palette()));
    if (QChart *chart = m_pieView->chart())
        chart->legend()->setVisible(slices.size() <= 14);
}

void CompositionPage::showSliceTooltip(QPieSlice *slice, bool state)
{
    slice->setExploded(state);
    if (!state) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(QCursor::pos(), m_model->describe(int(m_pie->slices().indexOf(slice))), m_pieView);
}

void CompositionPage::drillInto(int row)
{
    const QString key = m_model->key(row);
    if (key.isEmpty() && row >= m_model->rowCount())
        return;
    const QString dim = dimension();
    QString next;
    for (const QString &d : kDimensions)
        if (d != dim && !m_filters->has(d)) {
            next = d;
            break;
        }
    {
        const QSignalBlocker blocker(m_filters);
        m_filters->add(dim, key);
    }
    if (!next.isEmpty() && next != dim) {
        const QSignalBlocker blocker(m_dimension);
        setDimension(next);
    }
    refresh();
}

void CompositionPage::exportChart()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), QString(),
                                                      tr("PNG image (*.png);;PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    QString error;
    auto *charts = static_cast<QWidget *>(m_pieView->parentWidget());
    if (!exportWidget(*charts, path, &error))
        m_banner->showError(tr("Could not export the chart."), Error::internal(error));
}

void CompositionPage::exportTable()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export table"), QString(), tr("CSV file (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportCsv(*m_model, path, &error, m_table))
        m_banner->showError(tr("Could not export the table."), Error::internal(error));
}

} // namespace billing::ui
