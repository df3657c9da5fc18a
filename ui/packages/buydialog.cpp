#include "packages/buydialog.h"

#include "ui_buydialog.h"

#include "engine/engine.h"
#include "widgets/format.h"
#include "widgets/taborder.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimeZone>

namespace billing::ui {

BuyDialog::BuyDialog(Engine &engine, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_offset(8 * 3600), m_ui(std::make_unique<Ui::BuyDialog>()),
      m_buy(nullptr)
{
    m_ui->setupUi(this);
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
        m_ui->api->addItem(catalogName(a.name), a.id);
    for (const RegionInfo &r : catalog.regions())
        m_ui->region->addItem(catalogName(r.name), r.id);
    const PriceList &list = catalog.priceListAt(nowAt);
    for (const Sku &s : list.skus)
        m_ui->sku->addItem(tr("%1 \u2014 %2 calls").arg(s.id, QLocale().toString(s.calls)), s.id);
    // The edit holds wall-clock time of the billing time zone (kept as UTC so no local zone applies).
    m_ui->effective->setTimeSpec(Qt::UTC);
    const QDateTime local = toDateTime(nowAt, m_offset).addDays(1);
    m_ui->effective->setDateTime(QDateTime(local.date(), QTime(local.time().hour(), 0), QTimeZone::utc()));
    m_ui->effective->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    auto *when = new QButtonGroup(this);
    when->addButton(m_ui->now);
    when->addButton(m_ui->later);

    for (QLabel *l : {m_ui->price, m_ui->fromCoupons, m_ui->fromCash, m_ui->balanceAfter, m_ui->term})
        l->setFont(tabularFont(l->font()));
    QFont big = m_ui->price->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_ui->price->setFont(big);
    QPalette p = m_ui->refusal->palette();
    p.setColor(QPalette::WindowText, negativeMoneyColor(p));
    m_ui->refusal->setPalette(p);
    m_ui->topUpFirst->hide();
    connect(m_ui->topUpFirst, &QPushButton::clicked, this, [this] {
        emit topUpRequested();
        reject();
    });

    m_buy = m_ui->buttons->addButton(tr("&Buy"), QDialogButtonBox::AcceptRole);
    m_buy->setObjectName(QStringLiteral("buyButton"));

    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QComboBox *box : {m_ui->api, m_ui->region, m_ui->sku})
        connect(box, &QComboBox::currentIndexChanged, this, &BuyDialog::updatePreview);
    connect(m_ui->quantity, &QSpinBox::valueChanged, this, &BuyDialog::updatePreview);
    connect(m_ui->renewDays, &QSpinBox::valueChanged, this, &BuyDialog::updatePreview);
    connect(m_ui->later, &QRadioButton::toggled, this, [this](bool later) {
        m_ui->effective->setEnabled(later);
        updatePreview();
    });
    connect(m_ui->autoRenew, &QCheckBox::toggled, this, [this](bool on) {
        m_ui->renewDays->setEnabled(on);
        updatePreview();
    });
    connect(m_ui->effective, &QDateTimeEdit::dateTimeChanged, this, &BuyDialog::updatePreview);
    updatePreview();
    orderTabsByLayout(this);
}

BuyDialog::~BuyDialog() = default;

QComboBox *BuyDialog::apiBox() const
{
    return m_ui->api;
}

QComboBox *BuyDialog::regionBox() const
{
    return m_ui->region;
}

QComboBox *BuyDialog::skuBox() const
{
    return m_ui->sku;
}

QSpinBox *BuyDialog::quantityBox() const
{
    return m_ui->quantity;
}

QPushButton *BuyDialog::topUpButton() const
{
    return m_ui->topUpFirst;
}

void BuyDialog::select(const QString &api, const QString &region, const QString &sku)
{
    if (int i = m_ui->api->findData(api); i >= 0)
        m_ui->api->setCurrentIndex(i);
    if (int i = m_ui->region->findData(region); i >= 0)
        m_ui->region->setCurrentIndex(i);
    if (int i = m_ui->sku->findData(sku); !sku.isEmpty() && i >= 0)
        m_ui->sku->setCurrentIndex(i);
    updatePreview();
}

packages::BuyRequest BuyDialog::request() const
{
    packages::BuyRequest r;
    r.api = m_ui->api->currentData().toString();
    r.region = m_ui->region->currentData().toString();
    r.sku = m_ui->sku->currentData().toString();
    r.quantity = m_ui->quantity->value();
    if (m_ui->later->isChecked())
        r.effective =
            (Instant(m_ui->effective->dateTime().toMSecsSinceEpoch()) - Instant(m_offset) * 1000) * 1000;
    r.autoRenew = m_ui->autoRenew->isChecked();
    r.renewDays = m_ui->renewDays->value();
    return r;
}

QString BuyDialog::refusal() const
{
    return m_ui->refusal->text();
}

QString BuyDialog::previewText() const
{
    return QStringList{m_ui->price->text(), m_ui->fromCoupons->text(), m_ui->fromCash->text(),
                       m_ui->balanceAfter->text(), m_ui->term->text()}
        .join(QLatin1Char('\n'));
}

void BuyDialog::updatePreview()
{
    const packages::BuyRequest req = request();
    auto quote = m_engine.run([&req](Context &ctx) { return packages::quoteBuy(ctx, req); });
    const QLocale locale;
    if (!quote) {
        for (QLabel *l : {m_ui->price, m_ui->fromCoupons, m_ui->fromCash, m_ui->balanceAfter, m_ui->term})
            l->setText(tr("\u2014"));
        m_ui->refusal->setText(quote.error().message);
        m_ui->topUpFirst->hide();
        m_buy->setEnabled(false);
        return;
    }
    const packages::Quote &q = *quote;
    m_ui->price->setText(req.quantity == 1
                             ? formatMoney(q.total, 2, locale)
                             : tr("%1 (%2 \u00d7 %3)")
                                   .arg(formatMoney(q.total, 2, locale), locale.toString(req.quantity),
                                        formatMoney(q.unitPrice, 2, locale)));
    m_ui->fromCoupons->setText(formatMoney(q.fromCoupons, 2, locale));
    m_ui->fromCash->setText(formatMoney(q.fromCash, 2, locale));
    m_ui->balanceAfter->setText(formatMoney(q.balanceAfter, 2, locale));
    m_ui->term->setText(
        tr("%1 \u2192 %2")
            .arg(formatDateTime(q.effective, m_offset, locale), formatDateTime(q.expires, m_offset, locale)));
    m_ui->refusal->setText(q.refusal ? q.refusal->message : QString());
    m_buy->setEnabled(!q.refusal);
    // A purchase refused for money (or while frozen) is fixed by a top-up: offer it right here.
    m_ui->topUpFirst->setVisible(q.refusal.has_value());
    if (q.refusal) {
        m_ui->fromCoupons->setText(tr("\u2014"));
        m_ui->fromCash->setText(tr("\u2014"));
        m_ui->balanceAfter->setText(tr("\u2014"));
    }
}

} // namespace billing::ui
