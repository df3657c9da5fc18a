#include "shell/accountbar.h"

#include "engine/accountstatus.h"
#include "widgets/format.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

namespace billing::ui {

AccountBar::AccountBar(QWidget *parent)
    : QFrame(parent), m_name(new QLabel(this)), m_balanceCaption(new QLabel(tr("Balance"), this)),
      m_balance(new QLabel(this)), m_chip(new QLabel(this)), m_asOf(new QLabel(this)), m_who(new QLabel(this))
{
    setObjectName(QStringLiteral("accountBar"));
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    m_name->setObjectName(QStringLiteral("accountName"));
    m_balance->setObjectName(QStringLiteral("accountBalance"));
    m_chip->setObjectName(QStringLiteral("accountState"));
    m_asOf->setObjectName(QStringLiteral("accountAsOf"));
    m_who->setObjectName(QStringLiteral("accountUser"));

    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.25);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    QFont balanceFont = tabularFont(m_balance->font());
    balanceFont.setPointSizeF(balanceFont.pointSizeF() * 1.25);
    balanceFont.setBold(true);
    m_balance->setFont(balanceFont);
    m_balance->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_balanceCaption->setForegroundRole(QPalette::PlaceholderText);
    m_asOf->setForegroundRole(QPalette::PlaceholderText);
    m_chip->setAlignment(Qt::AlignCenter);
    const int pad = fontMetrics().averageCharWidth();

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_name);
    layout->addSpacing(pad * 4);
    layout->addWidget(m_balanceCaption);
    layout->addWidget(m_balance);
    layout->addSpacing(pad * 2);
    layout->addWidget(m_chip);
    layout->addStretch(1);
    layout->addWidget(m_asOf);
    layout->addSpacing(pad * 2);
    layout->addWidget(m_who);
}

void AccountBar::setIdentity(const QString &user, const QString &role)
{
    m_who->setText(tr("%1 · %2").arg(user, role));
    m_who->setToolTip(
        tr("You act as %1 in the role %2; actions your role may not take are not shown.").arg(user, role));
}

QString AccountBar::identityText() const
{
    return m_who->text();
}

void AccountBar::setStatus(const AccountStatus &status)
{
    const Account &a = status.account;
    const QLocale locale;
    m_name->setText(a.name);
    m_balance->setText(tr("%1 %2").arg(a.balance.toDisplayString(locale), a.currency));
    QPalette balancePalette = palette();
    if (a.balance.isNegative())
        balancePalette.setColor(QPalette::WindowText, negativeMoneyColor(palette()));
    m_balance->setPalette(balancePalette);
    m_balance->setToolTip(a.arrears().isZero()
                              ? QString()
                              : tr("Arrears: %1 %2").arg(a.arrears().toDisplayString(locale), a.currency));
    m_chip->setText(accountStateText(a, locale));
    m_state = int(a.state);
    paintChip();
    m_asOf->setText(tr("as of %1").arg(formatDateTimeLong(status.asOf, a.utcOffsetSeconds, locale)));
    m_asOf->setToolTip(tr("Every amount includes everything settled up to the end of the last full hour."));
}

void AccountBar::paintChip()
{
    // The one place with a colour of its own: the state accent, picked for a light or a dark palette.
    m_chipPainted = true;
    const ChipColors colors = stateChipColors(static_cast<AccountState>(m_state), palette());
    m_chip->setStyleSheet(QStringLiteral("QLabel { background-color: %1; color: %2; border: 1px solid %2; "
                                         "border-radius: 0.6em; padding: 0.1em 0.8em; font-weight: bold; }")
                              .arg(colors.background.name(), colors.text.name()));
}

void AccountBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange && m_chipPainted)
        paintChip();
    QFrame::changeEvent(event);
}

void AccountBar::showEvent(QShowEvent *event)
{
    if (!m_chipPainted) // shown before any status (its read failed): the chip as before, empty
        paintChip();
    QFrame::showEvent(event);
}

QString AccountBar::balanceText() const
{
    return m_balance->text();
}

QString AccountBar::stateText() const
{
    return m_chip->text();
}

QString AccountBar::asOfText() const
{
    return m_asOf->text();
}

} // namespace billing::ui
