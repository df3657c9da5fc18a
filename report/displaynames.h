#pragma once

// APIs and regions as people read them: the catalog's names, translated as the console shows them. The
// files for people (PDF, print) show these; the files for scripts (CSV, XLSX, JSON) keep the ids.
#include <QHash>
#include <QString>

namespace billing {
class Catalog;
}

namespace billing::report {

// A catalog name in the current language (translation context "billing::ui::CatalogNames", where the
// console lists the built-in catalog's names for lupdate).
QString catalogName(const QString &name);

class DisplayNames
{
public:
    DisplayNames() = default; // no catalog: ids are shown as they are
    explicit DisplayNames(const Catalog &catalog);

    // The name of an id, or the id itself when the catalog does not know it.
    QString api(const QString &id) const { return m_apis.value(id, id); }
    QString region(const QString &id) const { return m_regions.value(id, id); }

private:
    QHash<QString, QString> m_apis;
    QHash<QString, QString> m_regions;
};

} // namespace billing::report
