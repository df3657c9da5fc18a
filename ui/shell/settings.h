#pragma once

#include <QByteArray>
#include <QLocale>
#include <QSettings>
#include <QString>

namespace billing::ui {

// The console's settings, typed; every key is declared once, in settings.cpp.
class ConsoleSettings
{
public:
    // The per-user settings of the application (organization and application name).
    ConsoleSettings();
    // Settings kept in one INI file (tests, screenshots): the user's own settings stay untouched.
    explicit ConsoleSettings(const QString &iniFile);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);

    // The stable id of the page shown last ("overview", "transactions", …); empty when none.
    QString lastPage() const;
    void setLastPage(const QString &pageKey);

    // The Analysis page's saved views, one JSON document (name → view).
    QByteArray costViews() const;
    void setCostViews(const QByteArray &json);

    // The language of the console: empty for the system's, else a locale name ("en", "zh_CN"). Read once
    // at start, so a change applies at the next start.
    QString language() const;
    void setLanguage(const QString &language);
    // The locale a language setting stands for: the system's for empty, US English for "en".
    static QLocale localeFor(const QString &language);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};

} // namespace billing::ui
