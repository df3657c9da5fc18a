// whatif: the scenario planner (issue #16, billing-rules §10). Read-only: runs on scratch copies.
#include "commands.h"
#include "engine/engine.h"
#include "engine/whatif.h"
#include "json.h"
#include "tr.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace billing::cli {

namespace {

QJsonArray monthsJson(const whatif::RunResult &r, const BillingCalendar &cal)
{
    QJsonArray out;
    for (const whatif::MonthResult &m : r.months) {
        QJsonArray exhausted, lapsed, budgets, guards;
        for (const auto &e : m.quotaExhausted)
            exhausted.append(QJsonObject{{QStringLiteral("package_id"), e.packageId},
                                         {QStringLiteral("at"), cal.format(e.at)}});
        for (const auto &l : m.lapsedQuota)
            lapsed.append(QJsonObject{{QStringLiteral("package_id"), l.packageId},
                                      {QStringLiteral("calls"), l.calls},
                                      {QStringLiteral("worth"), json::amount(l.worth)}});
        for (const auto &b : m.budgetCrossings)
            budgets.append(QJsonObject{{QStringLiteral("budget"), b.budget},
                                       {QStringLiteral("threshold"), b.threshold},
                                       {QStringLiteral("kind"), b.kind},
                                       {QStringLiteral("at"), cal.format(b.at)}});
        for (const auto &g : m.guardFirings)
            guards.append(
                QJsonObject{{QStringLiteral("guard"), g.guard}, {QStringLiteral("at"), cal.format(g.at)}});
        out.append(QJsonObject{{QStringLiteral("month"), m.month},
                               {QStringLiteral("charged"), json::amount(m.charged)},
                               {QStringLiteral("fee"), json::amountFine(m.fee)},
                               {QStringLiteral("rounded_off"), json::amountFine(m.roundedOff)},
                               {QStringLiteral("quota_exhausted"), exhausted},
                               {QStringLiteral("lapsed_quota"), lapsed},
                               {QStringLiteral("budget_crossings"), budgets},
                               {QStringLiteral("guard_firings"), guards}});
    }
    return out;
}

QString monthLine(const QString &name, const whatif::MonthResult &m, std::optional<Money> diff)
{
    QString line = CliTr::tr("%1 %2: charged %3, fee %4")
                       .arg(name, m.month, json::amount(m.charged), json::amountFine(m.fee));
    if (diff)
        line += CliTr::tr(", difference %1").arg(json::amount(*diff));
    for (const auto &e : m.quotaExhausted)
        line += CliTr::tr("; package %1 used up").arg(e.packageId);
    for (const auto &l : m.lapsedQuota)
        line += CliTr::tr("; package %1 lapses %2 calls").arg(l.packageId).arg(l.calls);
    for (const auto &b : m.budgetCrossings)
        line += CliTr::tr("; budget %1 crosses %2 %").arg(b.budget).arg(b.threshold);
    for (const auto &g : m.guardFirings)
        line += CliTr::tr("; guard %1 fires").arg(g.guard);
    return line;
}
} // namespace

Reply cmdWhatIf(Call &call)
{
    const QStringList files = call.positional();
    if (files.isEmpty() || files.size() > whatif::kMaxScenarios)
        return Error::badUsage(CliTr::tr("whatif: give one to %1 scenario files").arg(whatif::kMaxScenarios));
    std::optional<int> months;
    if (call.has(QStringLiteral("months"))) {
        static const QRegularExpression digits(QStringLiteral("^[0-9]{1,3}$"));
        const QString text = call.value(QStringLiteral("months"));
        if (!digits.match(text).hasMatch() || text.toInt() < 1 || text.toInt() > whatif::kMaxMonths)
            return Error::badUsage(
                CliTr::tr("whatif: --months must be a whole number from 1 to %1, not \"%2\"")
                    .arg(whatif::kMaxMonths)
                    .arg(text));
        months = text.toInt();
    }
    std::vector<whatif::Scenario> scenarios;
    for (const QString &path : files) {
        QFile f(path);
        if (!QFileInfo(path).isFile())
            return Error::badUsage(CliTr::tr("whatif: no file %1").arg(path));
        if (!f.open(QIODevice::ReadOnly))
            return Error::badData(CliTr::tr("whatif: cannot read %1").arg(path));
        auto s = whatif::parseScenario(f.readAll());
        if (!s)
            return Error{s.error().code, path + QStringLiteral(": ") + s.error().message};
        if (!months && s->months > 0)
            months = s->months;
        scenarios.push_back(std::move(*s));
    }
    auto engine = call.engine();
    if (!engine)
        return engine.error();
    Engine &e = **engine;
    auto report = whatif::plan(e, e.clock().now(), call.cli().user(), scenarios, months.value_or(3));
    if (!report)
        return report.error();
    auto ctx = e.inspect();
    if (!ctx)
        return ctx.error();
    const BillingCalendar cal = (*ctx)->calendar;
    Output out;
    out.json.insert(QStringLiteral("months_simulated"), report->months);
    out.json.insert(QStringLiteral("from"), cal.format(report->from));
    out.json.insert(QStringLiteral("baseline"),
                    QJsonObject{{QStringLiteral("months"), monthsJson(report->baseline, cal)}});
    for (const auto &m : report->baseline.months)
        out.lines << monthLine(report->baseline.name, m, std::nullopt);
    QJsonArray list;
    for (const whatif::RunResult &r : report->scenarios) {
        QJsonArray diff, refused;
        for (size_t i = 0; i < r.months.size(); ++i) {
            const Money d = r.months[i].charged - report->baseline.months[i].charged;
            diff.append(json::amount(d));
            out.lines << monthLine(r.name, r.months[i], d);
        }
        for (const auto &x : r.refused) {
            refused.append(QJsonObject{{QStringLiteral("change"), x.index},
                                       {QStringLiteral("at"), cal.format(x.at)},
                                       {QStringLiteral("message"), x.message}});
            out.lines << CliTr::tr("%1: changes[%2] refused at %3: %4")
                             .arg(r.name)
                             .arg(x.index)
                             .arg(cal.format(x.at), x.message);
        }
        list.append(QJsonObject{{QStringLiteral("name"), r.name},
                                {QStringLiteral("months"), monthsJson(r, cal)},
                                {QStringLiteral("difference"), diff},
                                {QStringLiteral("refused_changes"), refused}});
    }
    out.json.insert(QStringLiteral("scenarios"), list);
    return out;
}

} // namespace billing::cli
