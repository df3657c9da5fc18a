#include "output.h"

#include <QJsonArray>

namespace billing::cli {

QString amount(Money m)
{
    return m.toString(2);
}
QString amountFine(Money m)
{
    return m.toString(8);
}

QJsonObject statusJson(const AccountStatus &st, const BillingCalendar &cal)
{
    auto time = [&](Instant t) { return QJsonValue(cal.format(t)); };
    QJsonArray coupons;
    for (const Coupon &c : st.coupons)
        coupons.append(
            QJsonObject{{QStringLiteral("id"), c.id},
                        {QStringLiteral("amount"), amount(c.amount)},
                        {QStringLiteral("remaining"), amount(c.remaining)},
                        {QStringLiteral("expires"), time(c.expiresAt)},
                        {QStringLiteral("api"), c.api.isEmpty() ? QJsonValue() : QJsonValue(c.api)}});
    QJsonArray packages;
    for (const Package &p : st.packages)
        packages.append(QJsonObject{
            {QStringLiteral("id"), p.id},
            {QStringLiteral("api"), p.api},
            {QStringLiteral("region"), p.region},
            {QStringLiteral("sku"), p.sku},
            {QStringLiteral("effective"), time(p.effectiveAt)},
            {QStringLiteral("expires"), time(p.lastSecond())},
            {QStringLiteral("quota"), p.quota},
            {QStringLiteral("remaining"), p.remaining},
            {QStringLiteral("price"), amount(p.price)},
            {QStringLiteral("status"), packageStatusId(p.statusAt(st.now))},
            {QStringLiteral("auto_renew"), p.autoRenew},
            {QStringLiteral("renew_days"), p.renewDays},
            {QStringLiteral("previous_id"), p.previousId ? QJsonValue(*p.previousId) : QJsonValue()}});
    QJsonArray services;
    for (const ServiceState &s : st.services)
        services.append(QJsonObject{{QStringLiteral("api"), s.api},
                                    {QStringLiteral("region"), s.region},
                                    {QStringLiteral("enabled"), s.enabled}});
    const Account &a = st.account;
    return QJsonObject{
        {QStringLiteral("now"), time(st.now)},
        {QStringLiteral("name"), a.name},
        {QStringLiteral("currency"), a.currency},
        {QStringLiteral("utc_offset"), BillingCalendar::formatOffset(a.utcOffsetSeconds)},
        {QStringLiteral("balance"), amount(a.balance)},
        {QStringLiteral("arrears"), amount(a.arrears())},
        {QStringLiteral("state"), accountStateId(a.state)},
        {QStringLiteral("state_until"), a.stateUntil ? time(*a.stateUntil) : QJsonValue()},
        {QStringLiteral("released"), a.released},
        {QStringLiteral("settled_until"), time(st.asOf)},
        {QStringLiteral("coupons"), coupons},
        {QStringLiteral("packages"), packages},
        {QStringLiteral("services"), services},
    };
}

} // namespace billing::cli
