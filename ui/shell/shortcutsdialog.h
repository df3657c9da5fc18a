#pragma once

#include <QDialog>

class QTreeWidget;

namespace billing::ui {

class MainWindow;

// Help › Keyboard shortcuts: every key of the console, read from the window's own actions and buttons
// (so the list cannot go stale), grouped into the pages, the menus and each page's own keys, plus the
// keys that Qt's widgets give every view (Tab, F2, Enter, Escape …).
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(MainWindow &window);

    QTreeWidget *list() const { return m_list; }

private:
    QTreeWidget *m_list;
};

} // namespace billing::ui
