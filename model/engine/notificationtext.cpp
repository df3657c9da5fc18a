#include "engine/notificationtext.h"
#include "engine/tr.h"

#include "analysis/anomalies.h"
#include "domain/budget.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

namespace billing {

namespace {

// Reads the facts of one notification through a format.
class Facts
{
public:
    Facts(const QJsonObject &args, const AlertFormat &format) : m_args(args), m_format(format) {}

    QString string(const char *key) const { return m_args.value(QLatin1String(key)).toVariant().toString(); }
    QString money(const char *key) const { return m_format.money(string(key)); }
    QString time(const char *key) const { return m_format.time(string(key)); }
    QString number(const char *key) const { return m_format.number(m_args.value(QLatin1String(key))); }
    QString service() const
    {
        return EngineTr::tr("%1 in %2").arg(m_format.api(string("api")), m_format.region(string("region")));
    }
    // A scoped budget's alert says its scope after the sentence; the whole account's reads as before.
    QString withBudgetScope(const QString &sentence) const
    {
        const BudgetScope scope = scopeFromJson(m_args.value(QLatin1String("scope")).toObject());
        return scope.isEmpty() ? sentence : EngineTr::tr("%1 Scope: %2.").arg(sentence, scope.describe());
    }
    QString state(const char *key) const
    {
        const QString id = string(key);
        if (id == QLatin1String("grace"))
            return EngineTr::tr("grace period");
        if (id == QLatin1String("frozen"))
            return EngineTr::tr("frozen state");
        return id;
    }

private:
    const QJsonObject &m_args;
    const AlertFormat &m_format;
};

QString sentence(AlertKind kind, const Notification &n, const Facts &f)
{
    switch (kind) {
    case AlertKind::ArrearsCleared:
        return EngineTr::tr("The account left the %1 and is back to normal; the balance is %2.")
            .arg(f.state("was"), f.money("balance"));
    case AlertKind::ArrearsStarted:
        return EngineTr::tr(
                   "The balance went below zero: %1 in arrears. Calls are still served until %2; top up to "
                   "repay.")
            .arg(f.money("arrears"), f.time("grace_until"));
    case AlertKind::LowBalance:
        return EngineTr::tr("The balance is %1, below the alert threshold of %2.")
            .arg(f.money("balance"), f.money("threshold"));
    case AlertKind::Frozen:
        return EngineTr::tr(
                   "Grace ended with %1 unpaid: calls are rejected. Services are released on %2 unless "
                   "repaid.")
            .arg(f.money("arrears"), f.time("release_at"));
    case AlertKind::Released:
        return EngineTr::tr("Retention ended with %1 unpaid: every API service was disabled.")
            .arg(f.money("arrears"));
    case AlertKind::QuotaLow:
        return EngineTr::tr("Package %1 (%2) has %3 of %4 calls left.")
            .arg(f.string("package"), f.service(), f.number("remaining"), f.number("quota"));
    case AlertKind::PackageExpired:
        return EngineTr::tr("Package %1 (%2) expired; %3 unused calls lapsed.")
            .arg(f.string("package"), f.service(), f.number("lapsed"));
    case AlertKind::CouponLapsed:
        return EngineTr::tr("Coupon %1 expired; %2 lapsed.").arg(f.string("coupon"), f.money("amount"));
    case AlertKind::AutoRenewed:
        // Notices since "renew as another size" (billing-rules §6) name the size the new term has.
        if (n.args.contains(QLatin1String("sku")))
            return EngineTr::tr("Package %1 (%2) was renewed as package %3, %4, for %5.")
                .arg(f.string("package"), f.service(), f.string("new_package"), f.string("sku"),
                     f.money("price"));
        return EngineTr::tr("Package %1 (%2) was renewed as package %3 for %4.")
            .arg(f.string("package"), f.service(), f.string("new_package"), f.money("price"));
    case AlertKind::FreezeSoon:
        return EngineTr::tr("The account will be frozen on %1 unless arrears of %2 are repaid.")
            .arg(f.time("frozen_at"), f.money("arrears"));
    case AlertKind::PackageExpiring:
        return n.args.value(QLatin1String("auto_renew")).toBool()
                   ? EngineTr::tr("Package %1 (%2) expires on %3; it will be renewed automatically.")
                         .arg(f.string("package"), f.service(), f.time("expires"))
                   : EngineTr::tr("Package %1 (%2) expires on %3 and auto-renew is off.")
                         .arg(f.string("package"), f.service(), f.time("expires"));
    case AlertKind::AutoRenewFailed:
        return EngineTr::tr("Package %1 (%2) could not be renewed: %3. It expires on %4.")
            .arg(f.string("package"), f.service(), f.string("reason"), f.time("expires"));
    case AlertKind::BudgetActual:
        return f.withBudgetScope(
            EngineTr::tr("Budget \u201c%1\u201d: spending in %2 reached %3 % of %4 (%5 so far).")
                .arg(f.string("budget"), f.string("month"), f.number("threshold"), f.money("amount"),
                     f.money("spend")));
    case AlertKind::BudgetForecast:
        return f.withBudgetScope(
            EngineTr::tr("Budget \u201c%1\u201d: %2 is forecast to end at %5, at least %3 % of %4.")
                .arg(f.string("budget"), f.string("month"), f.number("threshold"), f.money("amount"),
                     f.money("spend")));
    case AlertKind::Anomaly:
        return (n.args.value(QLatin1String("direction")).toString() == QLatin1String("drop")
                    ? EngineTr::tr(
                          "%1, project %2: the cost on %3 fell to %4 against a usual %5; main cause: %6.")
                    : EngineTr::tr(
                          "%1, project %2: the cost on %3 rose to %4 against a usual %5; main cause: %6."))
            .arg(f.service(), f.string("project"), f.string("day"), f.money("cost"), f.money("baseline"),
                 anomalyCauseName(f.string("cause")));
    case AlertKind::GuardFired: {
        QStringList services;
        for (const QJsonValue &v : n.args.value(QLatin1String("services")).toArray())
            services << v.toString();
        const QString stopped = services.isEmpty()
                                    ? EngineTr::tr("no service was enabled in its scope")
                                    : EngineTr::tr("disabled %1").arg(services.join(QStringLiteral(", ")));
        return n.args.value(QLatin1String("trigger")).toString() == QLatin1String("balance-floor")
                   ? EngineTr::tr(
                         "Guard \u201c%1\u201d: the balance fell to %2, at or below the floor of %3; %4.")
                         .arg(f.string("guard"), f.money("value"), f.money("amount"), stopped)
                   : EngineTr::tr("Guard \u201c%1\u201d: this month's cost reached %2, the limit is %3; %4.")
                         .arg(f.string("guard"), f.money("value"), f.money("amount"), stopped);
    }
    }
    return {};
}

const char *title(AlertKind kind)
{
    switch (kind) {
    case AlertKind::ArrearsCleared:
        return QT_TRANSLATE_NOOP("billing::engine", "Arrears cleared");
    case AlertKind::ArrearsStarted:
        return QT_TRANSLATE_NOOP("billing::engine", "Arrears started");
    case AlertKind::LowBalance:
        return QT_TRANSLATE_NOOP("billing::engine", "Low balance");
    case AlertKind::Frozen:
        return QT_TRANSLATE_NOOP("billing::engine", "Account frozen");
    case AlertKind::Released:
        return QT_TRANSLATE_NOOP("billing::engine", "Services released");
    case AlertKind::QuotaLow:
        return QT_TRANSLATE_NOOP("billing::engine", "Package quota low");
    case AlertKind::PackageExpired:
        return QT_TRANSLATE_NOOP("billing::engine", "Package expired");
    case AlertKind::CouponLapsed:
        return QT_TRANSLATE_NOOP("billing::engine", "Coupon lapsed");
    case AlertKind::AutoRenewed:
        return QT_TRANSLATE_NOOP("billing::engine", "Package renewed");
    case AlertKind::AutoRenewFailed:
        return QT_TRANSLATE_NOOP("billing::engine", "Auto-renewal failed");
    case AlertKind::BudgetActual:
        return QT_TRANSLATE_NOOP("billing::engine", "Budget threshold reached");
    case AlertKind::BudgetForecast:
        return QT_TRANSLATE_NOOP("billing::engine", "Budget forecast exceeded");
    case AlertKind::Anomaly:
        return QT_TRANSLATE_NOOP("billing::engine", "Cost anomaly");
    case AlertKind::FreezeSoon:
        return QT_TRANSLATE_NOOP("billing::engine", "Freeze in 24 hours");
    case AlertKind::PackageExpiring:
        return QT_TRANSLATE_NOOP("billing::engine", "Package expiring");
    case AlertKind::GuardFired:
        return QT_TRANSLATE_NOOP("billing::engine", "Spend guard fired");
    }
    return "";
}
} // namespace

QString AlertFormat::number(const QJsonValue &value) const
{
    return value.isDouble() ? QString::number(value.toInteger()) : value.toString();
}

QString notificationText(const Notification &n, const AlertFormat &format)
{
    const Facts f(n.args, format);
    if (const auto kind = alertKindFromId(n.kind))
        return sentence(*kind, n, f);
    QStringList facts;
    for (auto it = n.args.begin(); it != n.args.end(); ++it)
        facts << EngineTr::tr("%1: %2").arg(it.key(), it.value().toVariant().toString());
    return facts.join(QStringLiteral(", "));
}

QString notificationTitle(const QString &kind)
{
    if (const auto k = alertKindFromId(kind))
        return EngineTr::tr(title(*k));
    QString readable = kind;
    readable.replace(QLatin1Char('-'), QLatin1Char(' '));
    if (!readable.isEmpty())
        readable[0] = readable[0].toUpper();
    return readable;
}

} // namespace billing
