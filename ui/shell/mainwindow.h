#pragma once

#include "widgets/page.h"

#include "auth/role.h"

#include <QList>
#include <QMainWindow>

#include <functional>
#include <optional>
#include <vector>

class QAction;
class QActionGroup;
class QStackedWidget;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace billing {
class Engine;
}

namespace billing::ui {

class AccountBar;
class BillingModeWizard;
class ConsoleSettings;
class ErrorBanner;
class GuardBanner;
class TransactionsPage;

// The shell: account bar, grouped navigation, the pages, menus and the status bar. Pages do the work.
// A page is built the first time it is shown or asked for (page()), so that the window paints its
// first page without building the other fourteen (performance.md P4).
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(Engine &engine, ConsoleSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // The pages in navigation order, and a stable id of each for settings and screenshot names.
    QList<PageId> pages() const;
    static QString pageKey(PageId page);
    PageId currentPage() const;
    // The page, built now if it has not been yet.
    Page *page(PageId id);
    AccountBar *accountBar() const { return m_accountBar; }
    GuardBanner *guardBanner() const { return m_guardBanner; }
    // The View menu's page actions, in navigation order (Ctrl+1 … Ctrl+9 on the first nine).
    QList<QAction *> pageActions() const;

public slots:
    void showPage(billing::ui::PageId id);
    // Reloads the current page and the account bar from the engine.
    void refresh();
    // Shows the Services page and its stop-billing dialog.
    void stopBilling();
    // Opens the change-billing-mode wizard for one API and region (empty: the first).
    BillingModeWizard *openModeWizard(const QString &api, const QString &region);
    // Help › Keyboard shortcuts.
    void showShortcuts();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct Entry
    {
        PageId id;
        std::function<Page *()> make; // builds the page and connects what is particular to it
        Page *page = nullptr;         // until it is needed
        QTreeWidgetItem *item = nullptr;
        QAction *action = nullptr;
    };

    void addPage(PageId id, std::function<Page *()> make, const QString &title, QTreeWidgetItem *group);
    // Builds the page of `e` if needed: into the stack, wired to the shell, gated by the role.
    Page *build(Entry &e);
    QTreeWidgetItem *addGroup(const QString &title);
    void buildMenus();
    void refreshAccount();
    // Shows who acts and hides what their role may not do (shell/rolegate.h).
    void applyRole();
    void onCurrentItemChanged(QTreeWidgetItem *current);
    void about();
    // Shows the page `step` places after (or before) the current one, and moves the focus into it.
    void stepPage(int step);
    // Puts the keyboard focus on the first field of the current page (after a page shortcut).
    void focusPage();
    // F6: between the page list and the page.
    void toggleFocus();
    const Entry *entry(PageId id) const;

    Engine &m_engine;
    ConsoleSettings &m_settings;
    AccountBar *m_accountBar;
    ErrorBanner *m_banner;
    GuardBanner *m_guardBanner;
    QTreeWidget *m_navigation;
    QStackedWidget *m_stack;
    QToolButton *m_unread;
    QActionGroup *m_pageActions;
    std::vector<Entry> m_entries;
    PageId m_current = PageId::Overview;
    // The acting user's role as last resolved (applyRole), for the pages built after it: empty
    // while not resolved yet; holding nullopt when the user is not a member.
    std::optional<std::optional<Role>> m_role;
};

} // namespace billing::ui
