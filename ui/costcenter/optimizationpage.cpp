#include "costcenter/optimizationpage.h"

#include "costcenter/recommendationmodel.h"
#include "engine/engine.h"
#include "widgets/errorbanner.h"
#include "widgets/exporter.h"
#include "widgets/figure.h"
#include "widgets/itemroles.h"
#include "widgets/moneydelegate.h"
#include "widgets/totalsfooter.h"
#include "widgets/totalsmodel.h"
#include "widgets/totalstablepane.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace billing::ui {

OptimizationPage::OptimizationPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_model(new RecommendationModel(this)), m_totals(nullptr),
      m_banner(new ErrorBanner(this)),
      m_saving(new Figure(tr("Possible saving a month"), Figure::Size::Large, this)),
      m_reason(new QLabel(this)), m_table(new QTableView(this)), m_footer(new TotalsFooter(m_table, this))
{
    setObjectName(QStringLiteral("optimizationPage"));
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(SortRole);
    m_totals = new TotalsModel(
        proxy, {RecommendationModel::CostNow, RecommendationModel::CostBest, RecommendationModel::Saving},
        {RecommendationModel::MonthlyCalls}, this);
    m_table->setObjectName(QStringLiteral("recommendationTable"));
    m_table->setAccessibleName(tr("Recommendations"));
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(RecommendationModel::Saving, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    auto *money = new MoneyDelegate(this);
    for (int c : {RecommendationModel::CostNow, RecommendationModel::CostBest, RecommendationModel::Saving,
                  RecommendationModel::AfterRunOut})
        m_table->setItemDelegateForColumn(c, money); // per column, so the totals footer follows
    m_footer->setModel(m_totals);
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *openPackages = new QPushButton(tr("Open &Packages for this API\u2026"), this);
    openPackages->setObjectName(QStringLiteral("openPackages"));
    openPackages->setEnabled(false);
    auto *exportButton = new QPushButton(tr("Export &table (CSV)\u2026"), this);
    auto *bar = new QHBoxLayout;
    auto *basis = new QLabel(tr("Based on the billable calls of the last 30 days; monthly costs of a 1-year "
                                "package are its price / 12."),
                             this);
    basis->setWordWrap(true); // wraps on a narrow window instead of widening it
    bar->addWidget(basis, 1);
    bar->addWidget(openPackages);
    bar->addWidget(exportButton);

    auto *tablePane = new TotalsTablePane(m_table, m_footer, this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Optimization")));
    layout->addWidget(m_banner);
    layout->addWidget(m_saving);
    layout->addLayout(bar);
    layout->addWidget(tablePane, 1);
    layout->addWidget(m_reason);

    connect(m_banner, &ErrorBanner::retryRequested, this, &OptimizationPage::refresh);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this, proxy, openPackages](const QModelIndex &current) {
                openPackages->setEnabled(current.isValid());
                if (current.isValid())
                    m_reason->setText(m_model->recommendation(proxy->mapToSource(current).row()).reason);
            });
    auto open = [this] { emit openPageRequested(PageId::Packages); };
    connect(openPackages, &QPushButton::clicked, this, open);
    connect(m_table, &QTableView::doubleClicked, this, open);
    connect(exportButton, &QPushButton::clicked, this, [this, proxy] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export table"), QString(), tr("CSV file (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(*proxy, path, &error))
            m_banner->showError(tr("Could not export the table."), Error::internal(error));
    });
}

void OptimizationPage::refresh()
{
    auto r = m_engine.run([](Context &ctx) -> Result<std::pair<std::vector<Recommendation>, Account>> {
        auto list = recommend(ctx);
        if (!list)
            return list.error();
        return std::pair(std::move(*list), ctx.account);
    });
    if (!r) {
        m_banner->showError(tr("Could not compute the advice."), r.error());
        return;
    }
    m_banner->clear();
    const Account &a = r->second;
    m_model->setRecommendations(std::move(r->first),
                                AccountDisplay{a.currency, a.utcOffsetSeconds, &m_engine.catalog()});
    const Money saving = m_totals->moneyTotal(RecommendationModel::Saving);
    m_saving->setValue(tr("%1 %2").arg(saving.toDisplayString(QLocale(), 2), a.currency));
    int changes = 0;
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->recommendation(row).best != m_model->recommendation(row).current)
            ++changes;
    m_saving->setDetail(
        changes == 0 ? tr("Every API and region is on its cheapest option")
                     : tr("by changing %1 of %2 APIs and regions").arg(changes).arg(m_model->rowCount()));
    m_table->resizeColumnsToContents();
    m_footer->syncWithTable();
}

} // namespace billing::ui
