#pragma once

#include "costcenter/analysisview.h"

#include <QObject>

#include <optional>

namespace billing::ui {

class ConsoleSettings;

// The Analysis page's saved views, kept in the console's settings (name → view).
class SavedViewStore : public QObject
{
    Q_OBJECT

public:
    SavedViewStore(ConsoleSettings &settings, QObject *parent);

    const SavedViews &views() const { return m_views; }
    std::optional<AnalysisView> view(const QString &name) const;
    void put(const QString &name, const AnalysisView &view);
    void remove(const QString &name);

signals:
    void changed();

private:
    void save();

    ConsoleSettings &m_settings;
    SavedViews m_views;
};

} // namespace billing::ui
