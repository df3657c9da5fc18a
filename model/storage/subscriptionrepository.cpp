#include "storage/subscriptionrepository.h"

#include "storage/database.h"
#include "storage/rowwriter.h"
#include "storage/sqlhelpers.h"

#include <QCoreApplication>

namespace billing {

namespace {
const QString kPackageColumns = QStringLiteral("id, api, region, sku, quota, remaining, price, purchased_at, "
                                               "effective_at, end_at, cancelled_at, auto_renew, "
                                               "renew_days, previous_id, expiry_noted, renew_sku");

Package packageFromRow(const QSqlQuery &q)
{
    Package p;
    p.id = q.value(0).toLongLong();
    p.api = q.value(1).toString();
    p.region = q.value(2).toString();
    p.sku = q.value(3).toString();
    p.quota = q.value(4).toLongLong();
    p.remaining = q.value(5).toLongLong();
    p.price = sql::money(q.value(6));
    p.purchasedAt = q.value(7).toLongLong();
    p.effectiveAt = q.value(8).toLongLong();
    p.endAt = q.value(9).toLongLong();
    p.cancelledAt = sql::optInt(q.value(10));
    p.autoRenew = q.value(11).toBool();
    p.renewDays = q.value(12).toInt();
    p.previousId = sql::optInt(q.value(13));
    p.expiryNoted = q.value(14).toBool();
    if (!q.value(15).isNull())
        p.renewSku = q.value(15).toString();
    return p;
}

void bindPackage(QSqlQuery &q, const Package &p)
{
    q.bindValue(QStringLiteral(":api"), p.api);
    q.bindValue(QStringLiteral(":region"), p.region);
    q.bindValue(QStringLiteral(":sku"), p.sku);
    q.bindValue(QStringLiteral(":quota"), p.quota);
    q.bindValue(QStringLiteral(":remaining"), p.remaining);
    q.bindValue(QStringLiteral(":price"), p.price.units());
    q.bindValue(QStringLiteral(":purchased"), p.purchasedAt);
    q.bindValue(QStringLiteral(":effective"), p.effectiveAt);
    q.bindValue(QStringLiteral(":end"), p.endAt);
    q.bindValue(QStringLiteral(":cancelled"), sql::opt(p.cancelledAt));
    q.bindValue(QStringLiteral(":auto"), p.autoRenew ? 1 : 0);
    q.bindValue(QStringLiteral(":days"), p.renewDays);
    q.bindValue(QStringLiteral(":previous"), sql::opt(p.previousId));
    q.bindValue(QStringLiteral(":noted"), p.expiryNoted ? 1 : 0);
    q.bindValue(QStringLiteral(":renewsku"), sql::text(p.renewSku.value_or(QString())));
}
} // namespace

Status SubscriptionRepository::insertCoupon(Coupon &c)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO coupon (amount, remaining, granted_at, expires_at, api, lapsed) "
                             "VALUES (:amount, :remaining, :granted, :expires, :api, :lapsed) RETURNING id"));
    q.bindValue(QStringLiteral(":amount"), c.amount.units());
    q.bindValue(QStringLiteral(":remaining"), c.remaining.units());
    q.bindValue(QStringLiteral(":granted"), c.grantedAt);
    q.bindValue(QStringLiteral(":expires"), c.expiresAt);
    q.bindValue(QStringLiteral(":api"), sql::text(c.api));
    q.bindValue(QStringLiteral(":lapsed"), c.lapsed ? 1 : 0);
    auto id = execInsert(q, "adding a coupon");
    if (!id)
        return id.error();
    c.id = *id;
    return {};
}

Status SubscriptionRepository::updateCoupon(const Coupon &c)
{
    QSqlQuery &q = m_db.prepared(
        QStringLiteral("UPDATE coupon SET remaining = :remaining, lapsed = :lapsed WHERE id = :id"));
    q.bindValue(QStringLiteral(":remaining"), c.remaining.units());
    q.bindValue(QStringLiteral(":lapsed"), c.lapsed ? 1 : 0);
    q.bindValue(QStringLiteral(":id"), c.id);
    return execQuery(q, "updating a coupon");
}

Result<std::vector<Coupon>> SubscriptionRepository::coupons()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT id, amount, remaining, granted_at, expires_at, api, lapsed FROM coupon ORDER BY id"));
    if (Status s = execQuery(q, "reading coupons"); !s)
        return s.error();
    std::vector<Coupon> out;
    while (q.next()) {
        Coupon c;
        c.id = q.value(0).toLongLong();
        c.amount = sql::money(q.value(1));
        c.remaining = sql::money(q.value(2));
        c.grantedAt = q.value(3).toLongLong();
        c.expiresAt = q.value(4).toLongLong();
        c.api = q.value(5).toString();
        c.lapsed = q.value(6).toBool();
        out.push_back(c);
    }
    return out;
}

Status SubscriptionRepository::insertPackage(Package &p)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO package (api, region, sku, quota, remaining, price, purchased_at, effective_at, end_at, "
        "cancelled_at, auto_renew, renew_days, previous_id, expiry_noted, renew_sku) VALUES (:api, :region, "
        ":sku, :quota, :remaining, :price, :purchased, :effective, :end, :cancelled, :auto, :days, "
        ":previous, "
        ":noted, :renewsku) RETURNING id"));
    bindPackage(q, p);
    auto id = execInsert(q, "adding a package");
    if (!id)
        return id.error();
    p.id = *id;
    return {};
}

Status SubscriptionRepository::updatePackage(const Package &p)
{
    QSqlQuery &q = m_db.prepared(QStringLiteral(
        "UPDATE package SET api = :api, region = :region, sku = :sku, quota = :quota, remaining = "
        ":remaining, "
        "price = :price, purchased_at = :purchased, effective_at = :effective, end_at = :end, cancelled_at = "
        ":cancelled, auto_renew = :auto, renew_days = :days, previous_id = :previous, expiry_noted = :noted, "
        "renew_sku = :renewsku WHERE id = :id"));
    bindPackage(q, p);
    q.bindValue(QStringLiteral(":id"), p.id);
    return execQuery(q, "updating a package");
}

Status SubscriptionRepository::updateRemaining(qint64 packageId, qint64 remaining)
{
    RowWriter w(m_db, QStringLiteral("UPDATE package SET remaining = ? WHERE id = ?"));
    w.bind(0, remaining).bind(1, packageId);
    return w.exec("updating a package's quota");
}

Result<std::vector<Package>> SubscriptionRepository::packages()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM package ORDER BY id").arg(kPackageColumns));
    if (Status s = execQuery(q, "reading packages"); !s)
        return s.error();
    std::vector<Package> out;
    while (q.next())
        out.push_back(packageFromRow(q));
    return out;
}

Result<Package> SubscriptionRepository::package(qint64 id)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM package WHERE id = :id").arg(kPackageColumns));
    q.bindValue(QStringLiteral(":id"), id);
    if (Status s = execQuery(q, "reading a package"); !s)
        return s.error();
    if (!q.next())
        return Error::refused(
            QCoreApplication::translate("billing::SubscriptionRepository", "there is no package %1").arg(id));
    return packageFromRow(q);
}

Status SubscriptionRepository::insertService(const ServiceState &s)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO service (api, region, enabled, changed_at) VALUES (:api, :region, :en, :at)"));
    q.bindValue(QStringLiteral(":api"), s.api);
    q.bindValue(QStringLiteral(":region"), s.region);
    q.bindValue(QStringLiteral(":en"), s.enabled ? 1 : 0);
    q.bindValue(QStringLiteral(":at"), s.changedAt);
    return execQuery(q, "adding a service");
}

Status SubscriptionRepository::setService(const QString &api, const QString &region, bool enabled, Instant at)
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "UPDATE service SET enabled = :en, changed_at = :at WHERE api = :api AND region = :region"));
    q.bindValue(QStringLiteral(":en"), enabled ? 1 : 0);
    q.bindValue(QStringLiteral(":at"), at);
    q.bindValue(QStringLiteral(":api"), api);
    q.bindValue(QStringLiteral(":region"), region);
    if (Status s = execQuery(q, "switching a service"); !s)
        return s;
    QSqlQuery e(m_db.connection());
    e.prepare(QStringLiteral(
        "INSERT INTO service_event (at, api, region, enabled) VALUES (:at, :api, :region, :en)"));
    e.bindValue(QStringLiteral(":at"), at);
    e.bindValue(QStringLiteral(":api"), api);
    e.bindValue(QStringLiteral(":region"), region);
    e.bindValue(QStringLiteral(":en"), enabled ? 1 : 0);
    return execQuery(e, "recording a service change");
}

Result<std::vector<ServiceState>> SubscriptionRepository::services()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT api, region, enabled, changed_at FROM service"));
    if (Status s = execQuery(q, "reading services"); !s)
        return s.error();
    std::vector<ServiceState> out;
    while (q.next())
        out.push_back(
            {q.value(0).toString(), q.value(1).toString(), q.value(2).toBool(), q.value(3).toLongLong()});
    return out;
}

Result<std::vector<SubscriptionRepository::ServiceEvent>> SubscriptionRepository::serviceEvents()
{
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT at, api, region, enabled FROM service_event ORDER BY at, id"));
    if (Status s = execQuery(q, "reading service history"); !s)
        return s.error();
    std::vector<ServiceEvent> out;
    while (q.next())
        out.push_back(
            {q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toBool()});
    return out;
}

} // namespace billing
