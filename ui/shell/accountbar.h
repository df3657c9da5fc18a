#pragma once

#include <QFrame>

class QLabel;

namespace billing {
struct AccountStatus;
}

namespace billing::ui {

// Across the top of the window: account name, balance, a state chip and "as of" the last settled hour,
// so every number on screen has a time.
class AccountBar : public QFrame
{
    Q_OBJECT

public:
    explicit AccountBar(QWidget *parent);

    void setStatus(const AccountStatus &status);
    // Who uses the console and in which role ("olivia · analyst").
    void setIdentity(const QString &user, const QString &role);
    QString identityText() const;
    QString balanceText() const;
    QString stateText() const;
    QString asOfText() const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void paintChip();

    QLabel *m_name;
    QLabel *m_balanceCaption;
    QLabel *m_balance;
    QLabel *m_chip;
    QLabel *m_asOf;
    QLabel *m_who;
    int m_state = 0;
    // The chip's style sheet is set once there is something to show (a style sheet costs a parse and a
    // re-polish: not in the constructor, whose palette change would set it for nothing, performance.md P4).
    bool m_chipPainted = false;
};

} // namespace billing::ui
