#pragma once

#include "core/result.h"
#include "domain/types.h"

#include <vector>

namespace billing {

class Database;

// Coupons, packages and API services: what the account holds and what it has switched on.
class SubscriptionRepository
{
public:
    explicit SubscriptionRepository(Database &db) : m_db(db) {}

    Status insertCoupon(Coupon &c);
    Status updateCoupon(const Coupon &c);
    Result<std::vector<Coupon>> coupons();

    Status insertPackage(Package &p);
    Status updatePackage(const Package &p);
    // What a settlement changes of a package: only the quota left (once per package and settled hour).
    Status updateRemaining(qint64 packageId, qint64 remaining);
    Result<std::vector<Package>> packages();
    Result<Package> package(qint64 id);

    Status insertService(const ServiceState &s);
    Status setService(const QString &api, const QString &region, bool enabled, Instant at);
    Result<std::vector<ServiceState>> services();
    // Every change of a service, in time order: (at, api, region, enabled).
    struct ServiceEvent
    {
        Instant at;
        QString api;
        QString region;
        bool enabled;
    };
    Result<std::vector<ServiceEvent>> serviceEvents();

private:
    Database &m_db;
};

} // namespace billing
