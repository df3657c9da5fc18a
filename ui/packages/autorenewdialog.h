#pragma once

#include "domain/types.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;

namespace billing {
class Engine;
}

namespace billing::ui {

// Auto-renew of a package (billing-rules §6): on or off, how many days before expiry the attempts start,
// and the size each attempt renews as (the term's own by default; a size set here applies to every later
// attempt until changed). While on, the model's quote for that size shows what an attempt would pay and
// whether today's coupons and cash would cover it. The page saves on accepted().
class AutoRenewDialog : public QDialog
{
    Q_OBJECT

public:
    AutoRenewDialog(Engine &engine, const Package &package, QWidget *parent);

    QCheckBox *onBox() const { return m_on; }
    QSpinBox *daysBox() const { return m_days; }
    QComboBox *sizeBox() const { return m_size; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    bool enabled() const;
    int days() const;
    // The size set for auto-renew; none for the term's own size (and always none while off).
    std::optional<QString> sku() const;
    QString previewText() const; // every preview line, for tests

private:
    void updatePreview();
    void showPreview();

    Engine &m_engine;
    qint64 m_id;
    QString m_ownSku;
    int m_offset = 8 * 3600;
    Instant m_now = 0;
    QCheckBox *m_on;
    QSpinBox *m_days;
    QComboBox *m_size;
    QLabel *m_price;
    QLabel *m_term;
    QLabel *m_funds;
    QDialogButtonBox *m_buttons;
};

} // namespace billing::ui
