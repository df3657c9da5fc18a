#include "packages/renewdialog.h"

#include "engine/accountstatus.h"
#include "engine/engine.h"
#include "engine/packages.h"
#include "packages/sizechoice.h"
#include "widgets/format.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>

namespace billing::ui {

namespace {
struct Chain
{
    Instant now = 0;
    int offset = 8 * 3600;
    QString lastSku;
};

// A renewal follows the chain's last term (a term already renewed is extended after its renewal).
Result<Chain> chainOf(Context &ctx, const Package &package)
{
    auto st = accountStatus(ctx);
    if (!st)
        return st.error();
    const Package *last = &package;
    for (const Package &p : st->packages)
        if (p.id == package.id)
            last = packages::lastTerm(st->packages, p);
    return Chain{ctx.now, ctx.account.utcOffsetSeconds, last->sku};
}

AccountDisplay names(Engine &engine)
{
    return AccountDisplay{QString(), 0, &engine.catalog()};
}
} // namespace

RenewDialog::RenewDialog(Engine &engine, const Package &package, QWidget *parent)
    : ConfirmDialog(tr("Renew package %1").arg(package.id),
                    tr("A new one-year term for %1 in %2, paid now. It starts when the current term ends. "
                       "Its size may differ from the current term's; the API and region stay.")
                        .arg(apiName(names(engine), package.api), regionName(names(engine), package.region)),
                    tr("Renew package %1").arg(package.id), parent),
      m_engine(engine), m_id(package.id), m_followedSku(package.sku), m_size(new QComboBox(this))
{
    setObjectName(QStringLiteral("renewDialog"));
    auto chain = m_engine.run([&package](Context &ctx) { return chainOf(ctx, package); });
    m_now = m_engine.clock().now();
    if (chain) {
        m_now = chain->now;
        m_offset = chain->offset;
        m_followedSku = chain->lastSku;
    }
    m_size->setObjectName(QStringLiteral("renewSize"));
    m_size->setAccessibleName(tr("Size of the new term"));
    fillPackageSizes(m_size, m_engine.catalog(), m_now, m_followedSku);
    addField(tr("&Size:"), m_size);
    m_price = addRow(tr("Price:"), QString(), QStringLiteral("price"));
    QFont big = m_price->font();
    big.setBold(true);
    m_price->setFont(big);
    m_quota = addRow(tr("Calls:"), QString(), QStringLiteral("quota"));
    m_fromCoupons = addRow(tr("From coupons:"), QString(), QStringLiteral("fromCoupons"));
    m_fromCash = addRow(tr("From cash:"), QString(), QStringLiteral("fromCash"));
    m_balanceAfter = addRow(tr("Balance after:"), QString(), QStringLiteral("balanceAfter"));
    m_term = addRow(tr("New term:"), QString(), QStringLiteral("term"));
    connect(m_size, &QComboBox::currentIndexChanged, this, &RenewDialog::updatePreview);
    updatePreview();
}

std::optional<QString> RenewDialog::sku() const
{
    const QString chosen = m_size->currentData().toString();
    if (chosen == m_followedSku)
        return std::nullopt;
    return chosen;
}

void RenewDialog::updatePreview()
{
    const std::optional<QString> size = sku();
    const QString shown = size.value_or(m_followedSku);
    auto quote = m_engine.run([this, &size](Context &ctx) { return packages::quoteRenew(ctx, m_id, size); });
    const QLocale locale;
    const QString none = tr("\u2014");
    const Sku *s = m_engine.catalog().sku(m_engine.catalog().priceListAt(m_now), shown);
    m_quota->setText(s ? locale.toString(s->calls) : none);
    if (!quote) {
        for (QLabel *l : {m_price, m_fromCoupons, m_fromCash, m_balanceAfter, m_term})
            l->setText(none);
        setConfirmText(tr("Renew package %1").arg(locale.toString(m_id)));
        setRefusal(quote.error().message);
        fitToContents(this);
        return;
    }
    const packages::Quote &q = *quote;
    const QString price = formatMoney(q.total, 2, locale);
    m_price->setText(price);
    m_term->setText(
        tr("%1 \u2192 %2")
            .arg(formatDateTime(q.effective, m_offset, locale), formatDateTime(q.expires, m_offset, locale)));
    m_fromCoupons->setText(q.refusal ? none : formatMoney(q.fromCoupons, 2, locale));
    m_fromCash->setText(q.refusal ? none : formatMoney(q.fromCash, 2, locale));
    m_balanceAfter->setText(q.refusal ? none : formatMoney(q.balanceAfter, 2, locale));
    setConfirmText(size ? tr("Renew package %1 as %2 for %3").arg(locale.toString(m_id), *size, price)
                        : tr("Renew package %1 for %2").arg(locale.toString(m_id), price));
    setRefusal(q.refusal ? q.refusal->message : QString());
    fitToContents(this); // a refusal or a longer button text needs room the dialog was not opened with
}

} // namespace billing::ui
