#pragma once

#include "domain/guard.h"
#include "domain/types.h"

#include <QFrame>

#include <vector>

class QLabel;
class QPushButton;

namespace billing {
class Engine;
}

namespace billing::ui {

class ConfirmDialog;

// Across the main window while a spend guard has fired and the services it disabled are still off:
// what fired and when, and a one-click re-enable that first says what the services cost at the
// current rate (the marginal price of their next 1,000 calls) and asks for confirmation.
class GuardBanner : public QFrame
{
    Q_OBJECT

public:
    GuardBanner(Engine &engine, QWidget *parent);

    void refresh();
    QLabel *text() const { return m_text; }
    QPushButton *reenableButton() const { return m_reenable; }
    ConfirmDialog *openReenable();

signals:
    void servicesReenabled();

private:
    Engine &m_engine;
    QLabel *m_text;
    QPushButton *m_reenable;
    Guard m_guard; // the guard shown: the first fired one with services still off
    std::vector<ServiceState> m_off;
    int m_offset = 0;
};

} // namespace billing::ui
