#include "costcenter/periodpicker.h"

#include "time/billingcalendar.h"
#include "widgets/format.h"
#include "widgets/shrinkingcombo.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>

namespace billing::ui {

namespace {
CivilDate civil(const QDate &d)
{
    return CivilDate{d.year(), d.month(), d.day()};
}
} // namespace

PeriodPicker::PeriodPicker(QWidget *parent)
    : QWidget(parent), m_choice(new QComboBox(this)), m_first(new QDateEdit(this)),
      m_last(new QDateEdit(this)), m_dash(new QLabel(QStringLiteral("\u2013"), this))
{
    m_choice->setObjectName(QStringLiteral("periodChoice"));
    m_choice->addItem(tr("This month"), ThisMonth);
    m_choice->addItem(tr("Last month"), LastMonth);
    m_choice->addItem(tr("Last 12 months"), Last12Months);
    m_choice->addItem(tr("Custom range"), Custom);
    letComboShrink(m_choice);
    m_first->setObjectName(QStringLiteral("periodFirst"));
    m_last->setObjectName(QStringLiteral("periodLast"));
    m_first->setAccessibleName(tr("First day of the period"));
    m_last->setAccessibleName(tr("Last day of the period"));
    for (QDateEdit *e : {m_first, m_last}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
    }
    auto *label = new QLabel(tr("&Period:"), this);
    label->setBuddy(m_choice);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label);
    layout->addWidget(m_choice);
    layout->addWidget(m_first);
    layout->addWidget(m_dash);
    layout->addWidget(m_last);
    update();
    connect(m_choice, &QComboBox::currentIndexChanged, this, [this] {
        update();
        emit changed();
    });
    for (QDateEdit *e : {m_first, m_last})
        connect(e, &QDateEdit::dateChanged, this, [this] {
            if (choice() == Custom)
                emit changed();
        });
}

void PeriodPicker::setContext(int utcOffsetSeconds, Instant now)
{
    const bool first = m_now == 0;
    m_offset = utcOffsetSeconds;
    m_now = now;
    if (first) {
        const QDate today = toDateTime(now, utcOffsetSeconds).date();
        const QSignalBlocker b1(m_first), b2(m_last);
        m_first->setDate(QDate(today.year(), today.month(), 1));
        m_last->setDate(today);
    }
}

void PeriodPicker::setChoice(Choice c)
{
    m_choice->setCurrentIndex(m_choice->findData(c));
}

void PeriodPicker::setCustomRange(const QDate &first, const QDate &last)
{
    {
        const QSignalBlocker b1(m_first), b2(m_last);
        m_first->setDate(first);
        m_last->setDate(last);
    }
    if (choice() == Custom)
        emit changed();
}

PeriodPicker::Choice PeriodPicker::choice() const
{
    return static_cast<Choice>(m_choice->currentData().toInt());
}

QDate PeriodPicker::customFirst() const
{
    return m_first->date();
}

QDate PeriodPicker::customLast() const
{
    return m_last->date();
}

void PeriodPicker::update()
{
    const bool custom = choice() == Custom;
    m_first->setVisible(custom);
    m_last->setVisible(custom);
    m_dash->setVisible(custom);
}

Instant PeriodPicker::from() const
{
    const BillingCalendar cal(m_offset);
    switch (choice()) {
    case ThisMonth:
        return cal.monthStart(m_now);
    case LastMonth:
        return cal.addMonths(cal.monthStart(m_now), -1);
    case Last12Months:
        return cal.addMonths(cal.monthStart(m_now), -11);
    case Custom:
        return cal.startOfDate(civil(m_first->date()));
    }
    return 0;
}

Instant PeriodPicker::to() const
{
    const BillingCalendar cal(m_offset);
    switch (choice()) {
    case ThisMonth:
    case Last12Months:
        return cal.addMonths(cal.monthStart(m_now), 1);
    case LastMonth:
        return cal.monthStart(m_now);
    case Custom:
        return std::max(from() + kMicrosPerDay, cal.startOfDate(civil(m_last->date().addDays(1))));
    }
    return 0;
}

Instant PeriodPicker::previousFrom() const
{
    const BillingCalendar cal(m_offset);
    if (choice() == Custom)
        return from() - (to() - from());
    return cal.addMonths(from(), choice() == Last12Months ? -12 : -1);
}

Instant PeriodPicker::previousTo() const
{
    if (choice() == ThisMonth) // the same part of last month, so the change compares like with like
        return std::min(from(), previousFrom() + (BillingCalendar(m_offset).hourStart(m_now) - from()));
    return from();
}

QString PeriodPicker::label() const
{
    const QDate first = toDateTime(from(), m_offset).date();
    const QDate last = toDateTime(to() - 1, m_offset).date();
    if (choice() == Last12Months)
        return tr("%1 \u2013 %2")
            .arg(QLocale().toString(first, tr("MMM yyyy", "QDate format of a month, short")),
                 QLocale().toString(last, tr("MMM yyyy", "QDate format of a month, short")));
    if (choice() != Custom)
        return QLocale().toString(first, tr("MMMM yyyy", "QDate format of a month"));
    return tr("%1 \u2013 %2")
        .arg(QLocale().toString(first, QLocale::ShortFormat), QLocale().toString(last, QLocale::ShortFormat));
}

} // namespace billing::ui
