#include "packages/billingmodewizard.h"

#include "analysis/recommendations.h"
#include "engine/accountstatus.h"
#include "engine/engine.h"
#include "engine/packages.h"
#include "packages/modeoptionmodel.h"
#include "widgets/format.h"
#include "widgets/moneydelegate.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QRadioButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QWizardPage>

namespace billing::ui {

namespace {
struct Loaded
{
    QString currency;
    int offset = 8 * 3600;
    QString current = kModePayPerUse;
    qint64 monthlyCalls = 0;
    std::vector<billing::Quote> options;
    std::optional<Package> inForce;
    std::optional<Package> renewing;
    std::optional<Package> pending;
};
} // namespace

BillingModeWizard::BillingModeWizard(Engine &engine, const QString &api, const QString &region,
                                     QWidget *parent)
    : QWizard(parent), m_engine(engine), m_api(new QComboBox(this)), m_region(new QComboBox(this)),
      m_current(new QLabel(this)), m_calls(new QLabel(this)), m_options(new ModeOptionModel(this)),
      m_table(new QTableView(this)), m_advice(new QLabel(this)),
      m_buy(new QRadioButton(tr("&Buy a package of this size:"), this)), m_sku(new QComboBox(this)),
      m_autoRenewOff(new QRadioButton(this)), m_unsubscribe(new QRadioButton(this)),
      m_keep(new QRadioButton(tr("&Keep the mode as it is"), this))
{
    setObjectName(QStringLiteral("billingModeWizard"));
    setWindowTitle(tr("Change billing mode"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);
    setWizardStyle(QWizard::ClassicStyle);
    setMinimumSize(fontMetrics().averageCharWidth() * 100, fontMetrics().height() * 26);

    for (const ApiInfo &a : m_engine.catalog().apis())
        m_api->addItem(catalogName(a.name), a.id);
    for (const RegionInfo &r : m_engine.catalog().regions())
        m_region->addItem(catalogName(r.name), r.id);
    if (int i = m_api->findData(api); i >= 0)
        m_api->setCurrentIndex(i);
    if (int i = m_region->findData(region); i >= 0)
        m_region->setCurrentIndex(i);

    auto *first = new QWizardPage(this);
    first->setTitle(tr("Which service"));
    first->setSubTitle(tr("The billing mode is per API and region: package while a package is in force "
                          "with quota left, otherwise pay-per-use."));
    auto *firstForm = new QFormLayout(first);
    firstForm->addRow(tr("A&PI:"), m_api);
    firstForm->addRow(tr("&Region:"), m_region);
    m_current->setObjectName(QStringLiteral("currentMode"));
    m_current->setWordWrap(true);
    QFont bold = m_current->font();
    bold.setBold(true);
    m_current->setFont(bold);
    firstForm->addRow(tr("Current mode:"), m_current);

    auto *second = new QWizardPage(this);
    second->setTitle(tr("What the last 30 days would cost"));
    second->setSubTitle(tr("The real usage of the last 30 days, priced as one month under each option."));
    m_table->setObjectName(QStringLiteral("modeOptions"));
    m_table->setAccessibleName(tr("Billing mode options"));
    m_table->setModel(m_options);
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setItemDelegateForColumn(ModeOptionModel::MonthlyCost, new MoneyDelegate(this));
    m_table->setItemDelegateForColumn(ModeOptionModel::PackagePrice, new MoneyDelegate(this));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_advice->setWordWrap(true);
    auto *secondLayout = new QVBoxLayout(second);
    secondLayout->addWidget(m_calls);
    secondLayout->addWidget(m_table, 1);
    secondLayout->addWidget(m_advice);

    auto *third = new QWizardPage(this);
    third->setTitle(tr("Switch"));
    third->setSubTitle(tr("Pay-per-use \u2192 package is buying a package; package \u2192 pay-per-use is "
                          "letting it run out or unsubscribing one not yet in force."));
    auto *thirdLayout = new QVBoxLayout(third);
    auto *buyRow = new QHBoxLayout;
    buyRow->addWidget(m_buy);
    buyRow->addWidget(m_sku, 1);
    thirdLayout->addLayout(buyRow);
    thirdLayout->addWidget(m_autoRenewOff);
    thirdLayout->addWidget(m_unsubscribe);
    thirdLayout->addWidget(m_keep);
    thirdLayout->addStretch(1);
    m_keep->setChecked(true);

    addPage(first);
    addPage(second);
    addPage(third);
    setButtonText(QWizard::FinishButton, tr("&Continue"));

    connect(m_api, &QComboBox::currentIndexChanged, this, &BillingModeWizard::reload);
    connect(m_region, &QComboBox::currentIndexChanged, this, &BillingModeWizard::reload);
    connect(m_sku, &QComboBox::currentIndexChanged, this, [this] { m_buy->setChecked(true); });
    connect(this, &QWizard::accepted, this, &BillingModeWizard::finishWith);
    reload();
}

QString BillingModeWizard::api() const
{
    return m_api->currentData().toString();
}

QString BillingModeWizard::region() const
{
    return m_region->currentData().toString();
}

QString BillingModeWizard::currentModeText() const
{
    return m_current->text();
}

QString BillingModeWizard::monthlyCallsText() const
{
    return m_calls->text();
}

void BillingModeWizard::choose(const QString &choice)
{
    if (choice == QLatin1String("buy"))
        m_buy->setChecked(true);
    else if (choice == QLatin1String("auto-renew-off") && m_autoRenewOff->isEnabled())
        m_autoRenewOff->setChecked(true);
    else if (choice == QLatin1String("unsubscribe") && m_unsubscribe->isEnabled())
        m_unsubscribe->setChecked(true);
    else
        m_keep->setChecked(true);
}

void BillingModeWizard::reload()
{
    const QString a = api();
    const QString r = region();
    auto loaded = m_engine.run([&](Context &ctx) -> Result<Loaded> {
        Loaded l;
        l.currency = ctx.account.currency;
        l.offset = ctx.account.utcOffsetSeconds;
        auto recs = recommend(ctx);
        if (!recs)
            return recs.error();
        for (const Recommendation &rec : *recs)
            if (rec.api == a && rec.region == r)
                l.monthlyCalls = rec.monthlyCalls;
        auto quotes = priceCalculator(ctx.catalog, a, l.monthlyCalls, ctx.now);
        if (!quotes)
            return quotes.error();
        l.options = std::move(*quotes);
        auto all = ctx.subscriptions.packages();
        if (!all)
            return all.error();
        for (const Package &p : *all) {
            if (p.api != a || p.region != r)
                continue;
            const Package::Status s = p.statusAt(ctx.now);
            if (s == Package::Status::Active && !l.inForce) {
                l.inForce = p;
                l.current = p.sku;
            }
            const bool last = packages::isLastTerm(*all, p);
            if (last && p.autoRenew &&
                (s == Package::Status::Active || s == Package::Status::Pending ||
                 s == Package::Status::UsedUp))
                l.renewing = p;
            if (last && s == Package::Status::Pending)
                l.pending = p;
        }
        return l;
    });
    if (!loaded) {
        m_current->setText(loaded.error().message);
        return;
    }
    const QLocale locale;
    m_current->setText(loaded->inForce
                           ? tr("Package: %1 (package %2, %3 of %4 calls left, until %5)")
                                 .arg(loaded->inForce->sku, locale.toString(loaded->inForce->id),
                                      locale.toString(loaded->inForce->remaining),
                                      locale.toString(loaded->inForce->quota),
                                      formatDateTime(loaded->inForce->lastSecond(), loaded->offset))
                           : tr("Pay-per-use"));
    m_calls->setText(tr("Billable calls in the last 30 days: %1").arg(locale.toString(loaded->monthlyCalls)));
    m_options->setOptions(loaded->options, loaded->current, loaded->currency);
    const int best = m_options->cheapestRow();
    m_advice->setText(
        best < 0 ? QString()
                 : tr("Cheapest at this volume: %1, %2 %3 a month.")
                       .arg(m_options->data(m_options->index(best, ModeOptionModel::Option)).toString(),
                            formatMoney(m_options->option(best).monthlyCost), loaded->currency));

    m_sku->clear();
    for (const billing::Quote &q : loaded->options)
        if (q.option != kModePayPerUse)
            m_sku->addItem(
                tr("%1 \u2014 %2 a month at this volume").arg(q.option, formatMoney(q.monthlyCost)),
                q.option);
    if (best >= 0 && m_options->option(best).option != kModePayPerUse)
        m_sku->setCurrentIndex(m_sku->findData(m_options->option(best).option));
    m_renewing = loaded->renewing;
    m_pending = loaded->pending;
    m_autoRenewOff->setText(
        m_renewing
            ? tr("Let package %1 &run out: switch its auto-renew off").arg(locale.toString(m_renewing->id))
            : tr("Let the package &run out (no package renews automatically)"));
    m_autoRenewOff->setEnabled(m_renewing.has_value());
    m_unsubscribe->setText(m_pending ? tr("&Unsubscribe package %1, not yet in force (full refund)")
                                           .arg(locale.toString(m_pending->id))
                                     : tr("&Unsubscribe a package not yet in force (there is none)"));
    m_unsubscribe->setEnabled(m_pending.has_value());
    m_keep->setChecked(true);
}

void BillingModeWizard::finishWith()
{
    if (m_buy->isChecked() && m_sku->currentIndex() >= 0) {
        emit buyRequested(api(), region(), m_sku->currentData().toString());
    } else if (m_autoRenewOff->isChecked() && m_renewing) {
        const qint64 id = m_renewing->id;
        auto r =
            m_engine.run([id](Context &ctx) { return packages::setAutoRenew(ctx, id, false, std::nullopt); });
        if (r)
            emit changed();
        else
            QMessageBox::warning(parentWidget(), tr("Auto-renew was not changed"), r.error().message);
    } else if (m_unsubscribe->isChecked() && m_pending) {
        emit unsubscribeRequested(m_pending->id);
    }
}

} // namespace billing::ui
