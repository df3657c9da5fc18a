#include "planner/scenariostore.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>

namespace billing::ui {

ScenarioStore::ScenarioStore(QString folder) : m_folder(std::move(folder)) {}

QString ScenarioStore::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/scenarios");
}

QString ScenarioStore::pathOf(const QString &name) const
{
    QString file = name;
    file.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_. -]")), QStringLiteral("_"));
    return QDir(m_folder).filePath(file + QStringLiteral(".json"));
}

QStringList ScenarioStore::names() const
{
    QStringList out;
    for (const QString &f : QDir(m_folder).entryList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile file(QDir(m_folder).filePath(f));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        if (auto s = whatif::parseScenario(file.readAll()))
            out << s->name;
    }
    std::sort(out.begin(), out.end());
    return out;
}

Result<whatif::Scenario> ScenarioStore::load(const QString &name) const
{
    QFile file(pathOf(name));
    if (!file.open(QIODevice::ReadOnly))
        return Error::badUsage(QObject::tr("there is no saved scenario \"%1\"").arg(name));
    return whatif::parseScenario(file.readAll());
}

Status ScenarioStore::save(const whatif::Scenario &scenario) const
{
    if (!QDir().mkpath(m_folder))
        return Error::badData(QObject::tr("cannot create the folder %1").arg(m_folder));
    QFile file(pathOf(scenario.name));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(whatif::scenarioToJson(scenario)) < 0)
        return Error::badData(QObject::tr("cannot write %1").arg(file.fileName()));
    return {};
}

Status ScenarioStore::remove(const QString &name) const
{
    if (!QFile::remove(pathOf(name)))
        return Error::badData(QObject::tr("cannot remove the scenario \"%1\"").arg(name));
    return {};
}

} // namespace billing::ui
