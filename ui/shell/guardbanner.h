#pragma once

#include "domain/guard.h"
#include "domain/types.h"

#include <QFrame>

#include <vector>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace billing {
class Engine;
}

namespace billing::ui {

class ConfirmDialog;

// Across the main window while spend guards have fired and the services they disabled are still off: one
// line per such guard (what fired, when, what it disabled) with its own re-enable, which first says what
// the services cost at the current rate (the marginal price of their next 1,000 calls) and asks for
// confirmation. Guards in id order (the order they are checked in).
class GuardBanner : public QFrame
{
    Q_OBJECT

public:
    GuardBanner(Engine &engine, QWidget *parent);

    void refresh();
    int guardCount() const { return int(m_entries.size()); }
    QString guardName(int i) const { return m_entries.at(size_t(i)).guard.name; }
    QLabel *text(int i = 0) const { return m_entries.at(size_t(i)).text; }
    QPushButton *reenableButton(int i = 0) const { return m_entries.at(size_t(i)).button; }
    ConfirmDialog *openReenable(int i = 0);

signals:
    void servicesReenabled();

private:
    struct Entry
    {
        Guard guard;
        std::vector<ServiceState> off;
        QWidget *row = nullptr;
        QLabel *text = nullptr;
        QPushButton *button = nullptr;
    };
    void clearRows();

    Engine &m_engine;
    QVBoxLayout *m_rows;
    std::vector<Entry> m_entries;
    int m_offset = 0;
};

} // namespace billing::ui
