// The words and shapes of a reconciliation's result: causes by id and title, a difference as JSON
// (reconcile --json) and a month's differences as CSV.
#include "reconcile/reconciliation.h"
#include "reconcile/tr.h"

#include <QCoreApplication>

namespace billing {

namespace {

QJsonValue figuresJson(const std::optional<LineFigures> &f)
{
    if (!f)
        return QJsonValue::Null;
    return QJsonObject{{QStringLiteral("calls"), f->callsKnown ? QJsonValue(f->calls) : QJsonValue()},
                       {QStringLiteral("fee"), f->fee.toString(Money::Decimals)},
                       {QStringLiteral("charged"), f->charged.toString()},
                       {QStringLiteral("rounded_off"), f->roundedOff.toString(Money::Decimals)}};
}

} // namespace

QString causeId(Cause c)
{
    switch (c) {
    case Cause::OnlyProvider:
        return QStringLiteral("only-provider");
    case Cause::OnlyOurs:
        return QStringLiteral("only-ours");
    case Cause::UsageMissing:
        return QStringLiteral("usage-missing");
    case Cause::UsageExtra:
        return QStringLiteral("usage-extra");
    case Cause::Price:
        return QStringLiteral("price");
    case Cause::PackageCoverage:
        return QStringLiteral("package-coverage");
    case Cause::Timing:
        return QStringLiteral("timing");
    case Cause::Rounding:
        return QStringLiteral("rounding");
    }
    return {};
}

QString causeTitle(Cause c)
{
    switch (c) {
    case Cause::OnlyProvider:
        return ReconcileTr::tr("Only in the provider's bill");
    case Cause::OnlyOurs:
        return ReconcileTr::tr("Only in our records");
    case Cause::UsageMissing:
        return ReconcileTr::tr("Usage missing from our logs");
    case Cause::UsageExtra:
        return ReconcileTr::tr("Usage the provider did not bill");
    case Cause::Price:
        return ReconcileTr::tr("Price");
    case Cause::PackageCoverage:
        return ReconcileTr::tr("Package coverage");
    case Cause::Timing:
        return ReconcileTr::tr("Timing");
    case Cause::Rounding:
        return ReconcileTr::tr("Rounding");
    }
    return {};
}

std::optional<Cause> parseCause(const QString &id)
{
    for (Cause c : kCauses)
        if (causeId(c) == id)
            return c;
    return std::nullopt;
}

QJsonObject differenceJson(const Difference &d, const BillingCalendar &calendar)
{
    return QJsonObject{
        {QStringLiteral("api"), d.key.api},
        {QStringLiteral("region"), d.key.region},
        {QStringLiteral("mode"), d.key.mode},
        {QStringLiteral("project"),
         d.key.project ? QJsonValue(*d.key.project) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("hour"),
         d.key.hour == kNoHour ? QJsonValue(QJsonValue::Null) : QJsonValue(calendar.format(d.key.hour))},
        {QStringLiteral("provider"), figuresJson(d.provider)},
        {QStringLiteral("ours"), figuresJson(d.ours)},
        {QStringLiteral("difference"), d.difference.toString()},
        {QStringLiteral("cause"), causeId(d.cause)},
    };
}

QString differencesCsv(const MonthReconciliation &m, const BillingCalendar &calendar)
{
    auto field = [](QString f) {
        if (f.contains(u',') || f.contains(u'"') || f.contains(u'\n'))
            f = u'"' + f.replace(QLatin1String("\""), QLatin1String("\"\"")) + u'"';
        return f;
    };
    QString out = QStringLiteral("month,hour,api,region,mode,project,cause,provider_calls,provider_fee,"
                                 "provider_charged,ours_calls,ours_fee,ours_charged,difference\r\n");
    for (const Difference &d : m.differences) {
        QStringList row{m.month,         d.key.hour == kNoHour ? QString() : calendar.format(d.key.hour),
                        d.key.api,       d.key.region,
                        d.key.mode,      d.key.project.value_or(QString()),
                        causeId(d.cause)};
        for (const auto *f : {&d.provider, &d.ours}) {
            if (*f)
                row << ((*f)->callsKnown ? QString::number((*f)->calls) : QString())
                    << (*f)->fee.toString(Money::Decimals) << (*f)->charged.toString();
            else
                row << QString() << QString() << QString();
        }
        row << d.difference.toString();
        for (QString &s : row)
            s = field(s);
        out += row.join(u',') + QLatin1String("\r\n");
    }
    return out;
}

} // namespace billing
