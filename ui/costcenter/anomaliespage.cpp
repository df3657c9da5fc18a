#include "costcenter/anomaliespage.h"

#include "costcenter/anomalycausemodel.h"
#include "costcenter/anomalymodel.h"
#include "costcenter/periodpicker.h"
#include "engine/engine.h"
#include "time/billingcalendar.h"
#include "widgets/activatingtableview.h"
#include "widgets/errorbanner.h"
#include "widgets/format.h"
#include "widgets/itemroles.h"
#include "widgets/moneydelegate.h"
#include "widgets/timeseriesplot.h"
#include "widgets/waterfallplot.h"

#include <QDate>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
double toDouble(Money m)
{
    return double(m.units()) / double(Money::Scale); // chart-drawing boundary
}
// The series around an anomaly: six weeks before it, one after.
constexpr qint64 kWeeksBefore = 6;
constexpr qint64 kWeeksAfter = 1;
} // namespace

AnomaliesPage::AnomaliesPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_model(new AnomalyModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_banner(new ErrorBanner(this)),
      m_period(new PeriodPicker(this)), m_filter(new QLineEdit(this)), m_count(new QLabel(this)),
      m_table(new ActivatingTableView(this)), m_explanation(new QLabel(this)),
      m_records(new QPushButton(tr("Show &records…"), this)), m_plot(new TimeSeriesPlot(this)),
      m_causes(new AnomalyCauseModel(this)), m_causeTable(new ActivatingTableView(this)),
      m_waterfall(new WaterfallPlot(this))
{
    setObjectName(QStringLiteral("anomaliesPage"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_period->setChoice(PeriodPicker::Last12Months);
    m_filter->setObjectName(QStringLiteral("anomalyFilter"));
    m_filter->setPlaceholderText(tr("Filter by day, API, region, project or cause"));
    m_filter->setAccessibleName(tr("Filter anomalies"));
    m_filter->setClearButtonEnabled(true);

    m_table->setObjectName(QStringLiteral("anomalyTable"));
    m_table->setAccessibleName(tr("Anomalies"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AnomalyModel::Day, Qt::DescendingOrder); // newest first
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    auto *money = new MoneyDelegate(this);
    for (int c : {AnomalyModel::Cost, AnomalyModel::Baseline, AnomalyModel::Difference})
        m_table->setItemDelegateForColumn(c, money);
    m_explanation->setObjectName(QStringLiteral("anomalyExplanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_records->setObjectName(QStringLiteral("anomalyRecords"));
    m_records->setToolTip(tr("The transaction records behind the selected anomaly: that day's usage of its "
                             "API, region and project"));
    m_records->setEnabled(false);
    m_plot->setObjectName(QStringLiteral("anomalyPlot"));
    m_plot->setAccessibleName(tr("Daily cost with its baseline band"));
    m_plot->setMinimumHeight(200);
    m_plot->setAccessibleDescription(tr("The daily cost of the selected anomaly's API, region and project "
                                        "with its baseline band; the table above lists every anomaly."));

    m_waterfall->setAccessibleName(tr("Causes of the difference"));
    m_waterfall->setAccessibleDescription(
        tr("A waterfall from the reference day's cost through each cause to the day's cost; the causes "
           "table below it has the same steps. Click a bar to show the records behind it."));
    m_causeTable->setObjectName(QStringLiteral("anomalyCauses"));
    m_causeTable->setAccessibleName(tr("Causes"));
    m_causeTable->setModel(m_causes);
    m_causeTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_causeTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_causeTable->verticalHeader()->hide();
    m_causeTable->horizontalHeader()->setStretchLastSection(true);
    m_causeTable->setWordWrap(false);
    m_causeTable->setItemDelegateForColumn(AnomalyCauseModel::Amount,
                                           new MoneyDelegate(this, MoneyDelegate::Precision::Exact));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_period);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_count);
    bar->addWidget(m_records);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    auto *detail = new QWidget(splitter);
    // The sentence with both days' calls; the waterfall beside the daily series; under them the same
    // steps as a table, all seven rows shown.
    auto *detailLayout = new QGridLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_explanation, 0, 0, 1, 2);
    detailLayout->addWidget(m_waterfall, 1, 0);
    detailLayout->addWidget(m_plot, 1, 1);
    detailLayout->addWidget(m_causeTable, 2, 0, 1, 2);
    detailLayout->setColumnStretch(0, 2);
    detailLayout->setColumnStretch(1, 2);
    detailLayout->setRowStretch(1, 1);
    QHeaderView *rows = m_causeTable->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + fontMetrics().height() / 2);
    m_causeTable->setFixedHeight(
        rows->defaultSectionSize() * (int(AnomalyCauseModel::causeIds().size()) + 2) +
        m_causeTable->horizontalHeader()->sizeHint().height() + 2 * m_causeTable->frameWidth());
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Anomalies")));
    layout->addWidget(m_banner);
    auto *rule = new QLabel(tr("A day is anomalous when its cost leaves the band around the median of the "
                               "same weekday in the 4 weeks before: more than 3 × 1.4826 × MAD, half the "
                               "baseline and 1.00 away from it."),
                            this);
    rule->setWordWrap(true); // wraps on a narrow window instead of widening it
    layout->addWidget(rule);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);

    connect(m_banner, &ErrorBanner::retryRequested, this, &AnomaliesPage::refresh);
    connect(m_period, &PeriodPicker::changed, this, &AnomaliesPage::refresh);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        m_count->setText(tr("%n anomalies", nullptr, m_proxy->rowCount()));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_records->setEnabled(current.isValid());
                if (current.isValid())
                    showSeries(m_proxy->mapToSource(current).row());
            });
    connect(m_records, &QPushButton::clicked, this, &AnomaliesPage::openRecords);
    connect(m_table, &QAbstractItemView::activated, this, &AnomaliesPage::openRecords);
    connect(m_waterfall, &WaterfallPlot::barClicked, this, &AnomaliesPage::openStep);
    connect(m_causeTable, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { openStep(index.row()); });
}

void AnomaliesPage::selectAnomaly(Instant day, const QString &api, const QString &region,
                                  const QString &project)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const Anomaly &a = m_model->anomaly(row);
        if (a.day == day && a.api == api && a.region == region && a.project == project) {
            m_filter->clear();
            const QModelIndex at = m_proxy->mapFromSource(m_model->index(row, 0));
            m_table->selectRow(at.row());
            m_table->scrollTo(at);
            return;
        }
    }
}

void AnomaliesPage::openRecords()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const Anomaly &a = m_model->anomaly(m_proxy->mapToSource(current).row());
    if (const std::optional<RecordFilter> f = anomalyRecords(a, QString(), m_utcOffsetSeconds))
        emit recordsRequested(*f);
}

void AnomaliesPage::openStep(int step)
{
    if (const std::optional<RecordFilter> f = m_causes->records(step))
        emit recordsRequested(*f);
}

void AnomaliesPage::showCauses(const Anomaly *a)
{
    m_causes->setAnomaly(a ? std::optional<Anomaly>(*a) : std::nullopt,
                         AccountDisplay{m_currency, m_utcOffsetSeconds, &m_engine.catalog()});
    m_causeTable->resizeColumnsToContents();
    std::vector<WaterfallBar> bars;
    const QLocale l;
    for (int step = 0; step < m_causes->rowCount(); ++step) {
        const bool total = m_causes->isReference(step) || m_causes->isDay(step);
        const Money amount = m_causes->amount(step);
        WaterfallBar b;
        b.id = m_causes->causeId(step);
        b.total = total;
        b.value = toDouble(amount);
        const QString text = formatMoney(amount, 2, l);
        b.text = total || amount.units() <= 0 ? text : tr("+%1").arg(text);
        b.label = total
                      ? (m_causes->isReference(step)
                             ? tr("Ref. day\n%1", "waterfall axis: the reference day, short")
                             : tr("This day\n%1", "waterfall axis: the anomalous day, short"))
                            .arg(l.toString(toDateTime(m_causes->isReference(step) ? a->referenceDay : a->day,
                                                       m_utcOffsetSeconds)
                                                .date(),
                                            QLocale::ShortFormat))
                      : m_causes->stepName(step).replace(QLatin1Char(' '), QLatin1Char('\n'));
        b.tooltip = tr("%1: %2\nClick to show %3.")
                        .arg(m_causes->stepName(step), formatMoney(amount, 8, l),
                             m_causes->index(step, AnomalyCauseModel::Records).data().toString());
        bars.push_back(std::move(b));
    }
    m_waterfall->setValueAxisLabel(tr("Cost (%1)").arg(m_currency));
    m_waterfall->setBars(bars);
}

void AnomaliesPage::refresh()
{
    struct Loaded
    {
        std::vector<Anomaly> anomalies;
        Account account;
    };
    auto r = m_engine.run([this](Context &ctx) -> Result<Loaded> {
        m_period->setContext(ctx.calendar.utcOffsetSeconds(), ctx.now);
        auto list = findAnomalies(ctx, m_period->from(), m_period->to());
        if (!list)
            return list.error();
        return Loaded{std::move(*list), ctx.account};
    });
    if (!r) {
        m_banner->showError(tr("Could not look for anomalies."), r.error());
        return;
    }
    m_banner->clear();
    m_currency = r->account.currency;
    m_utcOffsetSeconds = r->account.utcOffsetSeconds;
    m_model->setAnomalies(
        std::move(r->anomalies),
        AccountDisplay{r->account.currency, r->account.utcOffsetSeconds, &m_engine.catalog()});
    m_count->setText(tr("%n anomalies", nullptr, m_proxy->rowCount()));
    m_table->resizeColumnsToContents();
    if (m_proxy->rowCount() > 0)
        m_table->selectRow(0);
    else {
        m_explanation->setText(tr("No anomalies in this period."));
        showCauses(nullptr);
        m_plot->setSeries({}, {}, TimeSeriesPlot::Style::Lines, 86400.0);
        m_plot->setBand(QString(), {}, {}, {}, {}, QColor());
    }
}

void AnomaliesPage::showSeries(int row)
{
    const Anomaly &a = m_model->anomaly(row);
    m_explanation->setText(m_model->explanation(row));
    showCauses(&a);
    auto points = m_engine.run([&a](Context &ctx) {
        return anomalySeries(ctx, a.api, a.region, a.project, a.day - kWeeksBefore * 7 * kMicrosPerDay,
                             a.day + (kWeeksAfter * 7 + 1) * kMicrosPerDay);
    });
    if (!points) {
        m_banner->showError(tr("Could not read the daily costs."), points.error());
        return;
    }
    std::vector<double> keys, cost, bandKeys, centre, low, high;
    for (const AnomalyPoint &p : *points) {
        const double key = double(p.day / kMicrosPerSecond);
        keys.push_back(key);
        cost.push_back(toDouble(p.cost));
        if (p.hasBaseline) {
            bandKeys.push_back(key);
            centre.push_back(toDouble(p.baseline));
            low.push_back(std::max(0.0, toDouble(p.low)));
            high.push_back(toDouble(p.high));
        }
    }
    PlotSeries series;
    series.name = tr("%1, %2, %3").arg(a.api, a.region, a.project);
    series.color = palette().color(QPalette::Highlight);
    series.values = std::move(cost);
    m_plot->setValueAxisLabel(tr("Cost (%1)").arg(m_currency));
    m_plot->setSeries(keys, {series}, TimeSeriesPlot::Style::Lines, 86400.0);
    m_plot->setBand(tr("Baseline"), bandKeys, centre, low, high, palette().color(QPalette::Mid));
    const QLocale l;
    m_plot->setAccessibleDescription(
        tr("Daily cost of %1 in %2 for project %3 over the weeks around %4, with the baseline band. That day "
           "cost %5 against a baseline of %6; the table above lists every anomaly with its figures.")
            .arg(a.api, a.region, a.project, m_model->index(row, AnomalyModel::Day).data().toString(),
                 formatMoney(a.cost, 2, l), formatMoney(a.baseline, 2, l)));
}

} // namespace billing::ui
