#include "notifications/notificationtext.h"

#include "money/money.h"
#include "storage/notificationrepository.h"
#include "time/billingcalendar.h"
#include "widgets/format.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QLocale>
#include <QStringList>

namespace billing::ui {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::ui::notifications)
};

// Reads the facts of one notification, formatted for people.
class Facts
{
public:
    Facts(const QJsonObject &args, const AccountDisplay &display) : m_args(args), m_display(display) {}

    QString money(const char *key) const
    {
        const QString text = string(key);
        auto m = Money::parse(text);
        return m ? Tr::tr("%1 %2").arg(m->toDisplayString(QLocale()), m_display.currency) : text;
    }
    QString time(const char *key) const
    {
        const QString text = string(key);
        auto t = BillingCalendar::parseTimestamp(text);
        return t ? formatDateTime(*t, m_display.utcOffsetSeconds) : text;
    }
    QString number(const char *key) const
    {
        const QJsonValue v = m_args.value(QLatin1String(key));
        return v.isDouble() ? QLocale().toString(v.toInteger()) : v.toString();
    }
    QString service() const
    {
        return Tr::tr("%1 in %2")
            .arg(apiName(m_display, string("api")), regionName(m_display, string("region")));
    }
    QString state(const char *key) const
    {
        const QString id = string(key);
        if (id == QLatin1String("grace"))
            return Tr::tr("grace period");
        if (id == QLatin1String("frozen"))
            return Tr::tr("frozen state");
        return id;
    }
    QString string(const char *key) const { return m_args.value(QLatin1String(key)).toVariant().toString(); }

private:
    const QJsonObject &m_args;
    const AccountDisplay &m_display;
};
} // namespace

QString notificationTitle(const QString &kind)
{
    static const std::pair<const char *, const char *> titles[] = {
        {"arrears-cleared", QT_TRANSLATE_NOOP("billing::ui::notifications", "Arrears cleared")},
        {"arrears-started", QT_TRANSLATE_NOOP("billing::ui::notifications", "Arrears started")},
        {"low-balance", QT_TRANSLATE_NOOP("billing::ui::notifications", "Low balance")},
        {"frozen", QT_TRANSLATE_NOOP("billing::ui::notifications", "Account frozen")},
        {"released", QT_TRANSLATE_NOOP("billing::ui::notifications", "Services released")},
        {"quota-low", QT_TRANSLATE_NOOP("billing::ui::notifications", "Package quota low")},
        {"package-expired", QT_TRANSLATE_NOOP("billing::ui::notifications", "Package expired")},
        {"coupon-lapsed", QT_TRANSLATE_NOOP("billing::ui::notifications", "Coupon lapsed")},
        {"auto-renewed", QT_TRANSLATE_NOOP("billing::ui::notifications", "Package renewed")},
        {"auto-renew-failed", QT_TRANSLATE_NOOP("billing::ui::notifications", "Auto-renewal failed")},
        {"budget-actual", QT_TRANSLATE_NOOP("billing::ui::notifications", "Budget threshold reached")},
        {"budget-forecast", QT_TRANSLATE_NOOP("billing::ui::notifications", "Budget forecast exceeded")},
        {"freeze-soon", QT_TRANSLATE_NOOP("billing::ui::notifications", "Freeze in 24 hours")},
        {"package-expiring", QT_TRANSLATE_NOOP("billing::ui::notifications", "Package expiring")},
    };
    for (const auto &[id, title] : titles)
        if (kind == QLatin1String(id))
            return Tr::tr(title);
    // A kind this version does not know yet: its id, readable.
    QString readable = kind;
    readable.replace(QLatin1Char('-'), QLatin1Char(' '));
    if (!readable.isEmpty())
        readable[0] = readable[0].toUpper();
    return readable;
}

QString notificationText(const Notification &n, const AccountDisplay &display)
{
    const Facts f(n.args, display);
    const QString &k = n.kind;
    if (k == QLatin1String("arrears-cleared"))
        return Tr::tr("The account left the %1 and is back to normal; the balance is %2.")
            .arg(f.state("was"), f.money("balance"));
    if (k == QLatin1String("arrears-started"))
        return Tr::tr(
                   "The balance went below zero: %1 in arrears. Calls are still served until %2; top up to "
                   "repay.")
            .arg(f.money("arrears"), f.time("grace_until"));
    if (k == QLatin1String("low-balance"))
        return Tr::tr("The balance is %1, below the alert threshold of %2.")
            .arg(f.money("balance"), f.money("threshold"));
    if (k == QLatin1String("frozen"))
        return Tr::tr("Grace ended with %1 unpaid: calls are rejected. Services are released on %2 unless "
                      "repaid.")
            .arg(f.money("arrears"), f.time("release_at"));
    if (k == QLatin1String("released"))
        return Tr::tr("Retention ended with %1 unpaid: every API service was disabled.")
            .arg(f.money("arrears"));
    if (k == QLatin1String("quota-low"))
        return Tr::tr("Package %1 (%2) has %3 of %4 calls left.")
            .arg(f.string("package"), f.service(), f.number("remaining"), f.number("quota"));
    if (k == QLatin1String("package-expired"))
        return Tr::tr("Package %1 (%2) expired; %3 unused calls lapsed.")
            .arg(f.string("package"), f.service(), f.number("lapsed"));
    if (k == QLatin1String("coupon-lapsed"))
        return Tr::tr("Coupon %1 expired; %2 lapsed.").arg(f.string("coupon"), f.money("amount"));
    if (k == QLatin1String("auto-renewed"))
        return Tr::tr("Package %1 (%2) was renewed as package %3 for %4.")
            .arg(f.string("package"), f.service(), f.string("new_package"), f.money("price"));
    if (k == QLatin1String("freeze-soon"))
        return Tr::tr("The account will be frozen on %1 unless arrears of %2 are repaid.")
            .arg(f.time("frozen_at"), f.money("arrears"));
    if (k == QLatin1String("package-expiring"))
        return n.args.value(QLatin1String("auto_renew")).toBool()
                   ? Tr::tr("Package %1 (%2) expires on %3; it will be renewed automatically.")
                         .arg(f.string("package"), f.service(), f.time("expires"))
                   : Tr::tr("Package %1 (%2) expires on %3 and auto-renew is off.")
                         .arg(f.string("package"), f.service(), f.time("expires"));
    if (k == QLatin1String("auto-renew-failed"))
        return Tr::tr("Package %1 (%2) could not be renewed: %3. It expires on %4.")
            .arg(f.string("package"), f.service(), f.string("reason"), f.time("expires"));
    if (k == QLatin1String("budget-actual"))
        return Tr::tr("Budget \u201c%1\u201d: spending in %2 reached %3 % of %4 (%5 so far).")
            .arg(f.string("budget"), f.string("month"), f.number("threshold"), f.money("amount"),
                 f.money("spend"));
    if (k == QLatin1String("budget-forecast"))
        return Tr::tr("Budget \u201c%1\u201d: %2 is forecast to end at %5, at least %3 % of %4.")
            .arg(f.string("budget"), f.string("month"), f.number("threshold"), f.money("amount"),
                 f.money("spend"));
    QStringList facts;
    for (auto it = n.args.begin(); it != n.args.end(); ++it)
        facts << Tr::tr("%1: %2").arg(it.key(), it.value().toVariant().toString());
    return facts.join(QStringLiteral(", "));
}

} // namespace billing::ui
