#include "shell/settings.h"

namespace billing::ui {

namespace {
// Every key the console stores; bump the group when a value changes meaning.
constexpr QLatin1String kWindowGeometry("mainWindow/geometry");
constexpr QLatin1String kLastPage("mainWindow/lastPage");
constexpr QLatin1String kCostViews("costCenter/analysisViews");
constexpr QLatin1String kLanguage("ui/language");
} // namespace

ConsoleSettings::ConsoleSettings() = default;

ConsoleSettings::ConsoleSettings(const QString &iniFile) : m_settings(iniFile, QSettings::IniFormat) {}

QByteArray ConsoleSettings::windowGeometry() const
{
    return m_settings.value(kWindowGeometry).toByteArray();
}

void ConsoleSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(kWindowGeometry, geometry);
}

QString ConsoleSettings::lastPage() const
{
    return m_settings.value(kLastPage).toString();
}

void ConsoleSettings::setLastPage(const QString &pageKey)
{
    m_settings.setValue(kLastPage, pageKey);
}

QByteArray ConsoleSettings::costViews() const
{
    return m_settings.value(kCostViews).toByteArray();
}

void ConsoleSettings::setCostViews(const QByteArray &json)
{
    m_settings.setValue(kCostViews, json);
}

QString ConsoleSettings::language() const
{
    return m_settings.value(kLanguage).toString();
}

void ConsoleSettings::setLanguage(const QString &language)
{
    if (language.isEmpty())
        m_settings.remove(kLanguage);
    else
        m_settings.setValue(kLanguage, language);
}

QLocale ConsoleSettings::localeFor(const QString &language)
{
    if (language.isEmpty())
        return QLocale::system();
    if (language == QLatin1String("en"))
        return QLocale(QLocale::English, QLocale::UnitedStates);
    return QLocale(language);
}

} // namespace billing::ui
