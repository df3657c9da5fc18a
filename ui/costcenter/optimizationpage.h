#pragma once

#include "widgets/page.h"

class QLabel;
class QTableView;

namespace billing {
class Engine;
}

namespace billing::ui {

class ErrorBanner;
class Figure;
class RecommendationModel;
class TotalsFooter;
class TotalsModel;

// Cost Center › Optimization: for each API and region used in the last 30 days, the cheapest of
// pay-per-use and each package for that usage, the saving and the break-even volume; packages that will
// lapse with quota unused or run out before they expire. A row opens the Packages page.
class OptimizationPage : public Page
{
    Q_OBJECT

public:
    OptimizationPage(Engine &engine, QWidget *parent);

    void refresh() override;
    RecommendationModel *model() const { return m_model; }
    Figure *savingFigure() const { return m_saving; }
    QTableView *table() const { return m_table; }

private:
    Engine &m_engine;
    RecommendationModel *m_model;
    TotalsModel *m_totals;
    ErrorBanner *m_banner;
    Figure *m_saving;
    QLabel *m_reason;
    QTableView *m_table;
    TotalsFooter *m_footer;
};

} // namespace billing::ui
