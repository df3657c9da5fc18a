#include "planner/scenarioplannerpage.h"

#include "planner/scenarioeditor.h"
#include "time/billingcalendar.h"
#include "widgets/chartpalette.h"
#include "widgets/errorbanner.h"
#include "widgets/ownengine.h"
#include "widgets/timeseriesplot.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
double toDouble(Money m)
{
    return double(m.units()) / double(Money::Scale); // chart-drawing boundary
}
} // namespace

ScenarioPlannerPage::ScenarioPlannerPage(Engine &engine, QWidget *parent, const QString &folder)
    : Page(parent), m_engine(engine), m_store(folder), m_banner(new ErrorBanner(this)),
      m_editor(new ScenarioEditor(this)), m_saved(new QListWidget(this)),
      m_save(new QPushButton(tr("&Save scenario"), this)), m_delete(new QPushButton(tr("&Delete"), this)),
      m_months(new QSpinBox(this)), m_run(new QPushButton(tr("&Run"), this)),
      m_cancel(new QPushButton(tr("Ca&ncel"), this)), m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)), m_results(new QTableWidget(this)), m_plot(new TimeSeriesPlot(this)),
      m_events(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("scenarioPlannerPage"));
    m_saved->setObjectName(QStringLiteral("savedScenarios"));
    m_saved->setAccessibleName(tr("Saved scenarios; tick up to three to run"));
    m_saved->setToolTip(tr("Tick up to three saved scenarios to run; none ticked runs the form's scenario"));
    m_save->setObjectName(QStringLiteral("saveScenario"));
    m_delete->setObjectName(QStringLiteral("deleteScenario"));
    m_months->setObjectName(QStringLiteral("scenarioMonths"));
    m_months->setRange(1, whatif::kMaxMonths);
    m_months->setValue(3);
    m_months->setAccessibleName(tr("Months to simulate"));
    m_run->setObjectName(QStringLiteral("runScenarios"));
    m_cancel->setObjectName(QStringLiteral("cancelScenarios"));
    m_cancel->setEnabled(false);
    m_progress->setObjectName(QStringLiteral("scenarioProgress"));
    m_progress->setVisible(false);
    m_results->setObjectName(QStringLiteral("scenarioResults"));
    m_results->setAccessibleName(tr("Monthly bill of the baseline and each scenario"));
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->verticalHeader()->hide();
    m_plot->setObjectName(QStringLiteral("scenarioPlot"));
    m_plot->setAccessibleName(tr("Monthly charged amount of the baseline and each scenario"));
    m_plot->setMinimumHeight(180);
    m_plot->setAccessibleDescription(
        tr("One line per run: the baseline and each scenario, the charged "
           "amount of each simulated month; the table beside it has the figures."));
    m_plot->setValueAxisLabel(tr("Charged"));
    m_events->setObjectName(QStringLiteral("scenarioEvents"));
    m_events->setAccessibleName(tr("What happens in the simulated months"));
    m_events->setReadOnly(true);
    m_events->setMaximumHeight(110);

    connect(m_save, &QPushButton::clicked, this, &ScenarioPlannerPage::save);
    connect(m_delete, &QPushButton::clicked, this, &ScenarioPlannerPage::removeSaved);
    connect(m_run, &QPushButton::clicked, this, &ScenarioPlannerPage::run);
    connect(m_months, &QSpinBox::valueChanged, m_editor, &ScenarioEditor::setMonths);
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_task.cancel(); });
    connect(m_saved, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        if (auto s = m_store.load(item->text()))
            m_editor->setScenario(*s);
        else
            m_banner->showError(tr("Could not open the scenario"), s.error());
    });
    m_task.onProgress([this](int value, int maximum) {
        m_progress->setMaximum(maximum);
        m_progress->setValue(value);
    });
    m_task.onFinished([this](Result<whatif::Report> r) { showReport(r); });

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Saved scenarios (double-click to edit):"), left));
    leftLayout->addWidget(m_saved);
    auto *savedButtons = new QHBoxLayout;
    savedButtons->addWidget(m_save);
    savedButtons->addWidget(m_delete);
    leftLayout->addLayout(savedButtons);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(left);
    top->addWidget(m_editor);
    top->setStretchFactor(1, 3);

    auto *bar = new QHBoxLayout;
    auto *monthsLabel = new QLabel(tr("&Months:"), this);
    monthsLabel->setBuddy(m_months);
    bar->addWidget(monthsLabel);
    bar->addWidget(m_months);
    bar->addWidget(m_run);
    bar->addWidget(m_cancel);
    bar->addWidget(m_progress, 1);
    bar->addWidget(m_status, 1);

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_results);
    bottom->addWidget(m_plot);
    bottom->setSizes({500, 700});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Scenario planner")));
    layout->addWidget(m_banner);
    layout->addWidget(top, 2);
    layout->addLayout(bar);
    layout->addWidget(bottom, 3);
    layout->addWidget(m_events);
}

void ScenarioPlannerPage::refresh()
{
    // The form's pickers: the account's APIs, regions, projects, package sizes and packages, as of now.
    if (auto ctx = m_engine.inspect()) {
        if (auto choices = whatif::choices(**ctx))
            m_editor->setChoices(*choices);
        else
            m_banner->showError(tr("Could not read the account"), choices.error());
    }
    QStringList ticked;
    for (int i = 0; i < m_saved->count(); ++i)
        if (m_saved->item(i)->checkState() == Qt::Checked)
            ticked << m_saved->item(i)->text();
    m_saved->clear();
    for (const QString &name : m_store.names()) {
        auto *item = new QListWidgetItem(name, m_saved);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(ticked.contains(name) ? Qt::Checked : Qt::Unchecked);
    }
}

void ScenarioPlannerPage::save()
{
    auto s = m_editor->scenario();
    if (!s) {
        m_banner->showError(tr("The scenario cannot be saved"), s.error());
        return;
    }
    if (Status st = m_store.save(*s); !st) {
        m_banner->showError(tr("The scenario cannot be saved"), st.error());
        return;
    }
    m_banner->clear();
    refresh();
}

void ScenarioPlannerPage::removeSaved()
{
    if (QListWidgetItem *item = m_saved->currentItem()) {
        if (Status st = m_store.remove(item->text()); !st)
            m_banner->showError(tr("The scenario cannot be deleted"), st.error());
        refresh();
    }
}

void ScenarioPlannerPage::run()
{
    std::vector<whatif::Scenario> scenarios;
    for (int i = 0; i < m_saved->count(); ++i) {
        if (m_saved->item(i)->checkState() != Qt::Checked)
            continue;
        auto s = m_store.load(m_saved->item(i)->text());
        if (!s) {
            m_banner->showError(tr("Could not open the scenario"), s.error());
            return;
        }
        scenarios.push_back(std::move(*s));
    }
    if (scenarios.empty()) {
        auto s = m_editor->scenario();
        if (!s) {
            m_banner->showError(tr("The scenario cannot run"), s.error());
            return;
        }
        scenarios.push_back(std::move(*s));
    }
    if (scenarios.size() > size_t(whatif::kMaxScenarios)) {
        m_banner->showError(tr("The scenarios cannot run"),
                            Error::badUsage(tr("tick at most %1 scenarios").arg(whatif::kMaxScenarios)));
        return;
    }
    m_banner->clear();
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    m_status->setText(tr("Simulating…"));
    const QString location = m_engine.database().location();
    const Clock &clock = m_engine.clock();
    const QString actor = m_engine.actor();
    const int months = m_months->value();
    m_task.start([=, &clock](TaskControl &control) -> Result<whatif::Report> {
        return withOwnEngine(location, clock, [&](Engine &e) {
            e.setActor(actor);
            return whatif::plan(e, clock.now(), actor, scenarios, months, [&](int done, int total) {
                control.setProgress(done, total);
                return !control.isCancelled();
            });
        });
    });
}

void ScenarioPlannerPage::showReport(const Result<whatif::Report> &r)
{
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    m_progress->setVisible(false);
    if (!r) {
        m_status->clear();
        m_banner->showError(tr("The simulation did not finish"), r.error());
        return;
    }
    if (auto ctx = m_engine.inspect())
        m_status->setText(
            tr("Simulated %n month(s) from %1.", nullptr, r->months).arg((*ctx)->calendar.format(r->from)));
    std::vector<const whatif::RunResult *> runs{&r->baseline};
    for (const auto &s : r->scenarios)
        runs.push_back(&s);
    QStringList headers{tr("Month"), tr("Baseline")};
    for (const auto &s : r->scenarios)
        headers << s.name << tr("%1 − baseline").arg(s.name);
    m_results->clear();
    m_results->setColumnCount(int(headers.size()));
    m_results->setHorizontalHeaderLabels(headers);
    m_results->setRowCount(int(r->baseline.months.size()));
    std::vector<double> keys;
    std::vector<PlotSeries> series(runs.size());
    QStringList events;
    for (size_t i = 0; i < runs.size(); ++i) {
        series[i].name = i == 0 ? tr("Baseline") : runs[i]->name;
        series[i].color = ChartPalette::color(int(i), palette());
    }
    for (int m = 0; m < int(r->baseline.months.size()); ++m) {
        const whatif::MonthResult &base = r->baseline.months[size_t(m)];
        auto put = [&](int column, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            if (column > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_results->setItem(m, column, item);
        };
        put(0, base.month);
        put(1, base.charged.toString());
        for (size_t s = 0; s < r->scenarios.size(); ++s) {
            const Money charged = r->scenarios[s].months[size_t(m)].charged;
            put(int(2 + 2 * s), charged.toString());
            put(int(3 + 2 * s), (charged - base.charged).toString());
        }
        keys.push_back(double(QDate::fromString(base.month + QStringLiteral("-01"), Qt::ISODate)
                                  .startOfDay(Qt::UTC)
                                  .toSecsSinceEpoch()));
        for (size_t i = 0; i < runs.size(); ++i) {
            const whatif::MonthResult &mr = runs[i]->months[size_t(m)];
            series[i].values.push_back(toDouble(mr.charged));
            const QString who = i == 0 ? tr("Baseline") : runs[i]->name;
            for (const auto &e : mr.quotaExhausted)
                events << tr("%1, %2: package %3 used up").arg(who, mr.month).arg(e.packageId);
            for (const auto &l : mr.lapsedQuota)
                events << tr("%1, %2: package %3 lapses %4 calls worth %5")
                              .arg(who, mr.month)
                              .arg(l.packageId)
                              .arg(l.calls)
                              .arg(l.worth.toString());
            for (const auto &b : mr.budgetCrossings)
                events << tr("%1, %2: budget %3 crosses %4 %").arg(who, mr.month, b.budget).arg(b.threshold);
            for (const auto &g : mr.guardFirings)
                events << tr("%1, %2: guard %3 fires").arg(who, mr.month, g.guard);
        }
    }
    for (const auto &s : r->scenarios)
        for (const auto &x : s.refused)
            events << tr("%1: change %2 refused: %3").arg(s.name).arg(x.index + 1).arg(x.message);
    m_results->resizeColumnsToContents();
    m_plot->setSeries(keys, series, TimeSeriesPlot::Style::Points, 30.0 * 86400);
    m_events->setPlainText(events.isEmpty()
                               ? tr("No quota used up or lapsing, no budget crossed, no guard fired.")
                               : events.join(u'\n'));
}

} // namespace billing::ui
