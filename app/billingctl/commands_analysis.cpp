// cost, recommend, forecast, price, anomalies, tag, tags: cost management (billing-rules §10).
#include "analysis/analysissettings.h"
#include "analysis/anomalies.h"
#include "analysis/costanalysis.h"
#include "analysis/costmeasure.h"
#include "analysis/forecast.h"
#include "analysis/pricecalculator.h"
#include "analysis/recommendations.h"
#include "commands.h"
#include "core/shown.h"
#include "json.h"
#include "storage/tagrepository.h"
#include "tr.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

namespace billing::cli {

namespace {

QStringList listOption(const Call &call, const char *name)
{
    QStringList out;
    for (const QString &v : call.value(QLatin1String(name)).split(u',', Qt::SkipEmptyParts))
        if (!v.trimmed().isEmpty())
            out << v.trimmed();
    return out;
}

// Builds the query from the command line; every mistake is a bad-usage error (exit 2).
Result<CostQuery> costQuery(const Call &call)
{
    CostQuery q;
    for (const char *name : {"from", "to"}) {
        const QString key = QLatin1String(name);
        if (!call.has(key))
            return Error::badUsage(CliTr::tr("cost: --%1 TIME is required").arg(key));
        auto t = BillingCalendar::parseTimestamp(call.value(key));
        if (!t)
            return Error::badUsage(QStringLiteral("cost: --%1: %2").arg(key, t.error().message));
        (key == QLatin1String("from") ? q.from : q.to) = *t;
    }
    if (!call.has(QStringLiteral("granularity")))
        return Error::badUsage(CliTr::tr("cost: --granularity hour|day|month is required"));
    auto g = granularityFromId(call.value(QStringLiteral("granularity")));
    if (!g)
        return Error::badUsage(CliTr::tr("cost: --granularity must be hour, day or month, not \"%1\"")
                                   .arg(call.value(QStringLiteral("granularity"))));
    q.granularity = *g;
    if (call.has(QStringLiteral("view"))) {
        auto v = viewFromId(call.value(QStringLiteral("view")));
        if (!v)
            return Error::badUsage(CliTr::tr("cost: --view must be cash or amortized"));
        q.view = *v;
    }
    if (call.has(QStringLiteral("group-by"))) {
        q.groupBy = listOption(call, "group-by");
        if (q.groupBy.isEmpty())
            return Error::badUsage(
                CliTr::tr("cost: --group-by needs one or two of %1").arg(costDimensions().join(u',')));
    }
    q.apis = listOption(call, "api");
    q.regions = listOption(call, "region");
    q.projects = listOption(call, "project");
    q.modes = listOption(call, "mode");
    q.tags = listOption(call, "tag");
    q.categories = listOption(call, "category");
    if (Status s = validateCostQuery(q); !s)
        return Error::badUsage(QStringLiteral("cost: ") + s.error().message);
    return q;
}

// `--measure`: absent means cost; anything but cost, calls and unit-cost is bad usage (exit 2).
Result<CostMeasure> costMeasure(const Call &call)
{
    if (!call.has(QStringLiteral("measure")))
        return CostMeasure::Cost;
    const QString id = call.value(QStringLiteral("measure"));
    if (auto m = measureFromId(id))
        return *m;
    return Error::badUsage(
        CliTr::tr("cost: --measure must be cost, calls or unit-cost, not \"%1\"").arg(shownValue(id)));
}

// A unit cost as the text output shows it: 8 decimals, "—" where there are no billable calls.
QString unitCostText(const std::optional<Money> &u)
{
    return u ? json::amountFine(*u) : QStringLiteral("\u2014");
}

QStringList costLines(const CostQuery &q, const CostResult &r, const BillingCalendar &cal,
                      CostMeasure measure, const ResultUnitCosts *unitCosts)
{
    QStringList o;
    const QString from = cal.format(q.from), to = cal.format(q.to);
    switch (measure) {
    case CostMeasure::Cost:
        o << CliTr::tr("Cost from %1 to %2 by %3, %4 view")
                 .arg(from, to, granularityId(q.granularity), viewId(q.view));
        break;
    case CostMeasure::Calls:
        o << CliTr::tr("Billable calls from %1 to %2 by %3, %4 view")
                 .arg(from, to, granularityId(q.granularity), viewId(q.view));
        break;
    case CostMeasure::UnitCost:
        o << CliTr::tr("Cost per 1,000 billable calls from %1 to %2 by %3, %4 view")
                 .arg(from, to, granularityId(q.granularity), viewId(q.view));
        break;
    }
    QString header = QStringLiteral("%1").arg(CliTr::tr("Period"), -26);
    for (const QString &d : q.groupBy)
        header += QStringLiteral(" %1").arg(d, -18);
    header += QStringLiteral(" %1").arg(CliTr::tr("Calls"), 12);
    if (measure != CostMeasure::Calls)
        header += QStringLiteral(" %1").arg(CliTr::tr("Cost"), 14);
    if (measure == CostMeasure::UnitCost)
        header += QStringLiteral(" %1").arg(CliTr::tr("Per 1,000"), 16);
    o << header;
    for (size_t i = 0; i < r.rows.size(); ++i) {
        const CostRow &row = r.rows[i];
        QString line = QStringLiteral("%1").arg(cal.format(row.period), -26);
        for (const QString &d : q.groupBy)
            line += QStringLiteral(" %1").arg(row.keys.at(d), -18);
        line += QStringLiteral(" %1").arg(row.calls, 12);
        if (measure != CostMeasure::Calls)
            line += QStringLiteral(" %1").arg(json::amount(row.cost), 14);
        if (unitCosts)
            line += QStringLiteral(" %1").arg(unitCostText(unitCosts->rows[i]), 16);
        o << line;
    }
    if (measure == CostMeasure::Calls)
        o << CliTr::tr("Total: %1 calls").arg(r.calls);
    else if (unitCosts)
        o << CliTr::tr("Total: %1 calls, %2, %3 per 1,000 calls")
                 .arg(r.calls)
                 .arg(json::amount(r.total), unitCostText(unitCosts->total));
    else
        o << CliTr::tr("Total: %1 calls, %2").arg(r.calls).arg(json::amount(r.total));
    return o;
}

QStringList forecastLines(const Forecast &f, const BillingCalendar &cal)
{
    QStringList o;
    o << CliTr::tr("Month %1, settled until %2 (%3 of %4 days complete)")
             .arg(f.month, cal.format(f.asOf))
             .arg(f.completeDays)
             .arg(f.daysInMonth);
    o << CliTr::tr("Month to date: %1").arg(json::amount(f.actual));
    if (f.intervalKnown)
        o << CliTr::tr("Forecast at month end: %1 (about 95 %: %2 to %3)")
                 .arg(json::amount(f.projected), json::amount(f.low), json::amount(f.high));
    else
        o << CliTr::tr("Forecast at month end: %1 (too few days for an interval)")
                 .arg(json::amount(f.projected));
    return o;
}

QStringList priceLines(const QString &api, qint64 calls, const QString &currency,
                       const std::vector<Quote> &quotes)
{
    QStringList o;
    o << CliTr::tr("%1 calls a month of %2, amounts in %3").arg(QLocale::c().toString(calls), api, currency);
    for (const Quote &q : quotes) {
        QString line = QStringLiteral("%1 %2").arg(q.option, -12).arg(json::amount(q.monthlyCost), 14);
        if (q.option != kModePayPerUse)
            line += QStringLiteral("  ") + CliTr::tr("package %1 / 12 + %2 calls pay-per-use; %3")
                                               .arg(json::amount(q.packagePrice),
                                                    QLocale::c().toString(q.overflowCalls),
                                                    cheaperRangeText(q.cheaper, QLocale::c()));
        o << line;
        for (const TierLine &t : q.tiers)
            o << QStringLiteral("    ") + CliTr::tr("tier %1: %2 calls from #%3 at %4 per 1000 = %5")
                                              .arg(t.tier + 1)
                                              .arg(QLocale::c().toString(t.calls),
                                                   QLocale::c().toString(t.firstCall),
                                                   json::amount(t.pricePer1000), json::amountFine(t.amount));
    }
    return o;
}
// One anomaly on one line: the day and key, cost against baseline, the reference day, the causes.
QString anomalyLine(const Anomaly &a, const BillingCalendar &cal)
{
    QStringList causes;
    for (const QString &id : anomalyCauseIds())
        causes << CliTr::tr("%1 %2").arg(anomalyCauseName(id), json::amount(a.causes.byId(id)));
    return CliTr::tr("%1 %2 %3 %4: %5 %6 against a baseline of %7; reference day %8 cost %9, difference %10 "
                     "(%11); main cause: %12; calls %13 (reference %14), failed %15 (reference %16)")
        .arg(json::day(a.day, cal), a.api, a.region, a.project,
             a.isRise() ? CliTr::tr("rise to") : CliTr::tr("drop to"), json::amount(a.cost),
             json::amount(a.baseline), json::day(a.referenceDay, cal))
        .arg(json::amount(a.referenceCost), json::amount(a.difference), causes.join(QStringLiteral(", ")),
             anomalyCauseName(a.causes.dominant()))
        .arg(a.calls)
        .arg(a.referenceCalls)
        .arg(a.failedCalls)
        .arg(a.referenceFailedCalls);
}
} // namespace

Reply cmdCost(Call &call)
{
    auto q = costQuery(call);
    if (!q)
        return q.error();
    auto measure = costMeasure(call);
    if (!measure)
        return measure.error();
    return call.run([&](Context &ctx) -> Reply {
        auto r = analyzeCost(ctx, *q);
        if (!r)
            return r.error();
        std::optional<ResultUnitCosts> unit;
        if (*measure == CostMeasure::UnitCost) {
            auto u = resultUnitCosts(*r);
            if (!u)
                return u.error();
            unit = std::move(*u);
        }
        const ResultUnitCosts *u = unit ? &*unit : nullptr;
        return Output{json::cost(*q, *r, ctx.calendar, *measure, u),
                      costLines(*q, *r, ctx.calendar, *measure, u)};
    });
}

Reply cmdRecommend(Call &call)
{
    return call.run([&](Context &ctx) -> Reply {
        auto r = recommend(ctx);
        if (!r)
            return r.error();
        return Output::list(
            QStringLiteral("recommendations"), *r,
            [&](const Recommendation &rec) { return json::recommendation(rec, ctx.calendar); },
            [](const Recommendation &rec) {
                return QStringLiteral("%1 %2: ").arg(rec.api, rec.region) + rec.reason;
            },
            CliTr::tr("No usage in the last 30 days: nothing to advise."));
    });
}

Reply cmdForecast(Call &call)
{
    return call.run([&](Context &ctx) -> Reply {
        auto f = forecastMonth(ctx, call.at(0));
        if (!f)
            return f.error();
        return Output{json::forecast(*f, ctx.calendar), forecastLines(*f, ctx.calendar)};
    });
}

Reply cmdPrice(Call &call)
{
    bool ok = false;
    const qint64 calls = call.at(1).toLongLong(&ok);
    if (!ok || calls < 0)
        return Error::badUsage(CliTr::tr("price: \"%1\" is not a number of calls").arg(call.at(1)));
    // The account's catalog when there is an account, else the one shipped with the program.
    std::optional<Catalog> builtIn;
    const Catalog *catalog = nullptr;
    Instant at = std::numeric_limits<Instant>::max();
    if (auto engine = call.engine()) {
        catalog = &(*engine)->catalog();
        at = (*engine)->clock().now();
    } else {
        auto c = Catalog::builtIn();
        if (!c)
            return c.error();
        builtIn = std::move(*c);
        catalog = &*builtIn;
    }
    auto quotes = priceCalculator(*catalog, call.at(0), calls, at);
    if (!quotes)
        return quotes.error();
    QJsonArray list;
    for (const Quote &q : *quotes)
        list.append(json::quote(q));
    return Output{QJsonObject{{QStringLiteral("api"), call.at(0)},
                              {QStringLiteral("monthly_calls"), calls},
                              {QStringLiteral("currency"), catalog->currency()},
                              {QStringLiteral("quotes"), list}},
                  priceLines(call.at(0), calls, catalog->currency(), *quotes)};
}

Reply cmdAnomalies(Call &call)
{
    Instant range[2] = {0, 0};
    for (int i = 0; i < 2; ++i) {
        const QString key = QLatin1String(i == 0 ? "from" : "to");
        if (!call.has(key))
            return Error::badUsage(CliTr::tr("anomalies: --%1 TIME is required").arg(key));
        auto t = BillingCalendar::parseTimestamp(call.value(key));
        if (!t)
            return Error::badUsage(QStringLiteral("anomalies: --%1: %2").arg(key, t.error().message));
        range[i] = *t;
    }
    if (Status s = validateAnomalyRange(range[0], range[1]); !s)
        return Error::badUsage(QStringLiteral("anomalies: ") + s.error().message);
    return call.run([&](Context &ctx) -> Reply {
        auto r = findAnomalies(ctx, range[0], range[1]);
        if (!r)
            return r.error();
        return Output::list(
            QStringLiteral("anomalies"), *r, [&](const Anomaly &a) { return json::anomaly(a, ctx.calendar); },
            [&](const Anomaly &a) { return anomalyLine(a, ctx.calendar); },
            CliTr::tr("No anomalies from %1 to %2.")
                .arg(ctx.calendar.format(range[0]), ctx.calendar.format(range[1])));
    });
}

Reply cmdTag(Call &call)
{
    const QString project = call.at(0);
    const QStringList tags = call.positional().mid(1);
    for (const QString &t : tags)
        if (Status s = TagRepository::validate(t); !s)
            return s.error();
    auto r = call.run([&](Context &ctx) { return setProjectTags(ctx, project, tags); });
    if (!r)
        return r.error();
    return Output{QJsonObject{{QStringLiteral("project"), project},
                              {QStringLiteral("tags"), QJsonArray::fromStringList(*r)}},
                  {CliTr::tr("%1: %2").arg(project, r->isEmpty() ? CliTr::tr("(untagged)")
                                                                 : r->join(QStringLiteral(", ")))}};
}

Reply cmdTags(Call &call)
{
    auto r = call.run([&](Context &ctx) { return TagRepository(ctx.db).all(); });
    if (!r)
        return r.error();
    Output out;
    QJsonArray projects;
    QStringList all;
    for (const auto &[project, tags] : *r) {
        projects.append(QJsonObject{{QStringLiteral("project"), project},
                                    {QStringLiteral("tags"), QJsonArray::fromStringList(tags)}});
        all << tags;
        out.lines << CliTr::tr("%1: %2").arg(project, tags.join(QStringLiteral(", ")));
    }
    if (r->empty())
        out.lines << CliTr::tr("No project has tags.");
    all.removeDuplicates();
    all.sort();
    out.json = QJsonObject{{QStringLiteral("projects"), projects},
                           {QStringLiteral("tags"), QJsonArray::fromStringList(all)}};
    return out;
}

} // namespace billing::cli
