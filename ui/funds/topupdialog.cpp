#include "funds/topupdialog.h"

#include "ui_topupdialog.h"

#include "engine/engine.h"
#include "engine/funds.h"
#include "engine/fundspreview.h"
#include "widgets/format.h"
#include "widgets/taborder.h"

#include <QPushButton>

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
    : QDialog(parent), m_engine(engine), m_ui(std::make_unique<Ui::TopUpDialog>()), m_topUp(nullptr)
{
    m_ui->setupUi(this);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowModality(Qt::WindowModal);
    QPalette p = m_ui->reason->palette();
    p.setColor(QPalette::WindowText, negativeMoneyColor(p));
    m_ui->reason->setPalette(p);
    for (QWidget *w : std::initializer_list<QWidget *>{m_ui->amount, m_ui->balanceAfter, m_ui->arrearsCleared,
                                                       m_ui->stateAfter})
        w->setFont(tabularFont(w->font()));
    m_topUp = m_ui->buttons->addButton(tr("&Top up"), QDialogButtonBox::AcceptRole);
    m_topUp->setObjectName(QStringLiteral("topUpButton"));
    m_topUp->setDefault(true);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);

    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, [this] {
        if (m_topUp->isEnabled())
            accept();
    });
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->amount, &QLineEdit::textChanged, this, &TopUpDialog::updatePreview);
    updatePreview();
    orderTabsByLayout(this);
}

TopUpDialog::~TopUpDialog() = default;

QLineEdit *TopUpDialog::amountField() const
{
    return m_ui->amount;
}

QString TopUpDialog::reason() const
{
    return m_ui->reason->text();
}

QString TopUpDialog::previewText() const
{
    return QStringList{m_ui->balanceAfter->text(), m_ui->arrearsCleared->text(), m_ui->stateAfter->text()}
        .join(QLatin1Char('\n'));
}

std::optional<Money> TopUpDialog::amount() const
{
    auto parsed = funds::parseUserAmount(m_ui->amount->text().trimmed());
    if (!parsed || !funds::validateAmount(*parsed))
        return std::nullopt;
    return *parsed;
}

void TopUpDialog::updatePreview()
{
    const QString text = m_ui->amount->text().trimmed();
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
    m_ui->reason->setText(reason);
    m_topUp->setEnabled(amount.has_value());
    const QLocale locale;
    if (!loaded || !loaded->preview) {
        const QString clear = loaded && loaded->toClear
                                  ? tr("%1 clears the arrears").arg(formatMoney(*loaded->toClear, 2, locale))
                                  : tr("\u2014");
        m_ui->balanceAfter->setText(tr("\u2014"));
        m_ui->arrearsCleared->setText(clear);
        m_ui->stateAfter->setText(loaded ? accountStateText(loaded->account, locale) : tr("\u2014"));
        return;
    }
    const funds::TopUpPreview &p = *loaded->preview;
    m_ui->balanceAfter->setText(
        tr("%1 %2").arg(formatMoney(p.balanceAfter, 2, locale), loaded->account.currency));
    m_ui->arrearsCleared->setText(p.arrearsCleared.isZero()
                                      ? tr("No arrears")
                                      : (p.arrearsLeft.isZero()
                                             ? tr("%1 (all)").arg(p.arrearsCleared.toDisplayString(locale, 2))
                                             : tr("%1 (%2 still owed)")
                                                   .arg(formatMoney(p.arrearsCleared, 2, locale),
                                                        formatMoney(p.arrearsLeft, 2, locale))));
    Account after = loaded->account;
    after.state = p.stateAfter;
    after.stateUntil = p.stateUntilAfter;
    m_ui->stateAfter->setText(accountStateText(after, locale));
}

} // namespace billing::ui
