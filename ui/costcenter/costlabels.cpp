#include "costcenter/costlabels.h"
#include "costcenter/tr.h"

#include "analysis/costanalysis.h"
#include "analysis/costseries.h"

#include <QCoreApplication>

namespace billing::ui {

QString dimensionName(const QString &d)
{
    const auto dim = costDimensionFromId(d);
    if (!dim)
        return d;
    switch (*dim) {
    case CostDimension::Api:
        return CostCenterTr::tr("API");
    case CostDimension::Category:
        return CostCenterTr::tr("Category");
    case CostDimension::Region:
        return CostCenterTr::tr("Region");
    case CostDimension::Mode:
        return CostCenterTr::tr("Billing mode");
    case CostDimension::Project:
        return CostCenterTr::tr("Enterprise project");
    case CostDimension::Tag:
        return CostCenterTr::tr("Cost tag");
    }
    return d;
}

QString keyName(const AccountDisplay &display, const QString &d, const QString &key)
{
    if (key == kSeriesOthers)
        return CostCenterTr::tr("Others");
    if (key == kProjectShared)
        return CostCenterTr::tr("Shared (package purchases)");
    if (key == kTagUntagged)
        return CostCenterTr::tr("Untagged");
    const auto dim = costDimensionFromId(d);
    if (!dim)
        return key;
    switch (*dim) {
    case CostDimension::Api:
        return apiName(display, key);
    case CostDimension::Region:
        return regionName(display, key);
    case CostDimension::Mode:
        if (key == QLatin1String("pay-per-use"))
            return CostCenterTr::tr("Pay-per-use");
        if (key == QLatin1String("package"))
            return CostCenterTr::tr("Package");
        if (key == kModeWaste)
            return CostCenterTr::tr("Waste (lapsed quota)");
        break;
    case CostDimension::Category:
        if (key == QLatin1String("GENERAL"))
            return CostCenterTr::tr("General");
        if (key == QLatin1String("CARD"))
            return CostCenterTr::tr("Cards and certificates");
        if (key == QLatin1String("RECEIPT"))
            return CostCenterTr::tr("Receipts");
        break;
    case CostDimension::Project:
    case CostDimension::Tag:
        break;
    }
    return key;
}

} // namespace billing::ui
