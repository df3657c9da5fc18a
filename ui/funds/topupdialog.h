#pragma once

#include "money/money.h"

#include <QDialog>

#include <memory>
#include <optional>

class QLineEdit;
class QPushButton;

namespace billing {
class Engine;
}

namespace billing::ui {

namespace Ui {
class TopUpDialog;
}

// Top up: the amount is checked as it is typed (funds::parseUserAmount + validateAmount) with the
// reason beside the field; the preview shows the balance after, the arrears it repays and the state
// after. The Top up button is enabled only for a valid amount; the page tops up on accepted().
// The form is topupdialog.ui.
class TopUpDialog : public QDialog
{
    Q_OBJECT

public:
    TopUpDialog(Engine &engine, QWidget *parent);
    ~TopUpDialog() override;

    QLineEdit *amountField() const;
    QPushButton *topUpButton() const { return m_topUp; }
    QString reason() const;
    QString previewText() const;
    // The amount as typed, when it is valid.
    std::optional<Money> amount() const;

private:
    void updatePreview();

    Engine &m_engine;
    std::unique_ptr<Ui::TopUpDialog> m_ui;
    QPushButton *m_topUp;
};

} // namespace billing::ui
