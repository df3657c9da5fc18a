#include "domain/budget.h"
#include "core/shown.h"

#include <QCoreApplication>
#include <QJsonArray>
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

const QStringList &budgetScopeDimensions()
{
    static const QStringList ids{QStringLiteral("api"), QStringLiteral("region"), QStringLiteral("project"),
                                 QStringLiteral("tag")};
    return ids;
}

QStringList &scopeValues(BudgetScope &scope, const QString &dimension)
{
    if (dimension == QLatin1String("api"))
        return scope.apis;
    if (dimension == QLatin1String("region"))
        return scope.regions;
    if (dimension == QLatin1String("project"))
        return scope.projects;
    return scope.tags;
}

const QStringList &scopeValues(const BudgetScope &scope, const QString &dimension)
{
    return scopeValues(const_cast<BudgetScope &>(scope), dimension);
}

QJsonObject scopeToJson(const BudgetScope &scope)
{
    QJsonObject out;
    for (const QString &d : budgetScopeDimensions())
        if (const QStringList &values = scopeValues(scope, d); !values.isEmpty())
            out.insert(d, QJsonArray::fromStringList(values));
    return out;
}

BudgetScope scopeFromJson(const QJsonObject &json)
{
    BudgetScope out;
    for (const QString &d : budgetScopeDimensions())
        for (const QJsonValue &v : json.value(d).toArray())
            scopeValues(out, d) << v.toString();
    return out;
}

BudgetScope BudgetScope::normalized() const
{
    BudgetScope out = *this;
    for (const QString &d : budgetScopeDimensions()) {
        QStringList &list = scopeValues(out, d);
        list.sort();
        list.removeDuplicates();
    }
    return out;
}

QString BudgetScope::key() const
{
    const BudgetScope n = normalized();
    QStringList parts;
    for (const QString &d : budgetScopeDimensions()) {
        const QStringList &list = scopeValues(n, d);
        if (list.isEmpty())
            continue;
        QStringList quoted;
        for (const QString &v : list)
            quoted << QString(v).replace(u'\\', QStringLiteral("\\\\")).replace(u',', QStringLiteral("\\,"));
        parts << d + u'=' + quoted.join(u',');
    }
    return parts.join(u';');
}

QString BudgetScope::describe(
    const std::function<QString(const QString &dimension, const QString &value)> &label) const
{
    if (isEmpty())
        return Tr::tr("Whole account");
    const auto names = [&](const char *dimension, const QStringList &values) {
        if (!label)
            return values.join(QStringLiteral(", "));
        QStringList out;
        for (const QString &v : values)
            out << label(QLatin1String(dimension), v);
        return out.join(QStringLiteral(", "));
    };
    QStringList parts;
    if (!apis.isEmpty())
        parts << Tr::tr("API %1").arg(names("api", apis));
    if (!regions.isEmpty())
        parts << Tr::tr("region %1").arg(names("region", regions));
    if (!projects.isEmpty())
        parts << Tr::tr("project %1").arg(names("project", projects));
    if (!tags.isEmpty())
        parts << Tr::tr("tag %1").arg(names("tag", tags));
    return parts.join(QStringLiteral("; "));
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
    for (const QString &d : budgetScopeDimensions())
        for (const QString &v : scopeValues(b.scope, d))
            if (v.isEmpty() || v.size() > 128 || v.trimmed() != v)
                return Error::badUsage(Tr::tr("\"%1\" cannot be in a budget's scope: give values of 1 to 128 "
                                              "characters without surrounding spaces")
                                           .arg(shownValue(v)));
    return {};
}

} // namespace billing
