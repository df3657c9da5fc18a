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

// The account at a glance: balance first, then what it owes, its state, what is switched on and held,
// and the latest notifications. Every tile leads to the page that explains it.
class OverviewPage : public Page
{
    Q_OBJECT

public:
    OverviewPage(Engine &engine, QWidget *parent);

    void refresh() override;

private:
    FigureButton *addTile(const QString &caption, bool large, PageId target);

    Engine &m_engine;
    ErrorBanner *m_banner;
    FigureButton *m_balance;
    FigureButton *m_arrears;
    FigureButton *m_state;
    FigureButton *m_services;
    FigureButton *m_packages;
    FigureButton *m_coupons;
    FigureButton *m_transactions;
    QVBoxLayout *m_latest;
};

} // namespace billing::ui
