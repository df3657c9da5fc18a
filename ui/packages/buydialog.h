#pragma once

#include "engine/packages.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace billing {
class Engine;
}

namespace billing::ui {

// Buying packages: API, region, size, quantity, effective now or later, auto-renew. The preview
// (packages::quoteBuy: price, from coupons, from cash, balance after, term) or the refusal follows every
// change; the Buy button is enabled only while the quote has no refusal. The page buys on accepted().
class BuyDialog : public QDialog
{
    Q_OBJECT

public:
    BuyDialog(Engine &engine, QWidget *parent);

    void select(const QString &api, const QString &region, const QString &sku = QString());
    packages::BuyRequest request() const;

    QComboBox *apiBox() const { return m_api; }
    QComboBox *regionBox() const { return m_region; }
    QComboBox *skuBox() const { return m_sku; }
    QSpinBox *quantityBox() const { return m_quantity; }
    QPushButton *buyButton() const { return m_buy; }
    QString refusal() const;
    QString previewText() const; // every preview line, for tests
    QPushButton *topUpButton() const { return m_topUpButton; }

signals:
    // The person chose to top up first (offered while the quote is refused for lack of funds).
    void topUpRequested();

private:
    void updatePreview();

    Engine &m_engine;
    int m_offset;
    QComboBox *m_api;
    QComboBox *m_region;
    QComboBox *m_sku;
    QSpinBox *m_quantity;
    QRadioButton *m_now;
    QRadioButton *m_later;
    QDateTimeEdit *m_effective;
    QCheckBox *m_autoRenew;
    QSpinBox *m_renewDays;
    QLabel *m_price;
    QLabel *m_fromCoupons;
    QLabel *m_fromCash;
    QLabel *m_balanceAfter;
    QLabel *m_term;
    QLabel *m_refusal;
    QPushButton *m_buy;
    QPushButton *m_topUpButton;
};

} // namespace billing::ui
