#include "costcenter/calculatorpage.h"

#include "analysis/marginalprice.h"
#include "costcenter/quotemodel.h"
#include "costcenter/recommendationmodel.h"
#include "engine/engine.h"
#include "widgets/errorbanner.h"
#include "widgets/format.h"
#include "widgets/marginaltext.h"
#include "widgets/moneydelegate.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace billing::ui {

CalculatorPage::CalculatorPage(Engine &engine, QWidget *parent)
    : Page(parent), m_engine(engine), m_quotes(new QuoteModel(this)), m_tiers(new TierModel(this)),
      m_banner(new ErrorBanner(this)), m_api(new QComboBox(this)), m_region(new QComboBox(this)),
      m_calls(new QLineEdit(QStringLiteral("250000"), this)), m_callsError(new QLabel(this)),
      m_cheapest(new QLabel(this)), m_marginal(new QLabel(this)), m_quoteTable(new QTableView(this)),
      m_tierTable(new QTableView(this))
{
    setObjectName(QStringLiteral("calculatorPage"));
    const AccountDisplay display{QString(), 0, &m_engine.catalog()};
    m_api->setObjectName(QStringLiteral("calculatorApi"));
    for (const ApiInfo &a : m_engine.catalog().apis())
        m_api->addItem(apiName(display, a.id), a.id);
    for (const RegionInfo &r : m_engine.catalog().regions())
        m_region->addItem(regionName(display, r.id), r.id);
    m_calls->setObjectName(QStringLiteral("calculatorCalls"));
    m_callsError->setObjectName(QStringLiteral("callsError"));
    QPalette errorPalette = m_callsError->palette();
    errorPalette.setColor(QPalette::WindowText, negativeMoneyColor(palette()));
    m_callsError->setPalette(errorPalette);
    QFont big = m_cheapest->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_cheapest->setFont(big);
    m_cheapest->setObjectName(QStringLiteral("cheapest"));
    m_marginal->setObjectName(QStringLiteral("marginalPrice"));
    m_marginal->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *money = new MoneyDelegate(this);
    m_quoteTable->setItemDelegateForColumn(QuoteModel::PackagePrice, money);
    m_quoteTable->setItemDelegateForColumn(QuoteModel::MonthlyCost, money);
    m_tierTable->setItemDelegateForColumn(TierModel::PricePer1000, money);
    m_tierTable->setItemDelegateForColumn(TierModel::Amount, money);
    for (QTableView *t : {m_quoteTable, m_tierTable}) {
        t->setAlternatingRowColors(true);
        t->verticalHeader()->hide();
        t->setSelectionBehavior(QAbstractItemView::SelectRows);
    }
    m_quoteTable->setObjectName(QStringLiteral("quoteTable"));
    m_quoteTable->setAccessibleName(tr("Options and their monthly cost"));
    m_quoteTable->setModel(m_quotes);
    m_quoteTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tierTable->setObjectName(QStringLiteral("tierTable"));
    m_tierTable->setAccessibleName(tr("Pay-per-use tiers"));
    m_tierTable->setModel(m_tiers);

    auto *form = new QFormLayout;
    form->addRow(tr("&API:"), m_api);
    form->addRow(tr("&Region:"), m_region);
    auto *callsRow = new QHBoxLayout;
    callsRow->addWidget(m_calls);
    callsRow->addWidget(m_callsError, 1);
    form->addRow(tr("&Calls a month:"), callsRow);
    if (auto *l = qobject_cast<QLabel *>(form->labelForField(callsRow)))
        l->setBuddy(m_calls);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createTitle(tr("Price calculator")));
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_marginal);
    layout->addWidget(m_cheapest);
    layout->addWidget(m_quoteTable, 2);
    layout->addWidget(new QLabel(tr("Pay-per-use part of the selected option, tier by tier:"), this));
    layout->addWidget(m_tierTable, 1);

    connect(m_api, &QComboBox::currentIndexChanged, this, &CalculatorPage::refresh);
    connect(m_region, &QComboBox::currentIndexChanged, this, &CalculatorPage::refresh);
    connect(m_calls, &QLineEdit::textChanged, this, &CalculatorPage::refresh);
    connect(m_banner, &ErrorBanner::retryRequested, this, &CalculatorPage::refresh);
    connect(m_quoteTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showTiers(current.row()); });
}

void CalculatorPage::refresh()
{
    // The marginal price does not depend on the calls typed in: it is shown even while they are invalid.
    const std::optional<Error> marginalError = showMarginal();
    const auto showMarginalError = [&] {
        if (marginalError)
            m_banner->showError(tr("Could not work out what the next 1,000 calls cost."), *marginalError);
    };
    bool ok = false;
    const qint64 calls = QLocale().toLongLong(m_calls->text().trimmed(), &ok);
    if (!ok || calls < 0 || calls > 1'000'000'000'000) {
        m_callsError->setText(tr("Enter a whole number of calls from 0 to 1,000,000,000,000."));
        showMarginalError();
        return;
    }
    m_callsError->clear();
    const QString api = m_api->currentData().toString();
    auto quotes = m_engine.run([&](Context &ctx) -> Result<std::pair<std::vector<Quote>, QString>> {
        auto q = priceCalculator(ctx.catalog, api, calls, ctx.now);
        if (!q)
            return q.error();
        return std::pair(std::move(*q), ctx.account.currency);
    });
    if (!quotes) {
        m_banner->showError(tr("Could not price the calls."), quotes.error());
        return;
    }
    m_banner->clear();
    showMarginalError();
    const Quote *best = nullptr;
    for (const Quote &q : quotes->first)
        if (!best || q.monthlyCost < best->monthlyCost)
            best = &q;
    if (best)
        m_cheapest->setText(tr("Cheapest: %1 at %2 %3 a month")
                                .arg(RecommendationModel::optionName(best->option),
                                     best->monthlyCost.toDisplayString(QLocale(), 2), quotes->second));
    m_quotes->setQuotes(std::move(quotes->first), quotes->second);
    m_quoteTable->selectRow(0);
    showTiers(0);
    m_quoteTable->resizeColumnsToContents();
}

std::optional<Error> CalculatorPage::showMarginal()
{
    const QString api = m_api->currentData().toString();
    const QString region = m_region->currentData().toString();
    auto price = m_engine.run([&](Context &ctx) -> Result<std::pair<MarginalPrice, QString>> {
        auto m = marginalPrices(ctx, {{api, region}});
        if (!m)
            return m.error();
        return std::pair(std::move(m->front()), ctx.account.currency);
    });
    if (!price) {
        m_marginal->clear();
        m_marginal->setToolTip(QString());
        return price.error();
    }
    m_marginal->setText(tr("Your next 1,000 calls of %1 in %2 cost %3 %4 now.")
                            .arg(m_api->currentText(), m_region->currentText(),
                                 formatMoney(price->first.per1000, 8), price->second));
    m_marginal->setToolTip(marginalPriceText(price->first, price->second));
    return std::nullopt;
}

void CalculatorPage::showTiers(int row)
{
    if (row < 0 || row >= m_quotes->rowCount()) {
        m_tiers->setTiers({}, QString());
        return;
    }
    m_tiers->setTiers(m_quotes->quote(row).tiers, m_engine.catalog().currency());
    m_tierTable->resizeColumnsToContents();
}

} // namespace billing::ui
