#include "packages/autorenewdialog.h"

#include "engine/engine.h"
#include "engine/packages.h"
#include "packages/sizechoice.h"
#include "widgets/format.h"
#include "widgets/taborder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace billing::ui {

AutoRenewDialog::AutoRenewDialog(Engine &engine, const Package &package, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_id(package.id), m_ownSku(package.sku),
      m_on(new QCheckBox(tr("Renew &automatically before the term ends"), this)), m_days(new QSpinBox(this)),
      m_size(new QComboBox(this)), m_price(new QLabel(this)), m_term(new QLabel(this)),
      m_funds(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("autoRenewDialog"));
    setWindowTitle(tr("Auto-renew package %1").arg(package.id));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);
    auto now = m_engine.run([](Context &ctx) -> Result<std::pair<Instant, int>> {
        return std::pair<Instant, int>{ctx.now, ctx.account.utcOffsetSeconds};
    });
    m_now = now ? now->first : m_engine.clock().now();
    if (now)
        m_offset = now->second;

    m_on->setObjectName(QStringLiteral("autoRenewOn"));
    m_on->setChecked(package.autoRenew);
    m_days->setObjectName(QStringLiteral("autoRenewDays"));
    m_days->setRange(1, 30);
    m_days->setValue(package.renewDays);
    m_days->setSuffix(tr(" days before expiry"));
    m_size->setObjectName(QStringLiteral("autoRenewSize"));
    m_size->setAccessibleName(tr("Size to renew as"));
    fillPackageSizes(m_size, m_engine.catalog(), m_now, package.sku);
    if (package.autoRenew)
        if (const int i = m_size->findData(package.autoRenewSku()); i >= 0)
            m_size->setCurrentIndex(i);
    for (QLabel *l : {m_price, m_term, m_funds}) {
        l->setFont(tabularFont(l->font()));
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
    }
    m_price->setObjectName(QStringLiteral("autoRenewPrice"));
    m_term->setObjectName(QStringLiteral("autoRenewTerm"));
    m_funds->setObjectName(QStringLiteral("autoRenewFunds"));
    QFont big = m_price->font();
    big.setBold(true);
    m_price->setFont(big);

    auto *explain = new QLabel(tr("The first attempt is at 03:00 on that day, then daily until it succeeds "
                                  "or the term has ended. Each attempt renews as the size chosen here, for "
                                  "this and every later term until you change it, and pays from coupons "
                                  "and cash; an attempt that cannot be paid fails without arrears."),
                               this);
    explain->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(m_on);
    form->addRow(tr("&First attempt:"), m_days);
    form->addRow(tr("Renew &as:"), m_size);
    form->addRow(tr("Each attempt pays:"), m_price);
    form->addRow(tr("Next term:"), m_term);
    form->addRow(tr("Today's funds:"), m_funds);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(explain);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    connect(m_on, &QCheckBox::toggled, this, &AutoRenewDialog::updatePreview);
    connect(m_size, &QComboBox::currentIndexChanged, this, &AutoRenewDialog::updatePreview);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updatePreview();
    orderTabsByLayout(this);
}

bool AutoRenewDialog::enabled() const
{
    return m_on->isChecked();
}

int AutoRenewDialog::days() const
{
    return m_days->value();
}

std::optional<QString> AutoRenewDialog::sku() const
{
    const QString chosen = m_size->currentData().toString();
    if (!enabled() || chosen == m_ownSku)
        return std::nullopt;
    return chosen;
}

QString AutoRenewDialog::previewText() const
{
    return QStringList{m_price->text(), m_term->text(), m_funds->text()}.join(QLatin1Char('\n'));
}

void AutoRenewDialog::updatePreview()
{
    showPreview();
    fitToContents(this); // the preview's lines wrap and change length with the choice
}

void AutoRenewDialog::showPreview()
{
    const bool on = enabled();
    m_days->setEnabled(on);
    m_size->setEnabled(on);
    const QString none = tr("\u2014");
    QPalette palette = m_funds->palette();
    palette.setColor(QPalette::WindowText, this->palette().color(QPalette::WindowText));
    m_funds->setPalette(palette);
    if (!on) {
        m_price->setText(none);
        m_term->setText(none);
        m_funds->setText(tr("Auto-renew is off: the package expires at the end of its term."));
        return;
    }
    const QString size = m_size->currentData().toString();
    auto quote = m_engine.run([this, &size](Context &ctx) { return packages::quoteRenew(ctx, m_id, size); });
    const QLocale locale;
    if (!quote) {
        m_price->setText(none);
        m_term->setText(none);
        m_funds->setText(quote.error().message);
        palette.setColor(QPalette::WindowText, negativeMoneyColor(palette));
        m_funds->setPalette(palette);
        return;
    }
    const packages::Quote &q = *quote;
    const Sku *s = m_engine.catalog().sku(m_engine.catalog().priceListAt(m_now), size);
    m_price->setText(s ? tr("%1 for %2 calls (%3), at today's prices")
                             .arg(formatMoney(q.total, 2, locale), locale.toString(s->calls), size)
                       : formatMoney(q.total, 2, locale));
    m_term->setText(
        tr("%1 \u2192 %2")
            .arg(formatDateTime(q.effective, m_offset, locale), formatDateTime(q.expires, m_offset, locale)));
    if (q.refusal) {
        // Not a refusal of the setting: the attempts come later and a top-up before them is enough.
        m_funds->setText(tr("Not enough today: %1").arg(q.refusal->message));
        palette.setColor(QPalette::WindowText, negativeMoneyColor(palette));
        m_funds->setPalette(palette);
    } else {
        m_funds->setText(tr("Covered: %1 from coupons, %2 from cash, balance after %3")
                             .arg(formatMoney(q.fromCoupons, 2, locale), formatMoney(q.fromCash, 2, locale),
                                  formatMoney(q.balanceAfter, 2, locale)));
    }
}

} // namespace billing::ui
