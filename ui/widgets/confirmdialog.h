#pragma once

#include <QDialog>

#include <memory>

class QLabel;
class QPushButton;

namespace billing::ui {

namespace Ui {
class ConfirmDialog;
}

// The dialog every money or stop action goes through (ui-guidelines "Actions and money"): a sentence,
// the effect the model computed (rows of label and value), an optional refusal in the engine's own words,
// and a confirm button that says what it does. The button stays disabled while there is a refusal.
// Pages open it with open() and act on accepted(), so tests can drive it without a nested event loop.
// The frame is confirmdialog.ui.
class ConfirmDialog : public QDialog
{
    Q_OBJECT

public:
    ConfirmDialog(const QString &title, const QString &text, const QString &confirmText, QWidget *parent);
    ~ConfirmDialog() override;

    // A row of the effect; the value label is returned for a dialog whose effect follows a choice.
    QLabel *addRow(const QString &label, const QString &value, const QString &objectName = QString());
    // A row that holds a choice (a size, say) above the effect rows.
    void addField(const QString &label, QWidget *field);
    void setConfirmText(const QString &text);
    // Shows why the action cannot be done and keeps the confirm button disabled.
    void setRefusal(const QString &reason);
    void setDestructive(bool destructive);

    QPushButton *confirmButton() const { return m_confirm; }
    QString refusal() const;
    // Every row's label and value, for tests and accessibility ("Price: 12.00").
    QStringList rows() const;

private:
    std::unique_ptr<Ui::ConfirmDialog> m_ui;
    QPushButton *m_confirm;
};

} // namespace billing::ui
