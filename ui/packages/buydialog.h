#pragma once

#include "engine/packages.h"

#include <QDialog>

#include <memory>

class QComboBox;
class QPushButton;
class QSpinBox;

namespace billing {
class Engine;
}

namespace billing::ui {

namespace Ui {
class BuyDialog;
}

// Buying packages: API, region, size, quantity, effective now or later, auto-renew. The preview
// (packages::quoteBuy: price, from coupons, from cash, balance after, term) or the refusal follows every
// change; the Buy button is enabled only while the quote has no refusal. The page buys on accepted().
// The form is buydialog.ui.
class BuyDialog : public QDialog
{
    Q_OBJECT

public:
    BuyDialog(Engine &engine, QWidget *parent);
    ~BuyDialog() override;

    void select(const QString &api, const QString &region, const QString &sku = QString());
    packages::BuyRequest request() const;

    QComboBox *apiBox() const;
    QComboBox *regionBox() const;
    QComboBox *skuBox() const;
    QSpinBox *quantityBox() const;
    QPushButton *buyButton() const { return m_buy; }
    QString refusal() const;
    QString previewText() const; // every preview line, for tests
    QPushButton *topUpButton() const;

signals:
    // The person chose to top up first (offered while the quote is refused for lack of funds).
    void topUpRequested();

private:
    void updatePreview();

    Engine &m_engine;
    int m_offset;
    std::unique_ptr<Ui::BuyDialog> m_ui;
    QPushButton *m_buy;
};

} // namespace billing::ui
