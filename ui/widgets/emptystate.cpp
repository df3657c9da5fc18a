#include "widgets/emptystate.h"

#include <QLabel>
#include <QVBoxLayout>

namespace billing::ui {

EmptyState::EmptyState(const QString &title, const QString &hint, QWidget *parent)
    : QWidget(parent), m_title(new QLabel(title, this)), m_hint(new QLabel(hint, this))
{
    setObjectName(QStringLiteral("emptyState"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_title);
    layout->addWidget(m_hint);
    layout->addStretch(2);
}

void EmptyState::setHint(const QString &hint)
{
    m_hint->setText(hint);
}

QString EmptyState::text() const
{
    return m_title->text() + QLatin1Char('\n') + m_hint->text();
}

} // namespace billing::ui
