// budget set|list|remove: monthly budgets with alert thresholds (billing-rules §10).
#include "analysis/analysissettings.h"
#include "analysis/budgets.h"
#include "args.h"
#include "cli.h"
#include "output.h"
#include "storage/budgetrepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace billing::cli {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billingctl)
};

QJsonArray thresholdsJson(const QList<int> &list)
{
    QJsonArray a;
    for (int t : list)
        a.append(t);
    return a;
}

int budgetSet(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("budget set"), argv,
                            {QStringLiteral("actual"), QStringLiteral("forecast")}, {}, 2, 2);
    if (!args)
        return cli.fail(args.error());
    Budget b;
    b.name = args->at(0);
    auto amountValue = Money::parse(args->at(1));
    if (!amountValue)
        return cli.fail(Error::badUsage(Tr::tr("budget set: \"%1\" is not an amount").arg(args->at(1))));
    b.amount = *amountValue;
    auto actual = parseThresholds(args->has(QStringLiteral("actual")) ? args->value(QStringLiteral("actual"))
                                                                      : QStringLiteral("80,100"));
    if (!actual)
        return cli.fail(actual.error());
    auto forecast =
        parseThresholds(args->has(QStringLiteral("forecast")) ? args->value(QStringLiteral("forecast"))
                                                              : QStringLiteral("100"));
    if (!forecast)
        return cli.fail(forecast.error());
    b.actualThresholds = *actual;
    b.forecastThresholds = *forecast;
    if (Status s = validateBudget(b); !s)
        return cli.fail(s.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    auto id = (*engine)->run([&](Context &ctx) -> Result<qint64> {
        auto existing = BudgetRepository(ctx.db).byName(b.name);
        if (!existing)
            return existing.error();
        Budget stored = b;
        if (*existing)
            stored.id = (*existing)->id;
        return putBudget(ctx, stored);
    });
    if (!id)
        return cli.fail(id.error());
    if (cli.json())
        cli.printJson(
            QJsonObject{{QStringLiteral("id"), *id},
                        {QStringLiteral("name"), b.name},
                        {QStringLiteral("amount"), amount(b.amount)},
                        {QStringLiteral("actual_thresholds"), thresholdsJson(b.actualThresholds)},
                        {QStringLiteral("forecast_thresholds"), thresholdsJson(b.forecastThresholds)}});
    else
        cli.out() << Tr::tr("Budget %1: %2 a month, alerts at %3 % of actual and %4 % of forecast spend")
                         .arg(b.name, amount(b.amount), formatThresholds(b.actualThresholds),
                              formatThresholds(b.forecastThresholds))
                  << Qt::endl;
    return 0;
}

int budgetList(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("budget list"), argv, {}, {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    auto r = (*engine)->run([](Context &ctx) { return budgetStatuses(ctx); });
    if (!r)
        return cli.fail(r.error());
    if (cli.json()) {
        QJsonArray list;
        for (const BudgetStatus &s : *r)
            list.append(QJsonObject{
                {QStringLiteral("name"), s.budget.name},
                {QStringLiteral("amount"), amount(s.budget.amount)},
                {QStringLiteral("actual_thresholds"), thresholdsJson(s.budget.actualThresholds)},
                {QStringLiteral("forecast_thresholds"), thresholdsJson(s.budget.forecastThresholds)},
                {QStringLiteral("month"), s.month},
                {QStringLiteral("actual"), amount(s.actual)},
                {QStringLiteral("forecast"), amount(s.forecast.projected)}});
        cli.printJson(QJsonObject{{QStringLiteral("budgets"), list}});
        return 0;
    }
    if (r->empty())
        cli.out() << Tr::tr("No budgets.") << Qt::endl;
    for (const BudgetStatus &s : *r)
        cli.out() << Tr::tr("%1: %2 a month; %3 so far %4 (%5 %), forecast %6 (%7 %)")
                         .arg(s.budget.name, amount(s.budget.amount), s.month, amount(s.actual))
                         .arg(s.actualPercent)
                         .arg(amount(s.forecast.projected))
                         .arg(s.forecastPercent)
                  << Qt::endl;
    return 0;
}

int budgetRemove(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("budget remove"), argv, {}, {}, 1, 1);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    const QString name = args->at(0);
    Status s = (*engine)->run([&](Context &ctx) -> Status {
        BudgetRepository repo(ctx.db);
        auto existing = repo.byName(name);
        if (!existing)
            return existing.error();
        if (!*existing)
            return Error::refused(Tr::tr("there is no budget named \"%1\"").arg(name));
        return removeBudget(ctx, (*existing)->id);
    });
    if (!s)
        return cli.fail(s.error());
    if (!cli.json())
        cli.out() << Tr::tr("Budget %1 removed").arg(name) << Qt::endl;
    else
        cli.printJson(QJsonObject{{QStringLiteral("removed"), name}});
    return 0;
}

int cmdBudget(Cli &cli, const QStringList &argv)
{
    const QString sub = argv.value(0);
    if (sub == QLatin1String("set"))
        return budgetSet(cli, argv.mid(1));
    if (sub == QLatin1String("list"))
        return budgetList(cli, argv.mid(1));
    if (sub == QLatin1String("remove"))
        return budgetRemove(cli, argv.mid(1));
    return cli.fail(Error::badUsage(Tr::tr("budget: give set, list or remove")));
}
} // namespace

void addBudgetCommands(std::vector<Cli::Command> &c)
{
    c.push_back({QStringLiteral("budget"),
                 QStringLiteral("budget set NAME AMOUNT [--actual 80,100] [--forecast 100] | budget list | "
                                "budget remove NAME   (monthly budgets and their alerts)"),
                 cmdBudget});
}

} // namespace billing::cli
