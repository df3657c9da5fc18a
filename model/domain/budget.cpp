#include "domain/budget.h"
#include "core/shown.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace billing {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::Budget)
};
} // namespace

QString budgetAlertKindId(BudgetAlertKind kind)
{
    return kind == BudgetAlertKind::Actual ? QStringLiteral("actual") : QStringLiteral("forecast");
}

Result<QList<int>> parseThresholds(const QString &text)
{
    QList<int> out;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        QString p = part.trimmed();
        if (p.endsWith(u'%'))
            p.chop(1);
        const int v = p.toInt(&ok);
        if (!ok || v < 1 || v > 1000)
            return Error::badUsage(Tr::tr("\"%1\" is not a threshold: give whole percentages from 1 to 1000")
                                       .arg(shownValue(part.trimmed())));
        if (!out.contains(v))
            out << v;
    }
    std::sort(out.begin(), out.end());
    return out;
}

QString formatThresholds(const QList<int> &thresholds)
{
    QStringList parts;
    for (int t : thresholds)
        parts << QString::number(t);
    return parts.join(u',');
}

Status validateBudget(const Budget &b)
{
    if (b.name.isEmpty() || b.name.size() > 64 || b.name.trimmed() != b.name)
        return Error::badUsage(
            Tr::tr("a budget needs a name of 1 to 64 characters without surrounding spaces"));
    if (b.amount.units() <= 0 || !b.amount.centRemainder().isZero())
        return Error::badUsage(Tr::tr("a budget amount must be at least 0.01 in whole cents"));
    if (b.actualThresholds.isEmpty() && b.forecastThresholds.isEmpty())
        return Error::badUsage(Tr::tr("a budget needs at least one alert threshold"));
    for (const QList<int> *list : {&b.actualThresholds, &b.forecastThresholds})
        for (int t : *list)
            if (t < 1 || t > 1000)
                return Error::badUsage(Tr::tr("thresholds are whole percentages from 1 to 1000"));
    return {};
}

} // namespace billing
