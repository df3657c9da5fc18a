#include "costcenter/analysispage.h"

#include "analysis/analysissettings.h"
#include "analysis/budgets.h"
#include "analysis/costanalysis.h"
#include "analysis/costmeasure.h"
#include "analysis/costseries.h"
#include "costcenter/analysischart.h"
#include "costcenter/costlabels.h"
#include "costcenter/filterchips.h"
#include "costcenter/periodpicker.h"
#include "costcenter/savedviewstore.h"
#include "costcenter/seriestablemodel.h"
#include "costcenter/undocommands.h"
#include "engine/engine.h"
#include "time/billingcalendar.h"
#include "widgets/chartpalette.h"
#include "widgets/errorbanner.h"
#include "widgets/exporter.h"
#include "widgets/figure.h"
#include "widgets/focusexportdialog.h"
#include "widgets/moneydelegate.h"
#include "widgets/shrinkingcombo.h"
#include "widgets/timeseriesplot.h"
#include "widgets/totalsfooter.h"
#include "widgets/totalsmodel.h"
#include "widgets/totalstablepane.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
struct Loaded
{
    Account account;
    CostResult main;
    std::optional<CostResult> waste;
    std::optional<Forecast> forecast;
    std::vector<Budget> budgets;
};

QComboBox *combo(QWidget *parent, const char *name, const std::vector<std::pair<QString, QVariant>> &items)
{
    auto *c = new QComboBox(parent);
    c->setObjectName(QLatin1String(name));
    for (const auto &[text, data] : items)
        c->addItem(text, data);
    return c;
}
} // namespace

AnalysisPage::AnalysisPage(Engine &engine, ConsoleSettings &settings, QWidget *parent)
    : Page(parent), m_engine(engine), m_views(new SavedViewStore(settings, this)),
      m_undo(new QUndoStack(this)), m_banner(new ErrorBanner(this)), m_period(new PeriodPicker(this)),
      m_granularity(combo(this, "granularity",
                          {{tr("Hour"), int(CostQuery::Hour)},
                           {tr("Day"), int(CostQuery::Day)},
                           {tr("Month"), int(CostQuery::Month)}})),
      m_group1(new QComboBox(this)), m_group2(new QComboBox(this)), m_topN(new QSpinBox(this)),
      m_measure(combo(this, "measure",
                      {{tr("Cost"), int(CostMeasure::Cost)},
                       {tr("Calls"), int(CostMeasure::Calls)},
                       {tr("Unit cost per 1,000 calls"), int(CostMeasure::UnitCost)}})),
      m_costView(combo(this, "costView",
                       {{tr("Cash (when paid)"), int(CostQuery::Cash)},
                        {tr("Amortized (when used)"), int(CostQuery::Amortized)}})),
      m_style(combo(this, "style",
                    {{tr("Stacked"), int(AnalysisView::Stacked)}, {tr("Lines"), int(AnalysisView::Lines)}})),
      m_cumulative(new QCheckBox(tr("C&umulative"), this)), m_filters(new FilterChips(this)),
      m_addFilter(new QToolButton(this)), m_filterMenu(new QMenu(this)), m_savedViews(new QComboBox(this)),
      m_total(new Figure(tr("Total of the period"), Figure::Size::Large, this)),
      m_forecast(new Figure(tr("Month-end forecast"), Figure::Size::Medium, this)),
      m_plot(new TimeSeriesPlot(this)), m_model(new SeriesTableModel(this)),
      m_split(new QSplitter(Qt::Vertical, this)), m_table(new QTableView(this)),
      m_footer(new TotalsFooter(m_table, this)), m_showTable(new QToolButton(this))
{
    setObjectName(QStringLiteral("analysisPage"));
    m_display.catalog = &m_engine.catalog();
    m_filters->setDisplay(&m_display);
    m_group1->setObjectName(QStringLiteral("groupBy1"));
    m_group2->setObjectName(QStringLiteral("groupBy2"));
    for (QComboBox *g : {m_group1, m_group2}) {
        g->addItem(tr("(none)"), QString());
        for (const QString &d : costDimensions())
            g->addItem(dimensionName(d), d);
    }
    m_group1->setCurrentIndex(m_group1->findData(QStringLiteral("api")));
    m_granularity->setCurrentIndex(1);
    m_topN->setObjectName(QStringLiteral("topN"));
    m_topN->setRange(1, 30);
    m_topN->setValue(8);
    m_topN->setPrefix(tr("top "));
    m_cumulative->setObjectName(QStringLiteral("cumulative"));
    m_addFilter->setObjectName(QStringLiteral("addFilter"));
    m_addFilter->setText(tr("Add &filter"));
    m_addFilter->setPopupMode(QToolButton::InstantPopup);
    m_addFilter->setMenu(m_filterMenu);
    m_savedViews->setObjectName(QStringLiteral("savedViews"));
    m_savedViews->setMinimumContentsLength(14);

    addUndoActions(m_undo, this);

    auto *saveButton = new QPushButton(tr("&Save view\u2026"), this);
    auto *deleteButton = new QPushButton(tr("&Delete view"), this);
    // One export menu: the chart, the table, and the FOCUS data of the period's bill months.
    auto *exportButton = new QToolButton(this);
    exportButton->setObjectName(QStringLiteral("costExport"));
    exportButton->setText(tr("E&xport"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("Export c&hart\u2026"), this, &AnalysisPage::exportChart);
    exportMenu->addAction(tr("Export &table (CSV)\u2026"), this, &AnalysisPage::exportTable);
    exportMenu->addSeparator();
    exportMenu->addAction(tr("Export &FOCUS cost and usage data\u2026"), this, &AnalysisPage::openFocusExport)
        ->setObjectName(QStringLiteral("exportFocus"));
    exportButton->setMenu(exportMenu);
    m_showTable->setObjectName(QStringLiteral("showTable"));
    m_showTable->setText(tr("Show t&able"));
    m_showTable->setCheckable(true);
    m_showTable->setToolTip(tr("The chart's numbers as a table (its text alternative)"));
    m_topN->setAccessibleName(tr("Series shown"));
    m_topN->setAccessibleDescription(tr("How many series the chart draws; the rest are summed as others."));
    m_group2->setAccessibleName(tr("Then group by"));
    for (QComboBox *box : {m_group1, m_group2, m_measure, m_costView})
        letComboShrink(box);
    m_plot->setAccessibleName(tr("Cost chart"));

    auto *controls = new QGridLayout;
    auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    controls->addWidget(m_period, 0, 0, 1, 2);
    controls->addWidget(label(tr("&Granularity:"), m_granularity), 0, 2);
    controls->addWidget(m_granularity, 0, 3);
    controls->addWidget(label(tr("Group &by:"), m_group1), 0, 4);
    controls->addWidget(m_group1, 0, 5);
    controls->addWidget(label(tr("\u00d7"), m_group2), 0, 6);
    controls->addWidget(m_group2, 0, 7);
    controls->addWidget(m_topN, 0, 8);
    controls->addWidget(label(tr("&Measure:"), m_measure), 1, 0);
    controls->addWidget(m_measure, 1, 1);
    controls->addWidget(label(tr("&View:"), m_costView), 1, 2);
    controls->addWidget(m_costView, 1, 3);
    controls->addWidget(label(tr("Chart:"), m_style), 1, 4);
    controls->addWidget(m_style, 1, 5);
    controls->addWidget(m_cumulative, 1, 7);
    controls->addWidget(m_addFilter, 1, 8);
    controls->setColumnStretch(9, 1);

    auto *viewsBar = new QHBoxLayout;
    viewsBar->addWidget(label(tr("Saved vie&ws:"), m_savedViews));
    viewsBar->addWidget(m_savedViews);
    viewsBar->addWidget(saveButton);
    viewsBar->addWidget(deleteButton);
    viewsBar->addStretch(1);
    viewsBar->addWidget(m_showTable);
    viewsBar->addWidget(exportButton);

    auto *figures = new QHBoxLayout;
    figures->addWidget(m_total);
    figures->addSpacing(fontMetrics().averageCharWidth() * 6);
    figures->addWidget(m_forecast);
    figures->addStretch(1);

    m_table->setObjectName(QStringLiteral("seriesTable"));
    m_table->setAccessibleName(tr("Chart data"));
    m_table->setAccessibleDescription(
        tr("The numbers of the cost chart, one row per period and one column per series."));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new MoneyDelegate(this));
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    auto *tablePane = new TotalsTablePane(m_table, m_footer, this);
    m_split->addWidget(m_plot);
    m_split->addWidget(tablePane);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    tablePane->hide();
    m_plot->setTooltipProvider([this](int row) { return m_model->describe(row); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Cost analysis")));
    layout->addWidget(m_banner);
    layout->addLayout(controls);
    layout->addWidget(m_filters);
    layout->addLayout(viewsBar);
    layout->addLayout(figures);
    layout->addWidget(m_split, 1);

    fillSavedViews();
    auto changed = [this] {
        if (!m_applying)
            refresh();
    };
    connect(m_banner, &ErrorBanner::retryRequested, this, &AnalysisPage::refresh);
    connect(m_period, &PeriodPicker::changed, this, changed);
    for (QComboBox *c : {m_granularity, m_group1, m_group2, m_measure, m_costView, m_style})
        connect(c, &QComboBox::currentIndexChanged, this, changed);
    connect(m_topN, &QSpinBox::valueChanged, this, changed);
    connect(m_cumulative, &QCheckBox::toggled, this, changed);
    connect(m_filters, &FilterChips::changed, this, changed);
    connect(m_filterMenu, &QMenu::aboutToShow, this, &AnalysisPage::buildFilterMenu);
    connect(m_showTable, &QToolButton::toggled, tablePane, &QWidget::setVisible);
    connect(m_views, &SavedViewStore::changed, this, &AnalysisPage::fillSavedViews);
    connect(m_savedViews, &QComboBox::activated, this, [this](int index) {
        if (auto v = m_views->view(m_savedViews->itemData(index).toString()))
            applyView(*v);
    });
    connect(saveButton, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("Save view"), tr("Name of the view:"), QLineEdit::Normal,
                                  m_savedViews->currentData().toString(), &ok);
        if (ok && !name.trimmed().isEmpty())
            saveView(name.trimmed());
    });
    connect(deleteButton, &QPushButton::clicked, this, [this] {
        if (!m_savedViews->currentData().toString().isEmpty())
            deleteView(m_savedViews->currentData().toString());
    });
}

AnalysisView AnalysisPage::currentView() const
{
    AnalysisView v;
    v.period = m_period->choice();
    v.customFirst = m_period->customFirst();
    v.customLast = m_period->customLast();
    v.granularity = static_cast<CostQuery::Granularity>(m_granularity->currentData().toInt());
    for (QComboBox *g : {m_group1, m_group2}) {
        const QString d = g->currentData().toString();
        if (!d.isEmpty() && !v.groupBy.contains(d))
            v.groupBy << d;
    }
    v.topN = m_topN->value();
    v.measure = static_cast<CostMeasure>(m_measure->currentData().toInt());
    v.view = static_cast<CostQuery::View>(m_costView->currentData().toInt());
    v.style = static_cast<AnalysisView::Style>(m_style->currentData().toInt());
    v.cumulative = m_cumulative->isChecked();
    v.filters = m_filters->filters();
    return v;
}

void AnalysisPage::applyView(const AnalysisView &v)
{
    m_applying = true;
    m_period->setCustomRange(v.customFirst.isValid() ? v.customFirst : m_period->customFirst(),
                             v.customLast.isValid() ? v.customLast : m_period->customLast());
    m_period->setChoice(static_cast<PeriodPicker::Choice>(v.period));
    m_granularity->setCurrentIndex(m_granularity->findData(int(v.granularity)));
    m_group1->setCurrentIndex(std::max(0, m_group1->findData(v.groupBy.value(0))));
    m_group2->setCurrentIndex(std::max(0, m_group2->findData(v.groupBy.value(1))));
    m_topN->setValue(v.topN);
    m_measure->setCurrentIndex(m_measure->findData(int(v.measure)));
    m_costView->setCurrentIndex(m_costView->findData(int(v.view)));
    m_style->setCurrentIndex(m_style->findData(int(v.style)));
    m_cumulative->setChecked(v.cumulative);
    m_filters->clear();
    for (const auto &[dim, value] : v.filters)
        m_filters->add(dim, value);
    m_applying = false;
    refresh();
}

void AnalysisPage::saveView(const QString &name)
{
    m_undo->push(new SaveViewCommand(*m_views, name, currentView()));
    m_savedViews->setCurrentIndex(m_savedViews->findData(name));
}

void AnalysisPage::deleteView(const QString &name)
{
    if (m_views->view(name))
        m_undo->push(new DeleteViewCommand(*m_views, name));
}

void AnalysisPage::fillSavedViews()
{
    const QString current = m_savedViews->currentData().toString();
    const QSignalBlocker blocker(m_savedViews);
    m_savedViews->clear();
    m_savedViews->addItem(tr("(current settings)"), QString());
    for (const auto &[name, view] : m_views->views())
        m_savedViews->addItem(name, name);
    m_savedViews->setCurrentIndex(std::max(0, m_savedViews->findData(current)));
}

void AnalysisPage::buildFilterMenu()
{
    m_filterMenu->clear();
    const Catalog &cat = m_engine.catalog();
    auto addValues = [this](const QString &dim, const QStringList &values) {
        QMenu *sub = m_filterMenu->addMenu(dimensionName(dim));
        for (const QString &v : values)
            sub->addAction(keyName(m_display, dim, v), this, [this, dim, v] { m_filters->add(dim, v); });
    };
    QStringList apis, regions;
    for (const ApiInfo &a : cat.apis())
        apis << a.id;
    for (const RegionInfo &r : cat.regions())
        regions << r.id;
    addValues(QStringLiteral("api"), apis);
    addValues(QStringLiteral("category"),
              {QStringLiteral("GENERAL"), QStringLiteral("CARD"), QStringLiteral("RECEIPT")});
    addValues(QStringLiteral("region"), regions);
    addValues(QStringLiteral("mode"), {QStringLiteral("pay-per-use"), QStringLiteral("package"), kModeWaste});
    const CostQuery q = rangeQuery(m_period->from(), m_period->to());
    auto names = m_engine.run([&](Context &ctx) -> Result<std::pair<QStringList, QStringList>> {
        auto c = costComposition(ctx, q, QStringLiteral("project"), 0, 0);
        if (!c)
            return c.error();
        auto tags = tagsInUse(ctx);
        if (!tags)
            return tags.error();
        QStringList projects;
        for (const CostShare &s : c->shares)
            projects << s.key;
        return std::pair(projects, *tags << kTagUntagged << kProjectShared);
    });
    if (names) {
        addValues(QStringLiteral("project"), names->first);
        addValues(QStringLiteral("tag"), names->second);
    }
}

void AnalysisPage::refresh()
{
    m_period->setContext(m_display.utcOffsetSeconds, m_engine.clock().now());
    const AnalysisView v = currentView();
    CostQuery q;
    q.from = m_period->from();
    q.to = m_period->to();
    q.granularity = v.granularity;
    q.groupBy = v.groupBy;
    q.view = v.view;
    m_filters->apply(q);
    // Amortized: waste is its own series unless the chart is grouped or filtered by mode already.
    const bool separateWaste = v.view == CostQuery::Amortized &&
                               !q.groupBy.contains(costDimensionId(CostDimension::Mode)) &&
                               q.modes.isEmpty() && v.measure == CostMeasure::Cost;
    const bool oneMonth =
        m_period->choice() == PeriodPicker::ThisMonth || m_period->choice() == PeriodPicker::LastMonth;
    auto loaded = m_engine.run([&](Context &ctx) -> Result<Loaded> {
        Loaded l;
        l.account = ctx.account;
        CostQuery main = q;
        if (separateWaste)
            main.modes = QStringList{QStringLiteral("pay-per-use"), QStringLiteral("package")};
        auto r = analyzeCost(ctx, main);
        if (!r)
            return r.error();
        l.main = std::move(*r);
        if (separateWaste) {
            CostQuery w = q;
            w.groupBy.clear();
            w.modes = QStringList{kModeWaste};
            auto wr = analyzeCost(ctx, w);
            if (!wr)
                return wr.error();
            if (!wr->total.isZero())
                l.waste = std::move(*wr);
        }
        if (m_period->choice() == PeriodPicker::ThisMonth) {
            auto f = forecastMonth(ctx);
            if (!f)
                return f.error();
            l.forecast = *f;
        }
        if (oneMonth && v.cumulative) {
            auto b = allBudgets(ctx);
            if (!b)
                return b.error();
            // The budgets of the scope the chart shows (its filters): their lines compare like with like.
            const std::optional<BudgetScope> shown = scopeOfQuery(q);
            for (Budget &budget : *b)
                if (shown && budget.scope.normalized() == *shown)
                    l.budgets.push_back(std::move(budget));
        }
        return l;
    });
    if (!loaded) {
        m_banner->showError(tr("Could not analyse the cost."), loaded.error());
        return;
    }
    m_banner->clear();
    m_display.currency = loaded->account.currency;
    m_display.utcOffsetSeconds = loaded->account.utcOffsetSeconds;
    const BillingCalendar cal(m_display.utcOffsetSeconds);

    CostSeriesSet set = buildSeries(loaded->main, q, cal, v.topN);
    if (loaded->waste) {
        CostSeriesSet w = buildSeries(*loaded->waste, rangeQuery(q.from, q.to, q.granularity), cal, 0);
        for (CostSeries &s : w.series) {
            s.keys = QStringList{kModeWaste};
            set.series.push_back(std::move(s));
        }
        set.total += loaded->waste->total;
    }
    if (v.cumulative)
        set = cumulative(std::move(set));
    // Unit cost: of each value as shown (running totals included), of sums, never summed itself.
    const bool perCalls = v.measure == CostMeasure::UnitCost;
    SeriesUnitCosts unitCosts;
    if (perCalls) {
        auto u = seriesUnitCosts(set);
        if (!u) {
            m_banner->showError(tr("Could not analyse the cost."), u.error());
            return;
        }
        unitCosts = std::move(*u);
    }
    m_style->setEnabled(!perCalls); // a unit cost is drawn as dotted lines: rates do not stack
    QStringList names;
    AnalysisChart chart;
    for (const CostSeries &s : set.series) {
        QStringList parts;
        const bool waste =
            s.keys == QStringList{kModeWaste} && !q.groupBy.contains(costDimensionId(CostDimension::Mode));
        for (int i = 0; i < s.keys.size(); ++i)
            parts << (waste ? keyName(m_display, QStringLiteral("mode"), kModeWaste)
                            : keyName(m_display, s.others ? QString() : q.groupBy.value(i), s.keys[i]));
        names << (parts.isEmpty() ? tr("All costs") : parts.join(QStringLiteral(" \u00d7 ")));
        chart.colourKeys.push_back(s.keys.value(0));
    }
    const bool cost = v.measure == CostMeasure::Cost;
    if (perCalls) {
        // The period's cost over its billable calls (every cost once), or "—" without calls.
        m_total->setValue(
            unitCosts.total
                ? tr("%1 %2 per 1,000 calls").arg(formatMoney(*unitCosts.total, 2), m_display.currency)
                : tr("\u2014 (no billable calls)"));
        m_total->setDetail(unitCosts.total
                               ? tr("exactly %1; %2, %3 view")
                                     .arg(unitCosts.total->toDisplayString(QLocale(), Money::Decimals),
                                          m_period->label(), m_costView->currentText())
                               : tr("%1, %2 view").arg(m_period->label(), m_costView->currentText()));
    } else {
        m_total->setValue(cost ? tr("%1 %2").arg(set.total.toDisplayString(QLocale(), 2), m_display.currency)
                               : tr("%1 calls").arg(QLocale().toString(loaded->main.calls)));
        m_total->setDetail(tr("%1, %2 view").arg(m_period->label(), m_costView->currentText()));
    }
    m_forecast->setVisible(loaded->forecast.has_value());
    if (loaded->forecast) {
        const Forecast &f = *loaded->forecast;
        m_forecast->setValue(f.projected.truncatedToCents().toDisplayString(QLocale(), 2));
        m_forecast->setDetail(f.intervalKnown
                                  ? tr("likely %1 \u2013 %2; %3 so far")
                                        .arg(f.low.truncatedToCents().toDisplayString(QLocale(), 2),
                                             f.high.truncatedToCents().toDisplayString(QLocale(), 2),
                                             f.actual.toDisplayString(QLocale(), 2))
                                  : tr("%1 so far; an interval needs 3 complete days")
                                        .arg(f.actual.toDisplayString(QLocale(), 2)));
    }

    chart.set = &set;
    chart.names = names;
    chart.firstDimension = q.groupBy.value(0);
    chart.view = v;
    chart.unitCosts = perCalls ? &unitCosts : nullptr;
    if (oneMonth && v.cumulative && m_period->choice() == PeriodPicker::ThisMonth)
        chart.forecast = loaded->forecast;
    chart.budgets = loaded->budgets;
    chart.monthEnd = q.to;
    m_plot->setUtcOffset(m_display.utcOffsetSeconds);
    drawAnalysis(*m_plot, chart, m_display.catalog, palette(), m_display.currency);
    // Its text alternative is the table below it, one key away.
    m_plot->setAccessibleDescription(
        tr("%1 by %2, %3, total %4: %5. The same numbers are in the table that “Show table” (Alt+A) opens.")
            .arg(m_measure->currentText(), m_granularity->currentText(), m_period->label(), m_total->value(),
                 names.join(QStringLiteral(", "))));

    const int seriesCount = int(set.series.size());
    m_model->setSeries(std::move(set), names, v.measure, v.granularity, m_display.utcOffsetSeconds,
                       m_display.currency, std::move(unitCosts));
    std::vector<int> columns;
    for (int c = 1; c <= seriesCount + 1; ++c)
        columns.push_back(c);
    delete m_totals;
    if (v.cumulative) // running totals do not add up
        columns.clear();
    m_totals = cost       ? new TotalsModel(m_model, columns, {}, this)
               : perCalls ? new TotalsModel(m_model, {}, {}, this, columns)
                          : new TotalsModel(m_model, {}, columns, this);
    m_footer->setModel(m_totals);
    for (int c = 1; c <= seriesCount + 1; ++c) // per column too, so the totals footer follows
        m_table->setItemDelegateForColumn(c, m_table->itemDelegate());
    m_table->resizeColumnsToContents();
    m_footer->syncWithTable();
}

void AnalysisPage::openFocusExport()
{
    // The bill months the period shown touches.
    const BillingCalendar calendar(m_display.utcOffsetSeconds);
    const CivilDate first = calendar.dateOf(m_period->from());
    const CivilDate last = calendar.dateOf(m_period->to() - 1);
    auto *dialog = new FocusExportDialog(m_engine, QDate(first.year, first.month, 1),
                                         QDate(last.year, last.month, 1), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void AnalysisPage::exportChart()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), QString(),
                                                      tr("PNG image (*.png);;PDF document (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !m_plot->exportTo(path, &error))
        m_banner->showError(tr("Could not export the chart."), Error::internal(error));
}

void AnalysisPage::exportTable()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export table"), QString(), tr("CSV file (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(*m_model, path, &error))
        m_banner->showError(tr("Could not export the table."), Error::internal(error));
}

} // namespace billing::ui
