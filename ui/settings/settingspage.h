#pragma once

#include "engine/alertsettings.h"
#include "widgets/page.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QUndoStack;

namespace billing {
class Engine;
}

namespace billing::ui {

class ConsoleSettings;
class ErrorBanner;
class MaintenanceSection;
class LanguageChoice;

// Alert thresholds of the account (billing-rules §7): the low-balance threshold and the package quota
// percentage. Checked as they are typed; saved with Save (Ctrl+S); every save can be undone (Ctrl+Z)
// and redone (Ctrl+Shift+Z). Also the console's language (LanguageChoice).
class SettingsPage : public Page
{
    Q_OBJECT

public:
    SettingsPage(Engine &engine, ConsoleSettings &console, QWidget *parent);

    void refresh() override;
    bool isBusy() const override;
    QLineEdit *thresholdField() const { return m_threshold; }
    QSpinBox *percentField() const { return m_percent; }
    QPushButton *saveButton() const { return m_save; }
    QUndoStack *undoStack() const { return m_undo; }
    LanguageChoice *languageChoice() const { return m_language; }
    QString reason() const;
    MaintenanceSection *maintenance() const { return m_maintenance; }

    // Stores the settings in the account (used by the undo commands); false with the banner on error.
    bool apply(const AlertSettings &settings);
    void save();

signals:
    // A backup was restored over the account: the whole window reads it again.
    void databaseReplaced();

private:
    std::optional<AlertSettings> typed() const;
    void validate();

    Engine &m_engine;
    ErrorBanner *m_banner;
    QLineEdit *m_threshold;
    QSpinBox *m_percent;
    QLabel *m_reason;
    QPushButton *m_save;
    QUndoStack *m_undo;
    LanguageChoice *m_language;
    AlertSettings m_stored;
    MaintenanceSection *m_maintenance = nullptr;
};

} // namespace billing::ui
