#include "analysis/budgets.h"

#include "engine/context.h"

#include <QJsonObject>

namespace billing {

namespace {
bool crossed(Money spend, Money amount, int threshold)
{
    return Int128(spend.units()) * 100 >= Int128(amount.units()) * threshold;
}

int percentOf(Money spend, Money amount)
{
    if (amount.units() <= 0)
        return 0;
    return int(Int128(spend.units()) * 100 / amount.units());
}
} // namespace

std::vector<std::pair<int, Money>> thresholdAmounts(const Budget &budget)
{
    std::vector<std::pair<int, Money>> out;
    for (int t : budget.actualThresholds) {
        auto m = Money::scaled(budget.amount, t, 100);
        out.emplace_back(t, m ? m->truncatedToCents() : budget.amount);
    }
    return out;
}

Status checkBudgets(Context &ctx, Instant at, const std::vector<Budget> &budgets)
{
    if (budgets.empty())
        return {};
    BudgetRepository repo(ctx.db);
    const Instant monthStart = ctx.calendar.monthStart(at - 1);
    const QString month = ctx.calendar.monthKey(monthStart);

    // Which thresholds are still open this month; nothing to compute when none is.
    struct Open
    {
        const Budget *budget;
        int threshold;
        BudgetAlertKind kind;
    };
    std::vector<Open> open;
    for (const Budget &b : budgets)
        for (BudgetAlertKind kind : {BudgetAlertKind::Actual, BudgetAlertKind::Forecast})
            for (int t : kind == BudgetAlertKind::Actual ? b.actualThresholds : b.forecastThresholds) {
                auto done = repo.fired(b.id, month, t, kind);
                if (!done)
                    return done.error();
                if (!*done)
                    open.push_back({&b, t, kind});
            }
    if (open.empty())
        return {};

    auto f = forecastMonthAt(ctx, monthStart, at);
    if (!f)
        return f.error();
    for (const Open &o : open) {
        const bool actual = o.kind == BudgetAlertKind::Actual;
        if (!actual && f->completeDays < 3)
            continue;
        const Money spend = actual ? f->actual : f->projected;
        if (!crossed(spend, o.budget->amount, o.threshold))
            continue;
        if (Status s = repo.record(o.budget->id, month, o.threshold, o.kind, at); !s)
            return s;
        QJsonObject args{{QStringLiteral("budget"), o.budget->name},
                         {QStringLiteral("month"), month},
                         {QStringLiteral("threshold"), o.threshold},
                         {QStringLiteral("amount"), o.budget->amount.toString()},
                         {QStringLiteral("spend"), spend.truncatedToCents().toString()}};
        const AlertKind kind = actual ? AlertKind::BudgetActual : AlertKind::BudgetForecast;
        const QString key = QStringLiteral("budget:%1:%2:%3:%4")
                                .arg(o.budget->id)
                                .arg(month)
                                .arg(o.threshold)
                                .arg(budgetAlertKindId(o.kind));
        if (Status s = ctx.notify(at, kind, args, key); !s)
            return s;
    }
    return {};
}

Result<std::vector<BudgetStatus>> budgetStatuses(Context &ctx)
{
    auto budgets = BudgetRepository(ctx.db).all();
    if (!budgets)
        return budgets.error();
    std::vector<BudgetStatus> out;
    if (budgets->empty())
        return out;
    const Instant monthStart = ctx.calendar.monthStart(ctx.now);
    auto f = forecastMonthAt(ctx, monthStart, ctx.calendar.hourStart(ctx.now));
    if (!f)
        return f.error();
    for (const Budget &b : *budgets) {
        BudgetStatus s;
        s.budget = b;
        s.month = f->month;
        s.actual = f->actual;
        s.forecast = *f;
        s.actualPercent = percentOf(f->actual, b.amount);
        s.forecastPercent = percentOf(f->projected, b.amount);
        out.push_back(std::move(s));
    }
    return out;
}

} // namespace billing
