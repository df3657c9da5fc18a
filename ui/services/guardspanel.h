#pragma once

#include "domain/guard.h"

#include <QWidget>

#include <vector>

class QPushButton;
class QTableWidget;

namespace billing {
class Engine;
}

namespace billing::ui {

class ConfirmDialog;
class ErrorBanner;
class GuardDialog;

// The Services page's spend guards (billing-rules §13): each guard with its scope, trigger and state,
// a New guard dialog with a preview of its dry run, and removal.
class GuardsPanel : public QWidget
{
    Q_OBJECT

public:
    GuardsPanel(Engine &engine, ErrorBanner *banner, QWidget *parent);

    void refresh();
    QTableWidget *table() const { return m_table; }
    QPushButton *newButton() const { return m_new; }
    QPushButton *removeButton() const { return m_remove; }
    const std::vector<Guard> &guards() const { return m_guards; }

    GuardDialog *openNew();
    ConfirmDialog *openRemove();

signals:
    void guardsChanged();

private:
    int selectedRow() const;

    Engine &m_engine;
    ErrorBanner *m_banner;
    QTableWidget *m_table;
    QPushButton *m_new;
    QPushButton *m_remove;
    std::vector<Guard> m_guards;
    int m_offset = 0;
};

} // namespace billing::ui
