#pragma once

#include "time/instant.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;

namespace billing::ui {

// Picks the period a Cost Center page looks at: this month, last month or a custom range of days (the
// end day included), in the account's billing time zone, plus the period just before it of the same
// length (for "what changed").
class PeriodPicker : public QWidget
{
    Q_OBJECT

public:
    enum Choice { ThisMonth, LastMonth, Last12Months, Custom };

    explicit PeriodPicker(QWidget *parent);

    // The account's time zone and the clock's now (this month / last month follow it).
    void setContext(int utcOffsetSeconds, Instant now);
    void setChoice(Choice choice);
    void setCustomRange(const QDate &first, const QDate &last);
    Choice choice() const;
    QDate customFirst() const;
    QDate customLast() const;
    Instant from() const; // inclusive
    Instant to() const;   // exclusive
    Instant previousFrom() const;
    Instant previousTo() const;
    QString label() const; // "November 2026", "1 Nov 2026 – 15 Nov 2026"
    QComboBox *combo() const { return m_choice; }

signals:
    void changed();

private:
    void update();

    QComboBox *m_choice;
    QDateEdit *m_first;
    QDateEdit *m_last;
    QLabel *m_dash;
    int m_offset = 8 * 3600;
    Instant m_now = 0;
};

} // namespace billing::ui
