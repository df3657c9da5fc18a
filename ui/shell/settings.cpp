#include "shell/settings.h"

namespace billing::ui {

namespace {
// Every key the console stores; bump the group when a value changes meaning.
constexpr QLatin1String kWindowGeometry("mainWindow/geometry");
constexpr QLatin1String kLastPage("mainWindow/lastPage");
constexpr QLatin1String kCostViews("costCenter/analysisViews");
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

} // namespace billing::ui
