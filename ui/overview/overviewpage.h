#pragma once

#include "core/result.h"
#include "money/money.h"
#include "time/instant.h"
#include "widgets/backgroundtask.h"
#include "widgets/page.h"

#include <optional>

class QLabel;
class QVBoxLayout;

namespace billing {
class Clock;
class Engine;
} // namespace billing

namespace billing::ui {

class ErrorBanner;
class FigureButton;

// The spending tile's two figures: cash spent this month to date and last month up to the same time.
struct SpendRange
{
    Instant from = 0;
    Instant to = 0;
    Instant lastFrom = 0;
    Instant lastTo = 0;
};
struct SpendFigures
{
    Money monthToDate;
    Money lastMonthSameDay;
    std::optional<Error> error;
};

// The account at a glance: balance first, then what it owes and what clears it, its state, spending
// this month against last month, what is switched on, the packages in force with their quota left,
// renewals due and the latest notifications. Every tile leads to the page that explains it. When
// billing has been stopped (no service enabled, no auto-renewal) a banner says so at the top.
// The account's own figures are read at once; the spending figures sum a month of records, so they
// come from a worker thread while the tile says it is loading (the window paints without waiting).
class OverviewPage : public Page
{
    Q_OBJECT

public:
    OverviewPage(Engine &engine, QWidget *parent);

    void refresh() override;
    // True until the spending figures of the last refresh are shown.
    bool isBusy() const override { return m_spendTask.isRunning(); }
    // The "billing is stopped" banner's text, empty while billing runs.
    QString stoppedText() const;
    QString spendText() const;

    // The work of the worker, callable from any thread: its own engine over `location` (a database
    // connection belongs to its thread), reading without catch-up (refresh() has caught up first).
    static SpendFigures readSpend(const QString &location, const Clock &clock, const SpendRange &range);

signals:
    // The spending figures of the latest refresh are shown (or their error is).
    void figuresLoaded();

private:
    FigureButton *addTile(const QString &caption, bool large, PageId target);
    static void clear(QVBoxLayout *layout);
    void loadSpend(const SpendRange &range);
    void onSpendLoaded(const SpendFigures &f);

    Engine &m_engine;
    ErrorBanner *m_banner;
    QLabel *m_stopped;
    FigureButton *m_balance;
    FigureButton *m_arrears;
    FigureButton *m_state;
    FigureButton *m_spend;
    FigureButton *m_services;
    FigureButton *m_packages;
    FigureButton *m_renewals;
    FigureButton *m_coupons;
    QVBoxLayout *m_packageBars;
    QVBoxLayout *m_renewalList;
    QVBoxLayout *m_latest;
    // A newer refresh supersedes a read still running: its figures are stale and never shown.
    BackgroundTask<SpendFigures> m_spendTask;
};

} // namespace billing::ui
