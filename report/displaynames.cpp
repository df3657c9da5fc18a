#include "displaynames.h"

#include "catalog/catalog.h"

#include <QCoreApplication>

namespace billing::report {

QString catalogName(const QString &name)
{
    return QCoreApplication::translate("billing::ui::CatalogNames", name.toUtf8().constData());
}

DisplayNames::DisplayNames(const Catalog &catalog)
{
    for (const ApiInfo &api : catalog.apis())
        m_apis.insert(api.id, catalogName(api.name));
    for (const RegionInfo &region : catalog.regions())
        m_regions.insert(region.id, catalogName(region.name));
}

} // namespace billing::report
