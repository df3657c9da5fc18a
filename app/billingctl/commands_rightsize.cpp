// rightsize: the renewal right-sizer (issue #16, billing-rules §6 and §10), read-only.
#include "analysis/renewalsizer.h"
#include "commands.h"
#include "json.h"
#include "tr.h"

#include <QLocale>
#include <QRegularExpression>

namespace billing::cli {

namespace {

// A whole number of digits only (no sign, spaces or exponent), else none.
std::optional<qint64> wholeNumber(const QString &text)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{1,18}$"));
    if (!digits.match(text).hasMatch())
        return std::nullopt;
    return text.toLongLong();
}

QString rightSizingLine(const RightSizing &r, const BillingCalendar &cal)
{
    const QLocale c = QLocale::c();
    return CliTr::tr("package %1 %2 %3 %4, term ends %5: used %6 of %7, projected %8, lapsing %9 worth %10; "
                     "next term %11 calls (last %12 days): best %13 at %14 a year, renewing as %4 %15, "
                     "difference %16 a year")
        .arg(QString::number(r.packageId), r.api, r.region, r.sku, cal.format(r.termEnd), c.toString(r.used),
             c.toString(r.quota), c.toString(r.projectedUse), c.toString(r.lapsingCalls))
        .arg(json::amount(r.lapsingWorth), c.toString(r.nextTermCalls), QString::number(kRightSizeUsageDays),
             r.best, json::amount(r.bestCost), json::amount(r.currentCost), json::amount(r.yearlyDifference));
}
} // namespace

Reply cmdRightSize(Call &call)
{
    int within = kRightSizeDefaultWithin;
    if (call.has(QStringLiteral("within"))) {
        const QString text = call.value(QStringLiteral("within"));
        const auto days = wholeNumber(text);
        if (!days)
            return Error::badUsage(
                CliTr::tr("rightsize: --within \"%1\" is not a whole number of days").arg(text));
        if (Status s = validateRightSizeWithin(*days); !s)
            return Error::badUsage(QStringLiteral("rightsize: --within: ") + s.error().message);
        within = int(*days);
    }
    std::optional<qint64> package;
    if (call.has(QStringLiteral("package"))) {
        const QString text = call.value(QStringLiteral("package"));
        package = wholeNumber(text);
        if (!package)
            return Error::badUsage(CliTr::tr("rightsize: \"%1\" is not a package id").arg(text));
    }
    return call.run([&](Context &ctx) -> Reply {
        auto r = rightSize(ctx, within, package);
        if (!r)
            return r.error();
        return Output::list(
            QStringLiteral("packages"), *r,
            [&](const RightSizing &s) { return json::rightSizing(s, ctx.calendar); },
            [&](const RightSizing &s) { return rightSizingLine(s, ctx.calendar); },
            CliTr::tr("No package term ends within %1 days.").arg(within));
    });
}

} // namespace billing::cli
