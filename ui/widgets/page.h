#pragma once

#include "engine/engine.h"

#include <QWidget>

#include <utility>

class QLabel;

namespace billing::ui {

class ErrorBanner;

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
    Anomalies,
    Planner,
    Reconciliation,
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

    // Runs a change through the engine, then shows its outcome the way every page does: the page
    // refreshed, or `failed` with the engine's reason in the banner. The result goes back to the caller
    // for what follows (select what was bought, tell the shell the account changed).
    template <typename F>
    auto applyChange(Engine &engine, ErrorBanner *banner, const QString &failed, F &&change)
    {
        auto result = engine.run(std::forward<F>(change));
        showOutcome(banner, failed, result ? nullptr : &result.error());
        return result;
    }

private:
    void showOutcome(ErrorBanner *banner, const QString &failed, const Error *error);
};

} // namespace billing::ui
