#include "costcenter/savedviewstore.h"

#include "shell/settings.h"

namespace billing::ui {

SavedViewStore::SavedViewStore(ConsoleSettings &settings, QObject *parent)
    : QObject(parent), m_settings(settings), m_views(savedViewsFromJson(settings.costViews()))
{
}

std::optional<AnalysisView> SavedViewStore::view(const QString &name) const
{
    auto it = m_views.find(name);
    return it == m_views.end() ? std::nullopt : std::optional(it->second);
}

void SavedViewStore::put(const QString &name, const AnalysisView &view)
{
    m_views[name] = view;
    save();
}

void SavedViewStore::remove(const QString &name)
{
    m_views.erase(name);
    save();
}

void SavedViewStore::save()
{
    m_settings.setCostViews(savedViewsToJson(m_views));
    emit changed();
}

} // namespace billing::ui
