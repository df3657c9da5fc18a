#pragma once

// What the scenario planner's form offers and checks (issue #16): the account's APIs, regions, projects,
// package sizes per API, packages and services, and the problems of a change seen before running it.
#include "core/result.h"
#include "domain/types.h"
#include "engine/whatif.h"
#include "time/billingcalendar.h"

#include <QDate>
#include <QStringList>

#include <vector>

namespace billing {

struct Context;

namespace whatif {

struct Choices
{
    struct Named
    {
        QString id, name;
    };
    struct SkuChoice
    {
        QString api, sku;
        qint64 calls = 0;
        Money price; // of this size for this API now
    };
    BillingCalendar calendar;
    QDate today; // in the billing time zone
    std::vector<Named> apis, regions;
    QStringList projects; // enterprise projects that have records
    std::vector<SkuChoice> skus;
    std::vector<Package> packages; // neither cancelled nor ended
    std::vector<ServiceState> services;

    // The first date a change may take (tomorrow) and the last day of `months` simulated months.
    QDate firstDate() const { return today.addDays(1); }
    QDate lastDate(int months) const;
    std::vector<SkuChoice> skusOf(const QString &api) const;
    const Package *package(qint64 id) const;
};

Result<Choices> choices(Context &ctx);

struct Problem
{
    QString message;       // empty: none
    bool blocking = false; // false: the run would only list the change as refused (a warning)
};
// The problem of change `index` of `s` when `months` months are simulated: what `billingctl whatif`
// would refuse before running (blocking) or list under refused_changes (a warning).
Problem checkChange(const Choices &c, const Scenario &s, size_t index, int months);

} // namespace whatif
} // namespace billing
