// What the scenario planner's form offers and checks (issue #16, billing-rules §10).
#include "engine/whatifchoices.h"

#include "engine/context.h"
#include "engine/tr.h"

namespace billing::whatif {

QDate Choices::lastDate(int months) const
{
    const QDate firstOfNext = QDate(today.year(), today.month(), 1).addMonths(1);
    return firstOfNext.addMonths(months).addDays(-1);
}

std::vector<Choices::SkuChoice> Choices::skusOf(const QString &api) const
{
    std::vector<SkuChoice> out;
    for (const SkuChoice &s : skus)
        if (s.api == api)
            out.push_back(s);
    return out;
}

const Package *Choices::package(qint64 id) const
{
    for (const Package &p : packages)
        if (p.id == id)
            return &p;
    return nullptr;
}

Result<Choices> choices(Context &ctx)
{
    Choices c;
    c.calendar = ctx.calendar;
    const CivilDate d = ctx.calendar.dateOf(ctx.now);
    c.today = QDate(d.year, d.month, d.day);
    for (const ApiInfo &a : ctx.catalog.apis())
        c.apis.push_back({a.id, a.name});
    for (const RegionInfo &r : ctx.catalog.regions())
        c.regions.push_back({r.id, r.name});
    auto projects = ctx.records.projects();
    if (!projects)
        return projects.error();
    c.projects = *projects;
    for (const ApiInfo &a : ctx.catalog.apis())
        for (const Sku &s : ctx.catalog.priceListAt(ctx.now).skus)
            if (auto price = ctx.catalog.packagePrice(a.id, s.id, ctx.now))
                c.skus.push_back({a.id, s.id, s.calls, *price});
    auto packages = ctx.subscriptions.packages();
    if (!packages)
        return packages.error();
    for (const Package &p : *packages)
        if (!p.cancelledAt && ctx.now < p.endAt)
            c.packages.push_back(p);
    auto services = ctx.subscriptions.services();
    if (!services)
        return services.error();
    c.services = *services;
    return c;
}

namespace {

Problem blocking(const QString &m)
{
    return {m, true};
}

// Whether (api, region) is enabled on `date` after the scenario's earlier enable/disable changes.
bool enabledOn(const Choices &c, const Scenario &s, size_t index, const QString &api, const QString &region)
{
    bool on = false;
    for (const ServiceState &st : c.services)
        if (st.api == api && st.region == region)
            on = st.enabled;
    const QString date = s.changes[index].date;
    for (size_t i = 0; i < s.changes.size(); ++i) {
        const Change &x = s.changes[i];
        if (i == index || (x.type != Change::Type::Enable && x.type != Change::Type::Disable))
            continue;
        if (x.api != api || x.region != region || x.date > date || (x.date == date && i > index))
            continue;
        on = x.type == Change::Type::Enable;
    }
    return on;
}
} // namespace

Problem checkChange(const Choices &c, const Scenario &s, size_t index, int months)
{
    const Change &x = s.changes[index];
    switch (x.type) {
    case Change::Type::Volume:
        if (x.percent < -100)
            return blocking(EngineTr::tr("the volume cannot fall by more than 100 %"));
        break;
    case Change::Type::Move:
        if (x.api.isEmpty() || x.toApi.isEmpty())
            return blocking(EngineTr::tr("choose the API the calls move from and the one they move to"));
        if (x.api == x.toApi)
            return blocking(EngineTr::tr("calls cannot move from %1 to the same API").arg(x.api));
        break;
    case Change::Type::Buy:
        if (x.sku.isEmpty())
            return blocking(EngineTr::tr("choose a package size"));
        break;
    case Change::Type::Renew:
    case Change::Type::Unsubscribe:
        if (x.packageId <= 0)
            return blocking(EngineTr::tr("choose a package"));
        if (!c.package(x.packageId))
            return blocking(EngineTr::tr("there is no package %1 that has not ended").arg(x.packageId));
        break;
    case Change::Type::Enable:
    case Change::Type::Disable:
    case Change::Type::Guard:
        break;
    }
    if (x.type == Change::Type::Guard) {
        if (x.guard.name.trimmed().isEmpty())
            return blocking(EngineTr::tr("give the guard a name"));
        const QString amount = x.guard.monthCost.value_or(x.guard.balanceFloor.value_or(QString()));
        const auto money = Money::parse(amount);
        if (!money || (x.guard.monthCost && *money <= Money()))
            return blocking(EngineTr::tr("the guard needs an amount such as 500.00, not \"%1\"").arg(amount));
    }
    if (x.type == Change::Type::Volume || x.type == Change::Type::Move)
        return {};
    const QDate date = QDate::fromString(x.date, Qt::ISODate);
    if (!date.isValid())
        return blocking(EngineTr::tr("choose a date"));
    if (date < c.firstDate())
        return blocking(
            EngineTr::tr("the date %1 is not after today (%2)").arg(x.date, c.today.toString(Qt::ISODate)));
    if (date > c.lastDate(months))
        return blocking(EngineTr::tr("the date %1 is after the %n simulated month(s) (the last day is %2)",
                                     nullptr, months)
                            .arg(x.date, c.lastDate(months).toString(Qt::ISODate)));
    const Instant at = c.calendar.startOfDate(CivilDate{date.year(), date.month(), date.day()});
    if (x.type == Change::Type::Unsubscribe) {
        const Package *p = c.package(x.packageId);
        if (p->effectiveAt <= at)
            return blocking(EngineTr::tr("package %1 is in force from %2: a package in force cannot be "
                                         "unsubscribed")
                                .arg(x.packageId)
                                .arg(c.calendar.format(p->effectiveAt).left(10)));
    }
    if (x.type == Change::Type::Enable || x.type == Change::Type::Disable) {
        const bool enable = x.type == Change::Type::Enable;
        if (enabledOn(c, s, index, x.api, x.region) == enable)
            return {enable ? EngineTr::tr("%1 in %2 is already enabled then: the change does nothing")
                                 .arg(x.api, x.region)
                           : EngineTr::tr("%1 in %2 is already disabled then: the change does nothing")
                                 .arg(x.api, x.region),
                    false};
    }
    return {};
}

} // namespace billing::whatif
