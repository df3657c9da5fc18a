#include "costcenter/costlabels.h"

#include "analysis/costanalysis.h"
#include "analysis/costseries.h"

#include <QCoreApplication>

namespace billing::ui {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::ui::CostLabels)
};
} // namespace

QString dimensionName(const QString &d)
{
    if (d == QLatin1String("api"))
        return Tr::tr("API");
    if (d == QLatin1String("category"))
        return Tr::tr("Category");
    if (d == QLatin1String("region"))
        return Tr::tr("Region");
    if (d == QLatin1String("mode"))
        return Tr::tr("Billing mode");
    if (d == QLatin1String("project"))
        return Tr::tr("Enterprise project");
    if (d == QLatin1String("tag"))
        return Tr::tr("Cost tag");
    return d;
}

QString keyName(const AccountDisplay &display, const QString &d, const QString &key)
{
    if (key == kSeriesOthers)
        return Tr::tr("Others");
    if (key == kProjectShared)
        return Tr::tr("Shared (package purchases)");
    if (key == kTagUntagged)
        return Tr::tr("Untagged");
    if (d == QLatin1String("api"))
        return apiName(display, key);
    if (d == QLatin1String("region"))
        return regionName(display, key);
    if (d == QLatin1String("mode")) {
        if (key == QLatin1String("pay-per-use"))
            return Tr::tr("Pay-per-use");
        if (key == QLatin1String("package"))
            return Tr::tr("Package");
        if (key == kModeWaste)
            return Tr::tr("Waste (lapsed quota)");
    }
    if (d == QLatin1String("category")) {
        if (key == QLatin1String("GENERAL"))
            return Tr::tr("General");
        if (key == QLatin1String("CARD"))
            return Tr::tr("Cards and certificates");
        if (key == QLatin1String("RECEIPT"))
            return Tr::tr("Receipts");
    }
    return key;
}

} // namespace billing::ui
