// cost, recommend, forecast, price, tag, tags: cost management (billing-rules §10).
#include "analysis/analysissettings.h"
#include "analysis/costanalysis.h"
#include "analysis/forecast.h"
#include "analysis/pricecalculator.h"
#include "analysis/recommendations.h"
#include "args.h"
#include "cli.h"
#include "output.h"
#include "storage/tagrepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>

namespace billing::cli {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billingctl)
};

QStringList listOption(const Args &args, const char *name)
{
    QStringList out;
    for (const QString &v : args.value(QLatin1String(name)).split(u',', Qt::SkipEmptyParts))
        if (!v.trimmed().isEmpty())
            out << v.trimmed();
    return out;
}

// Builds the query from the command line; every mistake is a bad-usage error (exit 2).
Result<CostQuery> costQuery(const Args &args)
{
    CostQuery q;
    for (const char *name : {"from", "to"}) {
        const QString key = QLatin1String(name);
        if (!args.has(key))
            return Error::badUsage(Tr::tr("cost: --%1 TIME is required").arg(key));
        auto t = BillingCalendar::parseTimestamp(args.value(key));
        if (!t)
            return Error::badUsage(QStringLiteral("cost: --%1: %2").arg(key, t.error().message));
        (key == QLatin1String("from") ? q.from : q.to) = *t;
    }
    if (!args.has(QStringLiteral("granularity")))
        return Error::badUsage(Tr::tr("cost: --granularity hour|day|month is required"));
    auto g = granularityFromId(args.value(QStringLiteral("granularity")));
    if (!g)
        return Error::badUsage(Tr::tr("cost: --granularity must be hour, day or month, not \"%1\"")
                                   .arg(args.value(QStringLiteral("granularity"))));
    q.granularity = *g;
    if (args.has(QStringLiteral("view"))) {
        auto v = viewFromId(args.value(QStringLiteral("view")));
        if (!v)
            return Error::badUsage(Tr::tr("cost: --view must be cash or amortized"));
        q.view = *v;
    }
    if (args.has(QStringLiteral("group-by"))) {
        q.groupBy = listOption(args, "group-by");
        if (q.groupBy.isEmpty())
            return Error::badUsage(
                Tr::tr("cost: --group-by needs one or two of %1").arg(costDimensions().join(u',')));
    }
    q.apis = listOption(args, "api");
    q.regions = listOption(args, "region");
    q.projects = listOption(args, "project");
    q.modes = listOption(args, "mode");
    q.tags = listOption(args, "tag");
    q.categories = listOption(args, "category");
    if (Status s = validateCostQuery(q); !s)
        return Error::badUsage(QStringLiteral("cost: ") + s.error().message);
    return q;
}

int cmdCost(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("cost"), argv,
                            {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("granularity"),
                             QStringLiteral("group-by"), QStringLiteral("view"), QStringLiteral("api"),
                             QStringLiteral("region"), QStringLiteral("project"), QStringLiteral("mode"),
                             QStringLiteral("tag"), QStringLiteral("category")},
                            {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    auto q = costQuery(*args);
    if (!q)
        return cli.fail(q.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    std::optional<BillingCalendar> cal;
    auto r = (*engine)->run([&](Context &ctx) {
        cal = ctx.calendar;
        return analyzeCost(ctx, *q);
    });
    if (!r)
        return cli.fail(r.error());
    if (cli.json()) {
        QJsonArray rows;
        for (const CostRow &row : r->rows) {
            QJsonObject keys;
            for (const auto &[dim, value] : row.keys)
                keys.insert(dim, value);
            rows.append(QJsonObject{{QStringLiteral("period"), cal->format(row.period)},
                                    {QStringLiteral("keys"), keys},
                                    {QStringLiteral("calls"), row.calls},
                                    {QStringLiteral("cost"), amount(row.cost)}});
        }
        cli.printJson(QJsonObject{{QStringLiteral("from"), cal->format(q->from)},
                                  {QStringLiteral("to"), cal->format(q->to)},
                                  {QStringLiteral("granularity"), granularityId(q->granularity)},
                                  {QStringLiteral("view"), viewId(q->view)},
                                  {QStringLiteral("group_by"), QJsonArray::fromStringList(q->groupBy)},
                                  {QStringLiteral("rows"), rows},
                                  {QStringLiteral("calls"), r->calls},
                                  {QStringLiteral("total"), amount(r->total)}});
        return 0;
    }
    QTextStream &o = cli.out();
    o << Tr::tr("Cost from %1 to %2 by %3, %4 view")
             .arg(cal->format(q->from), cal->format(q->to), granularityId(q->granularity), viewId(q->view))
      << "\n";
    QString header = QStringLiteral("%1").arg(Tr::tr("Period"), -26);
    for (const QString &d : q->groupBy)
        header += QStringLiteral(" %1").arg(d, -18);
    o << header << QStringLiteral(" %1 %2").arg(Tr::tr("Calls"), 12).arg(Tr::tr("Cost"), 14) << "\n";
    for (const CostRow &row : r->rows) {
        QString line = QStringLiteral("%1").arg(cal->format(row.period), -26);
        for (const QString &d : q->groupBy)
            line += QStringLiteral(" %1").arg(row.keys.at(d), -18);
        o << line << QStringLiteral(" %1 %2").arg(row.calls, 12).arg(amount(row.cost), 14) << "\n";
    }
    o << Tr::tr("Total: %1 calls, %2").arg(r->calls).arg(amount(r->total)) << Qt::endl;
    return 0;
}

QJsonObject quoteJson(const Quote &q)
{
    QJsonArray tiers;
    for (const TierLine &t : q.tiers)
        tiers.append(QJsonObject{{QStringLiteral("tier"), t.tier + 1},
                                 {QStringLiteral("first_call"), t.firstCall},
                                 {QStringLiteral("calls"), t.calls},
                                 {QStringLiteral("price_per_1000"), amount(t.pricePer1000)},
                                 {QStringLiteral("amount"), amountFine(t.amount)}});
    QJsonObject o{{QStringLiteral("option"), q.option},
                  {QStringLiteral("monthly_cost"), amount(q.monthlyCost)},
                  {QStringLiteral("pay_per_use_calls"), q.overflowCalls},
                  {QStringLiteral("tiers"), tiers}};
    if (q.option != kModePayPerUse) {
        o.insert(QStringLiteral("package_price"), amount(q.packagePrice));
        o.insert(QStringLiteral("monthly_quota"), q.monthlyQuota);
        o.insert(QStringLiteral("break_even_calls"),
                 q.breakEvenCalls ? QJsonValue(*q.breakEvenCalls) : QJsonValue());
    }
    return o;
}

int cmdRecommend(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("recommend"), argv, {}, {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    std::optional<BillingCalendar> cal;
    auto r = (*engine)->run([&](Context &ctx) {
        cal = ctx.calendar;
        return recommend(ctx);
    });
    if (!r)
        return cli.fail(r.error());
    if (cli.json()) {
        QJsonArray list;
        for (const Recommendation &rec : *r) {
            QJsonArray options;
            for (const Quote &q : rec.options)
                options.append(quoteJson(q));
            list.append(QJsonObject{
                {QStringLiteral("api"), rec.api},
                {QStringLiteral("region"), rec.region},
                {QStringLiteral("current"), rec.current},
                {QStringLiteral("best"), rec.best},
                {QStringLiteral("monthly_calls"), rec.monthlyCalls},
                {QStringLiteral("monthly_cost_now"), amount(rec.monthlyCostNow)},
                {QStringLiteral("monthly_cost_best"), amount(rec.monthlyCostBest)},
                {QStringLiteral("saving"), amount(rec.saving)},
                {QStringLiteral("reason"), rec.reason},
                {QStringLiteral("package_id"), rec.packageId ? QJsonValue(*rec.packageId) : QJsonValue()},
                {QStringLiteral("lapsing_calls"), rec.lapsingCalls},
                {QStringLiteral("runs_out"),
                 rec.runsOutAt ? QJsonValue(cal->format(*rec.runsOutAt)) : QJsonValue()},
                {QStringLiteral("cost_after_run_out"), amount(rec.costAfterRunOut)},
                {QStringLiteral("options"), options}});
        }
        cli.printJson(QJsonObject{{QStringLiteral("recommendations"), list}});
        return 0;
    }
    QTextStream &o = cli.out();
    if (r->empty())
        o << Tr::tr("No usage in the last 30 days: nothing to advise.") << "\n";
    for (const Recommendation &rec : *r)
        o << QStringLiteral("%1 %2: ").arg(rec.api, rec.region) << rec.reason << "\n";
    o.flush();
    return 0;
}

int cmdForecast(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("forecast"), argv, {}, {}, 0, 1);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    std::optional<BillingCalendar> cal;
    auto f = (*engine)->run([&](Context &ctx) {
        cal = ctx.calendar;
        return forecastMonth(ctx, args->at(0));
    });
    if (!f)
        return cli.fail(f.error());
    if (cli.json()) {
        QJsonArray daily;
        for (Money m : f->daily)
            daily.append(amount(m));
        cli.printJson(QJsonObject{{QStringLiteral("month"), f->month},
                                  {QStringLiteral("as_of"), cal->format(f->asOf)},
                                  {QStringLiteral("days_in_month"), f->daysInMonth},
                                  {QStringLiteral("complete_days"), f->completeDays},
                                  {QStringLiteral("daily"), daily},
                                  {QStringLiteral("partial_day"), amount(f->partialDay)},
                                  {QStringLiteral("actual"), amount(f->actual)},
                                  {QStringLiteral("trend_per_day"), amount(f->trendPerDay)},
                                  {QStringLiteral("projected"), amount(f->projected)},
                                  {QStringLiteral("low"), amount(f->low)},
                                  {QStringLiteral("high"), amount(f->high)},
                                  {QStringLiteral("interval_known"), f->intervalKnown}});
        return 0;
    }
    QTextStream &o = cli.out();
    o << Tr::tr("Month %1, settled until %2 (%3 of %4 days complete)")
             .arg(f->month, cal->format(f->asOf))
             .arg(f->completeDays)
             .arg(f->daysInMonth)
      << "\n";
    o << Tr::tr("Month to date: %1").arg(amount(f->actual)) << "\n";
    if (f->intervalKnown)
        o << Tr::tr("Forecast at month end: %1 (about 95 %: %2 to %3)")
                 .arg(amount(f->projected), amount(f->low), amount(f->high))
          << Qt::endl;
    else
        o << Tr::tr("Forecast at month end: %1 (too few days for an interval)").arg(amount(f->projected))
          << Qt::endl;
    return 0;
}

int cmdPrice(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("price"), argv, {}, {}, 2, 2);
    if (!args)
        return cli.fail(args.error());
    bool ok = false;
    const qint64 calls = args->at(1).toLongLong(&ok);
    if (!ok || calls < 0)
        return cli.fail(Error::badUsage(Tr::tr("price: \"%1\" is not a number of calls").arg(args->at(1))));
    // The account's catalog when there is an account, else the one shipped with the program.
    std::optional<Catalog> builtIn;
    const Catalog *catalog = nullptr;
    Instant at = std::numeric_limits<Instant>::max();
    auto engine = cli.openEngine();
    if (engine) {
        catalog = &(*engine)->catalog();
        at = (*engine)->clock().now();
    } else {
        auto c = Catalog::builtIn();
        if (!c)
            return cli.fail(c.error());
        builtIn = std::move(*c);
        catalog = &*builtIn;
    }
    auto quotes = priceCalculator(*catalog, args->at(0), calls, at);
    if (!quotes)
        return cli.fail(quotes.error());
    if (cli.json()) {
        QJsonArray list;
        for (const Quote &q : *quotes)
            list.append(quoteJson(q));
        cli.printJson(QJsonObject{{QStringLiteral("api"), args->at(0)},
                                  {QStringLiteral("monthly_calls"), calls},
                                  {QStringLiteral("currency"), catalog->currency()},
                                  {QStringLiteral("quotes"), list}});
        return 0;
    }
    QTextStream &o = cli.out();
    o << Tr::tr("%1 calls a month of %2, amounts in %3")
             .arg(QLocale::c().toString(calls), args->at(0), catalog->currency())
      << "\n";
    for (const Quote &q : *quotes) {
        o << QStringLiteral("%1 %2").arg(q.option, -12).arg(amount(q.monthlyCost), 14);
        if (q.option != kModePayPerUse)
            o << "  "
              << Tr::tr("package %1 / 12 + %2 calls pay-per-use; cheaper than pay-per-use from %3 calls")
                     .arg(amount(q.packagePrice), QLocale::c().toString(q.overflowCalls),
                          q.breakEvenCalls ? QLocale::c().toString(*q.breakEvenCalls) : Tr::tr("(never)"));
        o << "\n";
        for (const TierLine &t : q.tiers)
            o << "    "
              << Tr::tr("tier %1: %2 calls from #%3 at %4 per 1000 = %5")
                     .arg(t.tier + 1)
                     .arg(QLocale::c().toString(t.calls), QLocale::c().toString(t.firstCall),
                          amount(t.pricePer1000), amountFine(t.amount))
              << "\n";
    }
    o.flush();
    return 0;
}

int cmdTag(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("tag"), argv, {}, {}, 1, -1);
    if (!args)
        return cli.fail(args.error());
    const QString project = args->at(0);
    const QStringList tags = args->positional().mid(1);
    for (const QString &t : tags)
        if (Status s = TagRepository::validate(t); !s)
            return cli.fail(s.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    auto r = (*engine)->run([&](Context &ctx) { return setProjectTags(ctx, project, tags); });
    if (!r)
        return cli.fail(r.error());
    if (cli.json())
        cli.printJson(QJsonObject{{QStringLiteral("project"), project},
                                  {QStringLiteral("tags"), QJsonArray::fromStringList(*r)}});
    else
        cli.out() << Tr::tr("%1: %2").arg(project,
                                          r->isEmpty() ? Tr::tr("(untagged)") : r->join(QStringLiteral(", ")))
                  << Qt::endl;
    return 0;
}

int cmdTags(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("tags"), argv, {}, {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    auto r = (*engine)->run([&](Context &ctx) { return TagRepository(ctx.db).all(); });
    if (!r)
        return cli.fail(r.error());
    if (cli.json()) {
        QJsonArray projects;
        QStringList all;
        for (const auto &[project, tags] : *r) {
            projects.append(QJsonObject{{QStringLiteral("project"), project},
                                        {QStringLiteral("tags"), QJsonArray::fromStringList(tags)}});
            all << tags;
        }
        all.removeDuplicates();
        all.sort();
        cli.printJson(QJsonObject{{QStringLiteral("projects"), projects},
                                  {QStringLiteral("tags"), QJsonArray::fromStringList(all)}});
        return 0;
    }
    if (r->empty())
        cli.out() << Tr::tr("No project has tags.") << "\n";
    for (const auto &[project, tags] : *r)
        cli.out() << Tr::tr("%1: %2").arg(project, tags.join(QStringLiteral(", "))) << "\n";
    cli.out().flush();
    return 0;
}
} // namespace

void addAnalysisCommands(std::vector<Cli::Command> &c)
{
    c.push_back(
        {QStringLiteral("cost"),
         QStringLiteral("cost --from TIME --to TIME --granularity hour|day|month [--group-by DIM[,DIM]] "
                        "[--view cash|amortized] [--api A] [--region R] [--project P] [--mode M] [--tag T] "
                        "[--category C]   (DIM: api, category, region, mode, project, tag)"),
         cmdCost});
    c.push_back({QStringLiteral("recommend"),
                 QStringLiteral("recommend   (cheapest option per API and region)"), cmdRecommend});
    c.push_back({QStringLiteral("forecast"),
                 QStringLiteral("forecast [YYYY-MM]   (month-end forecast of the cash cost)"), cmdForecast});
    c.push_back({QStringLiteral("price"),
                 QStringLiteral("price API CALLS   (monthly cost pay-per-use and per package)"), cmdPrice});
    c.push_back({QStringLiteral("tag"),
                 QStringLiteral("tag PROJECT [TAG...]   (set a project's cost tags; none clears)"), cmdTag});
    c.push_back({QStringLiteral("tags"), QStringLiteral("tags   (list the projects' cost tags)"), cmdTags});
}

} // namespace billing::cli
