#pragma once

#include "domain/types.h"
#include "widgets/confirmdialog.h"

#include <optional>

class QComboBox;
class QLabel;

namespace billing {
class Engine;
}

namespace billing::ui {

// Renewing a package (billing-rules §6): the size of the next term, the same as the term it follows by
// default or another size of the same API and region, and the model's quote for that size
// (packages::quoteRenew: price, from coupons, from cash, balance after, the new term), which follows the
// choice. The confirm button says what it buys and stays disabled while the quote is refused. The page
// renews on accepted().
class RenewDialog : public ConfirmDialog
{
    Q_OBJECT

public:
    RenewDialog(Engine &engine, const Package &package, QWidget *parent);

    QComboBox *sizeBox() const { return m_size; }
    // The size to renew as; none when it is the size of the term the renewal follows.
    std::optional<QString> sku() const;
    qint64 packageId() const { return m_id; }

private:
    void updatePreview();

    Engine &m_engine;
    qint64 m_id;
    QString m_followedSku; // the size of the chain's last term, which the new term follows
    int m_offset = 8 * 3600;
    Instant m_now = 0;
    QComboBox *m_size;
    QLabel *m_price;
    QLabel *m_quota;
    QLabel *m_fromCoupons;
    QLabel *m_fromCash;
    QLabel *m_balanceAfter;
    QLabel *m_term;
};

} // namespace billing::ui
