#pragma once

#include "analysis/anomalies.h"
#include "core/result.h"
#include "money/money.h"
#include "overview/spendreader.h"
#include "time/instant.h"
#include "widgets/backgroundtask.h"
#include "widgets/format.h"
#include "widgets/page.h"

#include <optional>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace billing {
class Clock;
class Engine;
} // namespace billing

namespace billing::ui {

class ErrorBanner;
class FigureButton;

// The latest anomalies tile: the newest anomalies of the last 30 days (billing-rules §10).
struct AnomalyFigures
{
    std::vector<Anomaly> latest; // newest first, at most 3
    std::optional<Error> error;
};

// The account at a glance: balance first, then what it owes and what clears it, its state, spending
// this month against last month, what is switched on, the packages in force with their quota left,
// renewals due and the latest notifications. Every tile leads to the page that explains it. When
// billing has been stopped (no service enabled, no auto-renewal) a banner says so at the top.
// The account's own figures are read at once; the spending figures sum a month of cost rollups, so they
// come from a worker thread (this month, then last month, over one connection) while the tile says it
// is loading (the window paints without waiting). The latest anomalies, a heavier read, start once the
// spending is in, so that they do not take a core from it (performance.md P4b).
class OverviewPage : public Page
{
    Q_OBJECT

public:
    OverviewPage(Engine &engine, QWidget *parent);

    void refresh() override;
    // True until the spending figures and the latest anomalies of the last refresh are shown.
    bool isBusy() const override
    {
        return m_spendReader.isRunning() || m_anomaliesDue || m_anomalyTask.isRunning();
    }
    // The "billing is stopped" banner's text, empty while billing runs.
    QString stoppedText() const;
    QString spendText() const;

    // The work of the anomalies' worker, callable from any thread: its own engine over `location` (a
    // database connection belongs to its thread), reading without catch-up (refresh() has caught up
    // first): the newest anomalies of [from, to).
    static AnomalyFigures readAnomalies(const QString &location, const Clock &clock, Instant from,
                                        Instant to);

    // The latest anomalies' buttons, newest first (each opens the Anomalies page with it selected).
    QList<QPushButton *> anomalyButtons() const;
    QString anomaliesText() const;

signals:
    // The spending figures of the latest refresh are shown (or their error is).
    void figuresLoaded();
    // The latest anomalies of the latest refresh are shown (or their error is).
    void anomaliesLoaded();
    // One of the latest anomalies was clicked.
    void anomalyRequested(billing::Instant day, const QString &api, const QString &region,
                          const QString &project);

private:
    FigureButton *addTile(const QString &caption, bool large, PageId target);
    static void clear(QVBoxLayout *layout);
    void loadSpend(const SpendRange &range);
    void onSpendLoaded(const SpendFigures &f);
    // Says the anomalies are being looked for; startAnomalies() reads them once the spending figures
    // are painted (or at once if the page is not shown).
    void loadAnomalies(Instant from, Instant to);
    void startAnomaliesAfterPaint();
    void startAnomalies();
    bool eventFilter(QObject *watched, QEvent *event) override;
    void onAnomaliesLoaded(const AnomalyFigures &f);

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
    QVBoxLayout *m_anomalies;
    AccountDisplay m_display;
    // A newer refresh supersedes a read still running: its figures are stale and never shown.
    SpendReader m_spendReader;
    BackgroundTask<AnomalyFigures> m_anomalyTask;
    // The latest refresh's anomalies wait for its spending figures; [from, to) of that read.
    bool m_anomaliesDue = false;
    bool m_anomaliesAfterPaint = false; // the spending tile's next paint starts them
    Instant m_anomaliesFrom = 0;
    Instant m_anomaliesTo = 0;
};

} // namespace billing::ui
