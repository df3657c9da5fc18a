#pragma once

#include <QDialog>

#include <memory>

class QTreeWidget;

namespace billing::ui {

class MainWindow;

namespace Ui {
class ShortcutsDialog;
}

// Help › Keyboard shortcuts: every key of the console, read from the window's own actions and buttons
// (so the list cannot go stale), grouped into the pages, the menus and each page's own keys, plus the
// keys that Qt's widgets give every view (Tab, F2, Enter, Escape …). The frame is shortcutsdialog.ui.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(MainWindow &window);
    ~ShortcutsDialog() override;

    QTreeWidget *list() const;

private:
    std::unique_ptr<Ui::ShortcutsDialog> m_ui;
};

} // namespace billing::ui
