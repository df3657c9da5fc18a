#include "funds/topupdialog.h"

#include "engine/engine.h"
#include "engine/funds.h"
#include "engine/fundspreview.h"
#include "widgets/format.h"
#include "widgets/taborder.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace billing::ui {

namespace {
struct Preview
{
    Account account;
    std::optional<funds::TopUpPreview> preview;
    std::optional<Money> toClear;
};
} // namespace

TopUpDialog::TopUpDialog(Engine &engine, QWidget *parent)
    : QDialog(parent), m_engine(engine), m_amount(new QLineEdit(this)), m_reason(new QLabel(this)),
      m_balanceAfter(new QLabel(this)), m_arrearsCleared(new QLabel(this)), m_stateAfter(new QLabel(this)),
      m_topUp(nullptr)
{
    setObjectName(QStringLiteral("topUpDialog"));
    setWindowTitle(tr("Top up"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);
    m_amount->setObjectName(QStringLiteral("amount"));
    m_amount->setPlaceholderText(tr("e.g. 100 or 250.50"));
    m_amount->setFont(tabularFont(m_amount->font()));
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setWordWrap(true);
    QPalette p = m_reason->palette();
    p.setColor(QPalette::WindowText, negativeMoneyColor(p));
    m_reason->setPalette(p);
    m_balanceAfter->setObjectName(QStringLiteral("balanceAfter"));
    m_stateAfter->setObjectName(QStringLiteral("stateAfter"));
    for (QLabel *l : {m_balanceAfter, m_arrearsCleared, m_stateAfter})
        l->setFont(tabularFont(l->font()));

    auto *amountRow = new QHBoxLayout;
    amountRow->addWidget(m_amount);
    amountRow->addWidget(m_reason, 1);
    auto *form = new QFormLayout;
    auto *amountLabel = new QLabel(tr("&Amount:"), this);
    amountLabel->setBuddy(m_amount);
    form->addRow(amountLabel, amountRow);
    form->addRow(tr("Balance after:"), m_balanceAfter);
    form->addRow(tr("Arrears repaid:"), m_arrearsCleared);
    form->addRow(tr("State after:"), m_stateAfter);

    auto *buttons = new QDialogButtonBox(this);
    m_topUp = buttons->addButton(tr("&Top up"), QDialogButtonBox::AcceptRole);
    m_topUp->setObjectName(QStringLiteral("topUpButton"));
    m_topUp->setDefault(true);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);

    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_topUp->isEnabled())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_amount, &QLineEdit::textChanged, this, &TopUpDialog::updatePreview);
    updatePreview();
    orderTabsByLayout(this);
}

QString TopUpDialog::reason() const
{
    return m_reason->text();
}

QString TopUpDialog::previewText() const
{
    return QStringList{m_balanceAfter->text(), m_arrearsCleared->text(), m_stateAfter->text()}.join(
        QLatin1Char('\n'));
}

std::optional<Money> TopUpDialog::amount() const
{
    auto parsed = funds::parseUserAmount(m_amount->text().trimmed());
    if (!parsed || !funds::validateAmount(*parsed))
        return std::nullopt;
    return *parsed;
}

void TopUpDialog::updatePreview()
{
    const QString text = m_amount->text().trimmed();
    std::optional<Money> amount;
    QString reason;
    if (!text.isEmpty()) {
        auto parsed = funds::parseUserAmount(text);
        if (!parsed)
            reason = parsed.error().message;
        else if (Status s = funds::validateAmount(*parsed); !s)
            reason = s.error().message;
        else
            amount = *parsed;
    }
    auto loaded = m_engine.run([amount](Context &ctx) -> Result<Preview> {
        Preview p{ctx.account, std::nullopt, funds::amountToClearArrears(ctx.account)};
        if (amount) {
            auto preview = funds::previewTopUp(ctx, *amount);
            if (!preview)
                return preview.error();
            p.preview = *preview;
        }
        return p;
    });
    if (!loaded) {
        reason = loaded.error().message;
        amount.reset();
    }
    m_reason->setText(reason);
    m_topUp->setEnabled(amount.has_value());
    const QLocale locale;
    if (!loaded || !loaded->preview) {
        const QString clear = loaded && loaded->toClear
                                  ? tr("%1 clears the arrears").arg(formatMoney(*loaded->toClear, 2, locale))
                                  : tr("\u2014");
        m_balanceAfter->setText(tr("\u2014"));
        m_arrearsCleared->setText(clear);
        m_stateAfter->setText(loaded ? accountStateText(loaded->account, locale) : tr("\u2014"));
        return;
    }
    const funds::TopUpPreview &p = *loaded->preview;
    m_balanceAfter->setText(
        tr("%1 %2").arg(formatMoney(p.balanceAfter, 2, locale), loaded->account.currency));
    m_arrearsCleared->setText(p.arrearsCleared.isZero()
                                  ? tr("No arrears")
                                  : (p.arrearsLeft.isZero()
                                         ? tr("%1 (all)").arg(p.arrearsCleared.toDisplayString(locale, 2))
                                         : tr("%1 (%2 still owed)")
                                               .arg(formatMoney(p.arrearsCleared, 2, locale),
                                                    formatMoney(p.arrearsLeft, 2, locale))));
    Account after = loaded->account;
    after.state = p.stateAfter;
    after.stateUntil = p.stateUntilAfter;
    m_stateAfter->setText(accountStateText(after, locale));
}

} // namespace billing::ui
