#pragma once

#include <QWidget>

class QComboBox;
class QLabel;

namespace billing::ui {

class ConsoleSettings;

// The console's language: the system's, English or Simplified Chinese, kept in the console settings and
// applied at the next start (the page says so). Each language is named in its own language.
class LanguageChoice : public QWidget
{
    Q_OBJECT

public:
    LanguageChoice(ConsoleSettings &settings, QWidget *parent);

    QComboBox *combo() const { return m_combo; }
    // The setting chosen: empty for the system's language, else a locale name ("en", "zh_CN").
    QString language() const;

private:
    void onChosen();

    ConsoleSettings &m_settings;
    QComboBox *m_combo;
    QLabel *m_note;
};

} // namespace billing::ui
