#pragma once

#include "core/result.h"
#include "widgets/page.h"

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace billing {
class Engine;
}

namespace billing::ui {

class ErrorBanner;
class QuoteModel;
class TierModel;

// Cost Center › Price calculator: monthly calls of an API (in a region) → what they cost pay-per-use,
// tier by tier, and under each package, with the volume from which each package is cheaper; and what the
// account's next 1,000 calls of that API in that region cost now.
class CalculatorPage : public Page
{
    Q_OBJECT

public:
    CalculatorPage(Engine &engine, QWidget *parent);

    void refresh() override;
    QuoteModel *quotes() const { return m_quotes; }
    TierModel *tiers() const { return m_tiers; }
    QLineEdit *callsEdit() const { return m_calls; }
    QComboBox *apiCombo() const { return m_api; }
    QComboBox *regionCombo() const { return m_region; }
    QLabel *marginalLabel() const { return m_marginal; }

private:
    void showTiers(int row);
    // What the next 1,000 calls of the chosen API and region cost the account now (billing-rules §10);
    // the error when it could not be worked out (the label is then empty).
    std::optional<Error> showMarginal();

    Engine &m_engine;
    QuoteModel *m_quotes;
    TierModel *m_tiers;
    ErrorBanner *m_banner;
    QComboBox *m_api;
    QComboBox *m_region;
    QLineEdit *m_calls;
    QLabel *m_callsError;
    QLabel *m_cheapest;
    QLabel *m_marginal;
    QTableView *m_quoteTable;
    QTableView *m_tierTable;
};

} // namespace billing::ui
