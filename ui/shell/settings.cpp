#include "shell/settings.h"

namespace billing::ui {

namespace {
// Every key the console stores; bump the group when a value changes meaning.
constexpr QLatin1String kWindowGeometry("mainWindow/geometry");
constexpr QLatin1String kLastPage("mainWindow/lastPage");
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

} // namespace billing::ui
