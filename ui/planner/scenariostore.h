#pragma once

#include "core/result.h"
#include "engine/whatif.h"

#include <QString>
#include <QStringList>

namespace billing::ui {

// Scenarios saved by name as scenario files (README "Scenario planner"), one NAME.json each in a folder
// (default: the console's application-data folder, "scenarios"): the same files `billingctl whatif` reads.
class ScenarioStore
{
public:
    explicit ScenarioStore(QString folder = defaultFolder());
    static QString defaultFolder();

    QStringList names() const; // sorted
    Result<whatif::Scenario> load(const QString &name) const;
    Status save(const whatif::Scenario &scenario) const;
    Status remove(const QString &name) const;
    QString pathOf(const QString &name) const;

private:
    QString m_folder;
};

} // namespace billing::ui
