#include "costcenter/allocationpage.h"

#include "analysis/allocation.h"
#include "analysis/analysissettings.h"
#include "analysis/costseries.h"
#include "costcenter/compositionmodel.h"
#include "costcenter/periodpicker.h"
#include "costcenter/projectcostmodel.h"
#include "costcenter/undocommands.h"
#include "engine/engine.h"
#include "widgets/errorbanner.h"
#include "widgets/figure.h"
#include "widgets/moneydelegate.h"
#include "widgets/totalsfooter.h"
#include "widgets/totalsmodel.h"
#include "widgets/totalstablepane.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
struct Loaded
{
    std::vector<ProjectCost> costs;
    std::map<QString, QStringList> tags;
    Composition byTag;
    Account account;
};
} // namespace

qint64 AllocationPage::parseBasisPoints(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{1,3})(?:[.,]([0-9]{1,2}))?$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return -1;
    const qint64 v = m.captured(1).toLongLong() * 100 + m.captured(2).leftJustified(2, u'0').toLongLong();
    return v > 10000 ? -1 : v;
}

AllocationPage::AllocationPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_undo(new QUndoStack(this)), m_projects(new ProjectCostModel(this)),
      m_byTag(new CompositionModel(this)),
      m_totals(new TotalsModel(m_projects,
                               {ProjectCostModel::Direct, ProjectCostModel::Shared, ProjectCostModel::Total},
                               {ProjectCostModel::Calls}, this)),
      m_tagTotals(nullptr), m_banner(new ErrorBanner(this)), m_period(new PeriodPicker(this)),
      m_rule(new QComboBox(this)), m_percents(new QTableWidget(this)), m_percentError(new QLabel(this)),
      m_total(new Figure(tr("Cost of the period"), Figure::Size::Large, this)),
      m_shared(new Figure(tr("Shared costs split"), Figure::Size::Medium, this)), m_split(new QLabel(this)),
      m_table(new QTableView(this)), m_footer(new TotalsFooter(m_table, this)),
      m_tagTable(new QTableView(this)), m_tagFooter(new TotalsFooter(m_tagTable, this))
{
    setObjectName(QStringLiteral("allocationPage"));
    m_tagTotals = new TotalsModel(m_byTag, {CompositionModel::Cost}, {CompositionModel::Calls}, this);
    m_rule->setObjectName(QStringLiteral("allocationRule"));
    m_rule->addItem(tr("Proportional to covered calls"), int(AllocationRule::Proportional));
    m_rule->addItem(tr("Evenly over the projects"), int(AllocationRule::Even));
    m_rule->addItem(tr("Fixed percentages"), int(AllocationRule::Fixed));
    m_percents->setObjectName(QStringLiteral("percentTable"));
    m_percents->setAccessibleName(tr("Fixed shares by project"));
    m_percents->setColumnCount(2);
    m_percents->setHorizontalHeaderLabels({tr("Enterprise project"), tr("Share (%)")});
    m_percents->verticalHeader()->hide();
    m_percents->horizontalHeader()->setStretchLastSection(true);
    m_percents->setMaximumHeight(fontMetrics().height() * 9);
    m_percents->hide();
    m_percentError->setObjectName(QStringLiteral("percentError"));
    m_percentError->setWordWrap(true);
    m_split->setObjectName(QStringLiteral("sharedSplit"));
    m_split->setWordWrap(true);
    m_split->setTextInteractionFlags(Qt::TextSelectableByMouse);

    for (int c : {ProjectCostModel::Direct, ProjectCostModel::Shared, ProjectCostModel::Total})
        m_table->setItemDelegateForColumn(c, new MoneyDelegate(this)); // per column: the footer follows
    m_tagTable->setItemDelegateForColumn(CompositionModel::Cost, new MoneyDelegate(this));
    for (QTableView *t : {m_table, m_tagTable}) {
        t->setItemDelegate(
            new MoneyDelegate(this)); // one delegate per view: editors report to their own view
        t->setAlternatingRowColors(true);
        t->verticalHeader()->hide();
        t->setSelectionBehavior(QAbstractItemView::SelectItems);
    }
    m_table->setObjectName(QStringLiteral("projectTable"));
    m_table->setAccessibleName(tr("Cost by enterprise project"));
    m_table->setAccessibleDescription(tr("F2 edits the cost tags of the selected project."));
    m_table->setModel(m_projects);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed);
    m_footer->setModel(m_totals);
    m_tagTable->setObjectName(QStringLiteral("tagTable"));
    m_tagTable->setAccessibleName(tr("Cost by cost tag"));
    m_tagTable->setModel(m_byTag);
    for (int c : {CompositionModel::UnitCost, CompositionModel::Share, CompositionModel::Previous,
                  CompositionModel::Change, CompositionModel::ChartCost, CompositionModel::ChartPrevious})
        m_tagTable->setColumnHidden(c, true);
    m_tagFooter->setModel(m_tagTotals);

    addUndoActions(m_undo, this);

    auto *ruleLabel = new QLabel(tr("Split &shared costs:"), this);
    ruleLabel->setBuddy(m_rule);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_period);
    bar->addSpacing(fontMetrics().averageCharWidth() * 2);
    bar->addWidget(ruleLabel);
    bar->addWidget(m_rule);
    bar->addStretch(1);
    auto *figures = new QHBoxLayout;
    figures->addWidget(m_total);
    figures->addSpacing(fontMetrics().averageCharWidth() * 6);
    figures->addWidget(m_shared);
    figures->addStretch(1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(new TotalsTablePane(m_table, m_footer, this,
                                         tr("By enterprise project (double-click the tags to edit them)")));
    split->addWidget(new TotalsTablePane(m_tagTable, m_tagFooter, this,
                                         tr("By cost tag (a project with several tags counts in each)")));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Cost allocation")));
    layout->addWidget(m_banner);
    layout->addLayout(bar);
    layout->addWidget(m_percents);
    layout->addWidget(m_percentError);
    layout->addLayout(figures);
    layout->addWidget(m_split);
    layout->addWidget(split, 1);

    connect(m_banner, &ErrorBanner::retryRequested, this, &AllocationPage::refresh);
    connect(m_period, &PeriodPicker::changed, this, &AllocationPage::refresh);
    connect(m_rule, &QComboBox::currentIndexChanged, this, [this] {
        m_percents->setVisible(m_rule->currentData().toInt() == int(AllocationRule::Fixed));
        fillPercentTable();
        refresh();
    });
    connect(m_percents, &QTableWidget::itemChanged, this, [this] { refresh(); });
    connect(m_projects, &ProjectCostModel::tagsEdited, this,
            [this](const QString &project, const QStringList &before, const QStringList &after) {
                m_undo->push(new SetTagsCommand(m_engine, project, before, after, [this](const Error &e) {
                    m_banner->showError(tr("Could not store the tags."), e);
                }));
            });
    connect(m_undo, &QUndoStack::indexChanged, this,
            [this] { QMetaObject::invokeMethod(this, &AllocationPage::refresh, Qt::QueuedConnection); });
}

void AllocationPage::fillPercentTable()
{
    const QSignalBlocker blocker(m_percents);
    m_percents->setRowCount(int(m_knownProjects.size()));
    const qint64 even = m_knownProjects.isEmpty() ? 0 : 10000 / m_knownProjects.size();
    for (int i = 0; i < m_knownProjects.size(); ++i) {
        auto *name = new QTableWidgetItem(m_knownProjects[i]);
        name->setFlags(Qt::ItemIsEnabled);
        m_percents->setItem(i, 0, name);
        if (!m_percents->item(i, 1)) {
            const qint64 bp = i == 0 ? 10000 - even * (m_knownProjects.size() - 1) : even;
            m_percents->setItem(i, 1,
                                new QTableWidgetItem(QStringLiteral("%1.%2").arg(bp / 100).arg(
                                    bp % 100, 2, 10, QLatin1Char('0'))));
        }
    }
}

bool AllocationPage::readPercents(QHash<QString, qint64> &out)
{
    qint64 sum = 0;
    for (int i = 0; i < m_percents->rowCount(); ++i) {
        const QString text = m_percents->item(i, 1) ? m_percents->item(i, 1)->text() : QString();
        const qint64 bp = parseBasisPoints(text);
        if (bp < 0) {
            m_percentError->setText(
                tr("\u201c%1\u201d is not a percentage for %2: use 0 to 100 with up to 2 decimals.")
                    .arg(text, m_percents->item(i, 0)->text()));
            return false;
        }
        out.insert(m_percents->item(i, 0)->text(), bp);
        sum += bp;
    }
    if (sum != 10000) {
        m_percentError->setText(tr("The percentages add up to %1 %; they must add up to exactly 100 %.")
                                    .arg(QLocale().toString(double(sum) / 100.0, 'f', 2)));
        return false;
    }
    m_percentError->clear();
    return true;
}

void AllocationPage::refresh()
{
    m_period->setContext(m_utcOffset, m_engine.clock().now());
    const auto rule = static_cast<AllocationRule>(m_rule->currentData().toInt());
    QHash<QString, qint64> fixed;
    if (rule == AllocationRule::Fixed && !readPercents(fixed))
        return; // the reason is shown beside the percentages; the last valid split stays
    if (rule != AllocationRule::Fixed)
        m_percentError->clear();
    const Instant from = m_period->from(), to = m_period->to();
    auto loaded = m_engine.run([&](Context &ctx) -> Result<Loaded> {
        Loaded l;
        auto costs = allocateCosts(ctx, from, to, rule, fixed);
        if (!costs)
            return costs.error();
        l.costs = std::move(*costs);
        auto tags = projectTags(ctx);
        if (!tags)
            return tags.error();
        l.tags = std::move(*tags);
        const CostQuery q = rangeQuery(from, to);
        auto byTag = costComposition(ctx, q, QStringLiteral("tag"), 0, 0);
        if (!byTag)
            return byTag.error();
        l.byTag = std::move(*byTag);
        l.account = ctx.account;
        return l;
    });
    if (!loaded) {
        m_banner->showError(tr("Could not allocate the cost."), loaded.error());
        return;
    }
    m_banner->clear();
    m_utcOffset = loaded->account.utcOffsetSeconds;
    const QString currency = loaded->account.currency;
    QStringList projects;
    QStringList parts;
    Money shared;
    for (const ProjectCost &c : loaded->costs) {
        if (c.project != kProjectShared)
            projects << c.project;
        if (!c.shared.isZero()) {
            shared += c.shared;
            parts << tr("%1 (%2)").arg(c.shared.toDisplayString(QLocale(), 2), c.project);
        }
    }
    if (projects != m_knownProjects) {
        m_knownProjects = projects;
        fillPercentTable();
    }
    m_projects->setCosts(std::move(loaded->costs), std::move(loaded->tags), currency);
    m_byTag->setComposition(std::move(loaded->byTag),
                            AccountDisplay{currency, m_utcOffset, &m_engine.catalog()});
    m_total->setValue(tr("%1 %2").arg(
        m_totals->moneyTotal(ProjectCostModel::Total).toDisplayString(QLocale(), 2), currency));
    m_total->setDetail(m_period->label());
    m_shared->setValue(shared.toDisplayString(QLocale(), 2));
    m_shared->setDetail(m_rule->currentText());
    m_split->setText(parts.isEmpty()
                         ? tr("No package purchases in this period: nothing shared to split.")
                         : tr("Package purchases %1 = %2")
                               .arg(shared.toDisplayString(QLocale(), 2), parts.join(QStringLiteral(" + "))));
    for (QTableView *t : {m_table, m_tagTable})
        t->resizeColumnsToContents();
    m_footer->syncWithTable();
    m_tagFooter->syncWithTable();
}

} // namespace billing::ui
