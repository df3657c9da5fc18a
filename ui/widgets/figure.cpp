#include "widgets/figure.h"

#include "widgets/format.h"

#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QStyleOptionFrame>
#include <QStylePainter>
#include <QVBoxLayout>

namespace billing::ui {

Figure::Figure(const QString &caption, Size size, QWidget *parent)
    : QWidget(parent), m_caption(new QLabel(caption, this)), m_value(new QLabel(this)),
      m_detail(new QLabel(this))
{
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    QFont valueFont = tabularFont(m_value->font());
    valueFont.setPointSizeF(valueFont.pointSizeF() * (size == Size::Large ? 2.4 : 1.5));
    valueFont.setBold(true);
    m_value->setFont(valueFont);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->hide();
    for (QLabel *label : {m_caption, m_value, m_detail})
        label->setAttribute(Qt::WA_TransparentForMouseEvents);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
    layout->addWidget(m_detail);
    layout->addStretch(1);
}

void Figure::setValue(const QString &value)
{
    m_value->setText(value);
    updateAccessibleText();
}

void Figure::setDetail(const QString &detail)
{
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
    updateAccessibleText();
}

void Figure::updateAccessibleText()
{
    // A screen reader reads the caption as the name and the number (with its detail) as the description;
    // a FigureButton, which takes the focus, speaks for its figure.
    QWidget *speaker = qobject_cast<FigureButton *>(parentWidget()) ? parentWidget() : this;
    speaker->setAccessibleName(m_caption->text());
    speaker->setAccessibleDescription(m_detail->text().isEmpty()
                                          ? m_value->text()
                                          : m_value->text() + QStringLiteral("; ") + m_detail->text());
}

void Figure::setNegative(bool negative)
{
    QPalette p = m_value->palette();
    p.setColor(QPalette::WindowText,
               negative ? negativeMoneyColor(palette()) : palette().color(QPalette::WindowText));
    m_value->setPalette(p);
}

QString Figure::value() const
{
    return m_value->text();
}

FigureButton::FigureButton(const QString &caption, Figure::Size size, QWidget *parent)
    : QWidget(parent), m_figure(new Figure(caption, size, this))
{
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(caption);
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_Hover);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_figure);
}

void FigureButton::click()
{
    emit clicked();
}

void FigureButton::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint()))
        emit clicked();
    QWidget::mouseReleaseEvent(event);
}

void FigureButton::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space || event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
        emit clicked();
    else
        QWidget::keyPressEvent(event);
}

void FigureButton::paintEvent(QPaintEvent *)
{
    // A panel like a flat button's: the style draws it, with the hover and focus states it knows.
    QStylePainter painter(this);
    QStyleOptionFrame frame;
    frame.initFrom(this);
    frame.lineWidth = style()->pixelMetric(QStyle::PM_DefaultFrameWidth, &frame, this);
    frame.midLineWidth = 0;
    frame.state |= QStyle::State_Sunken;
    if (m_hover)
        painter.fillRect(rect(), palette().color(QPalette::Midlight));
    else
        painter.fillRect(rect(), palette().color(QPalette::Base));
    painter.drawPrimitive(QStyle::PE_Frame, frame);
    if (hasFocus()) {
        QStyleOptionFocusRect focus;
        focus.initFrom(this);
        focus.rect = rect().adjusted(2, 2, -2, -2);
        painter.drawPrimitive(QStyle::PE_FrameFocusRect, focus);
    }
}

void FigureButton::enterEvent(QEnterEvent *event)
{
    m_hover = true;
    update();
    QWidget::enterEvent(event);
}

void FigureButton::leaveEvent(QEvent *event)
{
    m_hover = false;
    update();
    QWidget::leaveEvent(event);
}

} // namespace billing::ui
