#include "packages/buydialog.h"

#include "engine/engine.h"
#include "widgets/format.h"
#include "widgets/taborder.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimeZone>
#include <QVBoxLayout>

namespace billing::ui {

BuyDialog::BuyDialog(Engine &engine, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_offset(8 * 3600), m_api(new QComboBox(this)),
      m_region(new QComboBox(this)), m_sku(new QComboBox(this)), m_quantity(new QSpinBox(this)),
      m_now(new QRadioButton(tr("&Now"), this)), m_later(new QRadioButton(tr("&Later, at"), this)),
      m_effective(new QDateTimeEdit(this)), m_autoRenew(new QCheckBox(tr("Renew &automatically"), this)),
      m_renewDays(new QSpinBox(this)), m_price(new QLabel(this)), m_fromCoupons(new QLabel(this)),
      m_fromCash(new QLabel(this)), m_balanceAfter(new QLabel(this)), m_term(new QLabel(this)),
      m_refusal(new QLabel(this)), m_buy(nullptr),
      m_topUpButton(new QPushButton(tr("&Top up first\u2026"), this))
{
    setObjectName(QStringLiteral("buyDialog"));
    setWindowTitle(tr("Buy a package"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);

    auto now = m_engine.run([](Context &ctx) -> Result<std::pair<Instant, int>> {
        return std::pair<Instant, int>{ctx.now, ctx.account.utcOffsetSeconds};
    });
    const Instant nowAt = now ? now->first : m_engine.clock().now();
    if (now)
        m_offset = now->second;

    const Catalog &catalog = m_engine.catalog();
    for (const ApiInfo &a : catalog.apis())
        m_api->addItem(catalogName(a.name), a.id);
    for (const RegionInfo &r : catalog.regions())
        m_region->addItem(catalogName(r.name), r.id);
    const PriceList &list = catalog.priceListAt(nowAt);
    for (const Sku &s : list.skus)
        m_sku->addItem(tr("%1 \u2014 %2 calls").arg(s.id, QLocale().toString(s.calls)), s.id);
    m_api->setObjectName(QStringLiteral("api"));
    m_region->setObjectName(QStringLiteral("region"));
    m_sku->setObjectName(QStringLiteral("sku"));
    m_quantity->setObjectName(QStringLiteral("quantity"));
    m_quantity->setRange(1, 100);
    m_now->setChecked(true);
    m_effective->setObjectName(QStringLiteral("effective"));
    // The edit holds wall-clock time of the billing time zone (kept as UTC so no local zone applies).
    m_effective->setTimeSpec(Qt::UTC);
    const QDateTime local = toDateTime(nowAt, m_offset).addDays(1);
    m_effective->setDateTime(QDateTime(local.date(), QTime(local.time().hour(), 0), QTimeZone::utc()));
    m_effective->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    m_effective->setCalendarPopup(true);
    m_effective->setEnabled(false);
    m_effective->setAccessibleName(tr("Effective time"));
    m_renewDays->setRange(1, 30);
    m_renewDays->setValue(7);
    m_renewDays->setSuffix(tr(" days before expiry"));
    m_renewDays->setEnabled(false);
    m_renewDays->setAccessibleName(tr("Days before expiry"));
    auto *when = new QButtonGroup(this);
    when->addButton(m_now);
    when->addButton(m_later);

    auto *form = new QFormLayout;
    form->addRow(tr("A&PI:"), m_api);
    form->addRow(tr("&Region:"), m_region);
    form->addRow(tr("&Size:"), m_sku);
    form->addRow(tr("&Quantity:"), m_quantity);
    auto *whenRow = new QHBoxLayout;
    whenRow->addWidget(m_now);
    whenRow->addWidget(m_later);
    whenRow->addWidget(m_effective, 1);
    form->addRow(tr("Effective:"), whenRow);
    auto *renewRow = new QHBoxLayout;
    renewRow->addWidget(m_autoRenew);
    renewRow->addWidget(m_renewDays, 1);
    form->addRow(tr("Auto-renew:"), renewRow);

    auto *preview = new QGroupBox(tr("What it costs"), this);
    auto *previewForm = new QFormLayout(preview);
    for (QLabel *l : {m_price, m_fromCoupons, m_fromCash, m_balanceAfter, m_term}) {
        l->setFont(tabularFont(l->font()));
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    QFont big = m_price->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_price->setFont(big);
    m_price->setObjectName(QStringLiteral("price"));
    m_balanceAfter->setObjectName(QStringLiteral("balanceAfter"));
    previewForm->addRow(tr("Price:"), m_price);
    previewForm->addRow(tr("From coupons:"), m_fromCoupons);
    previewForm->addRow(tr("From cash:"), m_fromCash);
    previewForm->addRow(tr("Balance after:"), m_balanceAfter);
    previewForm->addRow(tr("Term:"), m_term);
    m_refusal->setObjectName(QStringLiteral("refusal"));
    m_refusal->setWordWrap(true);
    QPalette p = m_refusal->palette();
    p.setColor(QPalette::WindowText, negativeMoneyColor(p));
    m_refusal->setPalette(p);
    previewForm->addRow(m_refusal);
    m_topUpButton->setObjectName(QStringLiteral("topUpFirst"));
    m_topUpButton->hide();
    previewForm->addRow(QString(), m_topUpButton);
    connect(m_topUpButton, &QPushButton::clicked, this, [this] {
        emit topUpRequested();
        reject();
    });

    auto *buttons = new QDialogButtonBox(this);
    m_buy = buttons->addButton(tr("&Buy"), QDialogButtonBox::AcceptRole);
    m_buy->setObjectName(QStringLiteral("buyButton"));
    buttons->addButton(QDialogButtonBox::Cancel);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(preview);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QComboBox *box : {m_api, m_region, m_sku})
        connect(box, &QComboBox::currentIndexChanged, this, &BuyDialog::updatePreview);
    connect(m_quantity, &QSpinBox::valueChanged, this, &BuyDialog::updatePreview);
    connect(m_renewDays, &QSpinBox::valueChanged, this, &BuyDialog::updatePreview);
    connect(m_later, &QRadioButton::toggled, this, [this](bool later) {
        m_effective->setEnabled(later);
        updatePreview();
    });
    connect(m_autoRenew, &QCheckBox::toggled, this, [this](bool on) {
        m_renewDays->setEnabled(on);
        updatePreview();
    });
    connect(m_effective, &QDateTimeEdit::dateTimeChanged, this, &BuyDialog::updatePreview);
    updatePreview();
    orderTabsByLayout(this);
}

void BuyDialog::select(const QString &api, const QString &region, const QString &sku)
{
    if (int i = m_api->findData(api); i >= 0)
        m_api->setCurrentIndex(i);
    if (int i = m_region->findData(region); i >= 0)
        m_region->setCurrentIndex(i);
    if (int i = m_sku->findData(sku); !sku.isEmpty() && i >= 0)
        m_sku->setCurrentIndex(i);
    updatePreview();
}

packages::BuyRequest BuyDialog::request() const
{
    packages::BuyRequest r;
    r.api = m_api->currentData().toString();
    r.region = m_region->currentData().toString();
    r.sku = m_sku->currentData().toString();
    r.quantity = m_quantity->value();
    if (m_later->isChecked())
        r.effective =
            (Instant(m_effective->dateTime().toMSecsSinceEpoch()) - Instant(m_offset) * 1000) * 1000;
    r.autoRenew = m_autoRenew->isChecked();
    r.renewDays = m_renewDays->value();
    return r;
}

QString BuyDialog::refusal() const
{
    return m_refusal->text();
}

QString BuyDialog::previewText() const
{
    return QStringList{m_price->text(), m_fromCoupons->text(), m_fromCash->text(), m_balanceAfter->text(),
                       m_term->text()}
        .join(QLatin1Char('\n'));
}

void BuyDialog::updatePreview()
{
    const packages::BuyRequest req = request();
    auto quote = m_engine.run([&req](Context &ctx) { return packages::quoteBuy(ctx, req); });
    const QLocale locale;
    if (!quote) {
        for (QLabel *l : {m_price, m_fromCoupons, m_fromCash, m_balanceAfter, m_term})
            l->setText(tr("\u2014"));
        m_refusal->setText(quote.error().message);
        m_topUpButton->hide();
        m_buy->setEnabled(false);
        return;
    }
    const packages::Quote &q = *quote;
    m_price->setText(req.quantity == 1
                         ? formatMoney(q.total, 2, locale)
                         : tr("%1 (%2 \u00d7 %3)")
                               .arg(formatMoney(q.total, 2, locale), locale.toString(req.quantity),
                                    formatMoney(q.unitPrice, 2, locale)));
    m_fromCoupons->setText(formatMoney(q.fromCoupons, 2, locale));
    m_fromCash->setText(formatMoney(q.fromCash, 2, locale));
    m_balanceAfter->setText(formatMoney(q.balanceAfter, 2, locale));
    m_term->setText(
        tr("%1 \u2192 %2")
            .arg(formatDateTime(q.effective, m_offset, locale), formatDateTime(q.expires, m_offset, locale)));
    m_refusal->setText(q.refusal ? q.refusal->message : QString());
    m_buy->setEnabled(!q.refusal);
    // A purchase refused for money (or while frozen) is fixed by a top-up: offer it right here.
    m_topUpButton->setVisible(q.refusal.has_value());
    if (q.refusal) {
        m_fromCoupons->setText(tr("\u2014"));
        m_fromCash->setText(tr("\u2014"));
        m_balanceAfter->setText(tr("\u2014"));
    }
}

} // namespace billing::ui
