#include "engine/notificationtext.h"

#include <QCoreApplication>

namespace billing {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::Notification)
};
QString arg(const Notification &n, const char *key)
{
    const QJsonValue v = n.args.value(QLatin1String(key));
    return v.isString() ? v.toString() : QString::number(v.toInteger());
}
} // namespace

QString notificationText(const Notification &n)
{
    const QString &k = n.kind;
    if (k == QLatin1String("arrears-started"))
        return Tr::tr("The balance went negative: arrears of %1. Calls are still served until %2; top up to "
                      "clear them.")
            .arg(arg(n, "arrears"), arg(n, "grace_until"));
    if (k == QLatin1String("frozen"))
        return Tr::tr("The account is frozen for arrears of %1: calls are rejected and purchases refused. "
                      "Subscriptions are "
                      "released at %2 unless you top up.")
            .arg(arg(n, "arrears"), arg(n, "release_at"));
    if (k == QLatin1String("released"))
        return Tr::tr("Arrears of %1 were not repaid: every API subscription was released (disabled).")
            .arg(arg(n, "arrears"));
    if (k == QLatin1String("arrears-cleared"))
        return Tr::tr("Arrears are cleared; the balance is %1.").arg(arg(n, "balance"));
    if (k == QLatin1String("low-balance"))
        return Tr::tr("The balance %1 is below your alert threshold of %2.")
            .arg(arg(n, "balance"), arg(n, "threshold"));
    if (k == QLatin1String("quota-low"))
        return Tr::tr("Package %1 (%2, %3) has %4 of %5 calls left.")
            .arg(arg(n, "package"), arg(n, "api"), arg(n, "region"), arg(n, "remaining"), arg(n, "quota"));
    if (k == QLatin1String("package-expired"))
        return Tr::tr("Package %1 (%2, %3) expired; %4 unused calls lapsed.")
            .arg(arg(n, "package"), arg(n, "api"), arg(n, "region"), arg(n, "lapsed"));
    if (k == QLatin1String("auto-renewed"))
        return Tr::tr("Package %1 (%2, %3) was renewed automatically for %4 as package %5.")
            .arg(arg(n, "package"), arg(n, "api"), arg(n, "region"), arg(n, "price"), arg(n, "new_package"));
    if (k == QLatin1String("auto-renew-failed"))
        return Tr::tr("Automatic renewal of package %1 (%2, %3) failed: %4. It expires %5.")
            .arg(arg(n, "package"), arg(n, "api"), arg(n, "region"), arg(n, "reason"), arg(n, "expires"));
    if (k == QLatin1String("freeze-soon"))
        return Tr::tr("The account will be frozen at %1 unless arrears of %2 are repaid.")
            .arg(arg(n, "frozen_at"), arg(n, "arrears"));
    if (k == QLatin1String("package-expiring"))
        return n.args.value(QLatin1String("auto_renew")).toBool()
                   ? Tr::tr("Package %1 (%2, %3) expires %4; it will be renewed automatically.")
                         .arg(arg(n, "package"), arg(n, "api"), arg(n, "region"), arg(n, "expires"))
                   : Tr::tr("Package %1 (%2, %3) expires %4 and auto-renew is off.")
                         .arg(arg(n, "package"), arg(n, "api"), arg(n, "region"), arg(n, "expires"));
    if (k == QLatin1String("coupon-lapsed"))
        return Tr::tr("Coupon %1 expired with %2 unused.").arg(arg(n, "coupon"), arg(n, "amount"));
    if (k == QLatin1String("budget-actual"))
        return Tr::tr("Budget \"%1\": spending in %2 reached %3 % of %4 (%5 so far).")
            .arg(arg(n, "budget"), arg(n, "month"), arg(n, "threshold"), arg(n, "amount"), arg(n, "spend"));
    if (k == QLatin1String("budget-forecast"))
        return Tr::tr("Budget \"%1\": %2 is forecast to end at %5, %3 % or more of %4.")
            .arg(arg(n, "budget"), arg(n, "month"), arg(n, "threshold"), arg(n, "amount"), arg(n, "spend"));
    return k;
}

} // namespace billing
