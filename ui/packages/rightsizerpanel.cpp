#include "packages/rightsizerpanel.h"

#include "domain/types.h"

#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace billing::ui {

QString rightSizeOptionName(const QString &option)
{
    return option == kModePayPerUse ? RightSizerPanel::tr("pay-per-use") : option;
}

RightSizerPanel::RightSizerPanel(QWidget *parent)
    : QGroupBox(tr("Renewal right-sizer"), parent), m_form(new QFormLayout), m_message(new QLabel(this)),
      m_renew(new QPushButton(tr("Renew next term\u2026"), this))
{
    setObjectName(QStringLiteral("rightSizer"));
    m_message->setObjectName(QStringLiteral("rightSizerMessage"));
    m_message->setWordWrap(true);
    m_term = addRow(tr("Term ends:"), "rightSizerTerm");
    m_used = addRow(tr("Used so far:"), "rightSizerUsed");
    m_projected = addRow(tr("Projected use to the end:"), "rightSizerProjected");
    m_lapsing = addRow(tr("Quota that will lapse:"), "rightSizerLapsing");
    m_nextCalls = addRow(tr("Next term's calls:"), "rightSizerNextCalls");
    m_current = addRow(tr("Renewing at this size:"), "rightSizerCurrent");
    m_best = addRow(tr("Cheapest for the next term:"), "rightSizerBest");
    m_difference = addRow(tr("Yearly difference:"), "rightSizerDifference");
    m_autoRenew = addRow(tr("Auto-renew now:"), "rightSizerAutoRenew");
    m_renew->setObjectName(QStringLiteral("rightSizerRenew"));
    auto *note = new QLabel(tr("Projected from the last 30 days' calls; the next term is sized for the last "
                               "90 days' calls, priced as the price calculator prices them."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(m_form);
    layout->addWidget(m_renew);
    layout->addWidget(note);
    layout->addStretch(1);
    connect(m_renew, &QPushButton::clicked, this, &RightSizerPanel::renewRequested);
    setMessage(tr("Select a package to see how its term is likely to end and the best size for the next."));
}

QLabel *RightSizerPanel::addRow(const QString &label, const char *objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(QLatin1String(objectName));
    value->setFont(tabularFont(value->font()));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    m_form->addRow(label, value);
    return value;
}

void RightSizerPanel::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->show();
    for (int i = 0; i < m_form->rowCount(); ++i)
        m_form->setRowVisible(i, false);
    // Disabled rather than hidden: the role gate alone hides it (shell/rolegate.cpp).
    m_renew->setText(tr("Renew next term\u2026"));
    m_renew->setEnabled(false);
    m_renew->setToolTip(QString());
}

void RightSizerPanel::setSizing(const RightSizing &r, const AccountDisplay &display)
{
    const QLocale locale;
    for (int i = 0; i < m_form->rowCount(); ++i)
        m_form->setRowVisible(i, true);
    m_message->setVisible(r.endsWithin);
    m_message->setText(r.endsWithin ? tr("Package %1's term ends within %2 days.")
                                          .arg(locale.toString(r.packageId))
                                          .arg(kRightSizeDefaultWithin)
                                    : QString());
    m_term->setText(tr("%1 (package %2, %3)")
                        .arg(formatDateTime(r.termEnd, display.utcOffsetSeconds, locale),
                             locale.toString(r.packageId), r.sku));
    m_used->setText(tr("%1 of %2 calls").arg(locale.toString(r.used), locale.toString(r.quota)));
    m_projected->setText(tr("%1 calls").arg(locale.toString(r.projectedUse)));
    m_lapsing->setText(tr("%1 calls, worth %2")
                           .arg(locale.toString(r.lapsingCalls), formatMoney(r.lapsingWorth, 2, locale)));
    m_nextCalls->setText(tr("%1 (%2 a month, from the last %3 days)")
                             .arg(locale.toString(r.nextTermCalls), locale.toString(r.monthlyCalls))
                             .arg(kRightSizeUsageDays));
    m_current->setText(tr("%1 a year as %2").arg(formatMoney(r.currentCost, 2, locale), r.sku));
    m_best->setText(
        tr("%1 at %2 a year").arg(rightSizeOptionName(r.best), formatMoney(r.bestCost, 2, locale)));
    m_difference->setText(formatMoney(r.yearlyDifference, 2, locale));
    m_autoRenew->setText(r.renewSku ? tr("on, renews as %1").arg(*r.renewSku) : tr("off"));
    const bool payPerUse = r.best == kModePayPerUse;
    const bool done = payPerUse ? !r.renewSku : r.renewSku == r.best;
    m_renew->setText(payPerUse ? tr("Next term pay-per-use (auto-renew off)\u2026")
                               : tr("Renew next term as %1\u2026").arg(r.best));
    m_renew->setEnabled(!done);
    m_renew->setToolTip(done ? tr("Auto-renew already does this.") : QString());
}

QString RightSizerPanel::figuresText() const
{
    QStringList out;
    for (int i = 0; i < m_form->rowCount(); ++i) {
        auto *label = qobject_cast<QLabel *>(m_form->itemAt(i, QFormLayout::LabelRole)->widget());
        auto *value = qobject_cast<QLabel *>(m_form->itemAt(i, QFormLayout::FieldRole)->widget());
        if (label && value && m_form->isRowVisible(i))
            out << label->text() + u' ' + value->text();
    }
    return out.join(u'\n');
}

} // namespace billing::ui
