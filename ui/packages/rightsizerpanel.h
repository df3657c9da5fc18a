#pragma once

#include "analysis/renewalsizer.h"
#include "widgets/format.h"

#include <QGroupBox>

class QFormLayout;
class QLabel;
class QPushButton;

namespace billing::ui {

// The renewal right-sizer of the selected package (issue #16, billing-rules §10): how its chain's last
// term is likely to end (projected use, the quota that will lapse and what it is worth) and the cheapest
// size, or pay-per-use, for the next term at the usage of the last 90 days, with the yearly difference.
// Its button asks the page to set auto-renew to that size (the page previews the cost first).
class RightSizerPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit RightSizerPanel(QWidget *parent);

    void setSizing(const RightSizing &sizing, const AccountDisplay &display);
    // No figures: nothing selected, or why there are none (an expired chain, say).
    void setMessage(const QString &text);

    QPushButton *renewButton() const { return m_renew; }
    QString figuresText() const; // every row as "label value", for tests and screen readers

signals:
    void renewRequested();

private:
    QLabel *addRow(const QString &label, const char *objectName);

    QFormLayout *m_form;
    QLabel *m_message;
    QLabel *m_term;
    QLabel *m_used;
    QLabel *m_projected;
    QLabel *m_lapsing;
    QLabel *m_nextCalls;
    QLabel *m_current;
    QLabel *m_best;
    QLabel *m_difference;
    QLabel *m_autoRenew;
    QPushButton *m_renew;
};

// The name of a right-sizer option: a SKU as it is, pay-per-use in words.
QString rightSizeOptionName(const QString &option);

} // namespace billing::ui
