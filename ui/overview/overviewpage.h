#pragma once

#include "widgets/page.h"

class QLabel;
class QVBoxLayout;

namespace billing {
class Engine;
}

namespace billing::ui {

class ErrorBanner;
class FigureButton;

// The account at a glance: balance first, then what it owes and what clears it, its state, spending
// this month against last month, what is switched on, the packages in force with their quota left,
// renewals due and the latest notifications. Every tile leads to the page that explains it. When
// billing has been stopped (no service enabled, no auto-renewal) a banner says so at the top.
class OverviewPage : public Page
{
    Q_OBJECT

public:
    OverviewPage(Engine &engine, QWidget *parent);

    void refresh() override;
    // The "billing is stopped" banner's text, empty while billing runs.
    QString stoppedText() const;
    QString spendText() const;

private:
    FigureButton *addTile(const QString &caption, bool large, PageId target);
    static void clear(QVBoxLayout *layout);

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
};

} // namespace billing::ui
