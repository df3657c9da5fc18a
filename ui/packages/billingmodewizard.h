#pragma once

#include "domain/types.h"

#include <QWizard>

#include <vector>

class QComboBox;
class QLabel;
class QRadioButton;
class QTableView;

namespace billing {
class Engine;
}

namespace billing::ui {

class ModeOptionModel;

// Change the billing mode of one API in one region (billing-rules §6): the current mode, what the
// last 30 days of real usage would cost a month pay-per-use and under each package size, the break-even
// volumes, and then the step: buy a package (the buy dialog's preview follows), or let the current
// package run out (auto-renew off), or unsubscribe one not yet in force.
class BillingModeWizard : public QWizard
{
    Q_OBJECT

public:
    BillingModeWizard(Engine &engine, const QString &api, const QString &region, QWidget *parent);

    QString currentModeText() const;
    ModeOptionModel *options() const { return m_options; }
    QString monthlyCallsText() const;
    // The choices of the last page, for tests: "buy", "auto-renew-off", "unsubscribe", "keep".
    void choose(const QString &choice);

signals:
    void buyRequested(const QString &api, const QString &region, const QString &sku);
    void unsubscribeRequested(qint64 packageId);
    void changed();

private:
    void reload();
    void finishWith();
    QString api() const;
    QString region() const;

    Engine &m_engine;
    QComboBox *m_api;
    QComboBox *m_region;
    QLabel *m_current;
    QLabel *m_calls;
    ModeOptionModel *m_options;
    QTableView *m_table;
    QLabel *m_advice;
    QRadioButton *m_buy;
    QComboBox *m_sku;
    QRadioButton *m_autoRenewOff;
    QRadioButton *m_unsubscribe;
    QRadioButton *m_keep;
    std::optional<Package> m_renewing; // last term with auto-renew on
    std::optional<Package> m_pending;  // last term not yet in force
};

} // namespace billing::ui
