#pragma once

#include <QWidget>

class QLabel;

namespace billing::ui {

// Every page the console has or will have; the shell lists those it was given, in the order it adds
// them (Ctrl+1 … Ctrl+9 follow that order). Keys are stable: settings and screenshot names use them.
enum class PageId {
    Overview,
    Bills,
    Transactions,
    Services,
    Packages,
    Funds,
    Composition,
    Allocation,
    Analysis,
    Budgets,
    Optimization,
    Calculator,
    Notifications,
    Settings,
    Audit,
};

// One page of the console: it owns its filter bar, its table or chart and its actions, and reloads
// everything it shows from the engine in refresh().
class Page : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    virtual void refresh() = 0;
    // True while the page still loads in the background (the screenshot runner waits for it).
    virtual bool isBusy() const { return false; }

signals:
    // The page asks the shell to show another page (e.g. an overview tile was clicked).
    void openPageRequested(billing::ui::PageId page);
    // The page changed something the shell shows too (unread count, balance): refresh the account bar.
    void accountChanged();

protected:
    // The page's heading, in the style every page shares.
    QLabel *createTitle(const QString &text);
};

} // namespace billing::ui
