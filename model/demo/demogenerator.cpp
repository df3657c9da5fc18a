#include "demo/demogenerator.h"

#include "engine/accountstatus.h"
#include "engine/engine.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFile>

#include <cmath>
#include <random>

namespace billing {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::demo)
};

struct Stream
{
    const char *api;
    const char *region;
    double perHour; // billable calls per hour at the start, before seasonality
    std::vector<const char *> projects;
};

const std::vector<Stream> &streams()
{
    static const std::vector<Stream> s = {
        {"general-text", "cn-north-4", 2600, {"default", "mobile-app", "back-office"}},
        {"general-text", "ap-southeast-1", 700, {"mobile-app"}},
        {"id-card", "cn-north-4", 450, {"mobile-app", "partner-api"}},
        {"vat-invoice", "cn-east-3", 300, {"back-office"}},
        {"handwriting", "cn-north-4", 120, {"default"}},
        {"passport", "ap-southeast-3", 60, {"partner-api"}},
    };
    return s;
}

// Office hours peak, nights are quiet, weekends at a third.
double seasonality(int hour, int weekday)
{
    static const double byHour[24] = {0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.8, 1.3, 1.7,  1.9, 1.8,
                                      1.4,  1.6, 1.9,  1.9,  1.7, 1.4, 1.0, 0.8, 0.6, 0.45, 0.3, 0.2};
    return byHour[hour] * (weekday >= 6 ? 0.35 : 1.0);
}

template <typename T> Status check(const Result<T> &r)
{
    return r ? Status() : Status(r.error());
}
} // namespace

Result<DemoSummary> createDemoAccount(const QString &location, Instant now, const DemoOptions &options,
                                      const std::function<bool(int, int)> &progress)
{
    if (options.months < 1 || options.months > 36)
        return Error::badUsage(Tr::tr("--months must be between 1 and 36"));
    if (QFile::exists(location))
        return Error::refused(
            Tr::tr("%1 already exists; the demo creates a new account database").arg(location));
    const BillingCalendar cal;
    const Instant start = cal.addMonths(cal.monthStart(now), -options.months) + 9 * kMicrosPerHour;
    FixedClock clock(start);
    auto created = Engine::create(
        location, clock, InitOptions{options.name.isEmpty() ? Tr::tr("Demo account") : options.name});
    if (!created)
        return created.error();
    Engine &engine = **created;
    std::mt19937_64 rng(options.seed);
    std::uniform_real_distribution<double> noise(0.85, 1.15);
    std::uniform_int_distribution<int> minute(0, 59);
    DemoSummary sum;

    auto fail = [&](const Error &e) -> Result<DemoSummary> {
        created->reset();
        QFile::remove(location);
        QFile::remove(location + QStringLiteral("-wal"));
        QFile::remove(location + QStringLiteral("-shm"));
        return e;
    };

    // Day one: services on, money in, a welcome coupon, and packages for the busiest APIs.
    Status setup = [&]() -> Status {
        for (const Stream &s : streams())
            if (Status st = check(engine.run([&](Context &c) {
                    return services::setEnabled(c, QLatin1String(s.api), QLatin1String(s.region), true);
                }));
                !st)
                return st;
        if (Status st =
                check(engine.run([](Context &c) { return funds::topUp(c, Money::fromCents(800000)); }));
            !st)
            return st;
        if (Status st = check(engine.run([&](Context &c) {
                return coupons::grant(c, Money::fromCents(20000), start + 90 * kMicrosPerDay, QString());
            }));
            !st)
            return st;
        packages::BuyRequest yearly{QStringLiteral("general-text"),
                                    QStringLiteral("cn-north-4"),
                                    QStringLiteral("5m"),
                                    std::nullopt,
                                    true,
                                    7,
                                    1};
        if (Status st = check(engine.run([&](Context &c) { return packages::buy(c, yearly); })); !st)
            return st;
        packages::BuyRequest small{QStringLiteral("id-card"),
                                   QStringLiteral("cn-north-4"),
                                   QStringLiteral("100k"),
                                   std::nullopt,
                                   false,
                                   7,
                                   1};
        return check(engine.run([&](Context &c) { return packages::buy(c, small); }));
    }();
    if (!setup)
        return fail(setup.error());

    const qint64 totalDays = (cal.dayStart(now) - cal.dayStart(start)) / kMicrosPerDay;
    const int arrearsDay = int(totalDays / 3);
    bool inArrearsEpisode = false;
    for (qint64 day = 0; day <= totalDays; ++day) {
        const Instant dayStart = cal.dayStart(start) + day * kMicrosPerDay;
        const Instant importAt = std::min(now, dayStart + kMicrosPerDay + kMicrosPerSecond);
        const CivilDate date = cal.dateOf(dayStart);
        const int weekday = int((daysFromCivil(date) + 3) % 7) + 1; // 1 = Monday
        const double growth = 1.0 + 0.6 * double(day) / double(std::max<qint64>(totalDays, 1));
        QByteArray csv("timestamp,api,region,status,enterprise_project,count\n");
        for (int hour = 0; hour < 24; ++hour) {
            const Instant h = dayStart + hour * kMicrosPerHour;
            if (h + kMicrosPerHour > importAt || h < start)
                continue;
            for (const Stream &s : streams()) {
                const double expected =
                    s.perHour * seasonality(hour, weekday) * growth / double(s.projects.size());
                for (const char *project : s.projects) {
                    const qint64 ok = qint64(std::llround(expected * noise(rng)));
                    const qint64 bad = qint64(std::llround(double(ok) * 0.04 * noise(rng)));
                    const Instant at = h + minute(rng) * kMicrosPerMinute;
                    const QByteArray ts = cal.format(at).toLatin1();
                    if (ok > 0)
                        csv += ts + ',' + s.api + ',' + s.region + ",200," + project + ',' +
                               QByteArray::number(ok) + '\n';
                    if (bad > 0)
                        csv += ts + ',' + s.api + ',' + s.region + ',' + (hour % 3 ? "429" : "500") + ',' +
                               project + ',' + QByteArray::number(bad) + '\n';
                    sum.calls += ok + bad;
                }
            }
        }
        clock.set(importAt);
        QBuffer buffer(&csv);
        buffer.open(QIODevice::ReadOnly);
        auto imported = engine.runThenCatchUp([&](Context &c) {
            return importCalls(
                c, buffer,
                ImportOptions{Tr::tr("demo day %1")
                                  .arg(cal.monthKey(dayStart) +
                                       QStringLiteral("-%1").arg(date.day, 2, 10, QLatin1Char('0'))),
                              false});
        });
        if (!imported)
            return fail(imported.error());
        sum.records += imported->records;

        // The owner tops up when the balance runs low and before an automatic renewal is due, except
        // for a stretch from a third of the history on: the account falls into arrears and the owner
        // repays a few days into grace.
        auto status = engine.run([](Context &c) { return accountStatus(c); });
        if (!status)
            return fail(status.error());
        const Account &acc = status->account;
        if (day == arrearsDay)
            inArrearsEpisode = true;
        Money topUp;
        if (inArrearsEpisode) {
            const Instant graceLeft = acc.stateUntil.value_or(0) - importAt;
            if (acc.state == AccountState::Grace && graceLeft < qint64(acc.graceDays - 3) * kMicrosPerDay) {
                inArrearsEpisode = false;
                topUp = (acc.arrears() + Money::fromCents(500000)).truncatedToCents();
            }
        } else {
            if (acc.balance < Money::fromCents(100000))
                topUp = Money::fromCents(500000);
            for (const Package &p : status->packages) {
                if (!p.autoRenew || p.cancelledAt || importAt >= p.endAt)
                    continue;
                const Instant firstAttempt =
                    cal.at(cal.dateOf(p.lastSecond()), 3) - qint64(p.renewDays) * kMicrosPerDay;
                if (importAt < firstAttempt && firstAttempt - importAt <= 2 * kMicrosPerDay &&
                    acc.balance + topUp < p.price + Money::fromCents(100000))
                    topUp += (p.price + Money::fromCents(100000) - acc.balance - topUp).truncatedToCents() +
                             Money::fromCents(100);
            }
        }
        if (!topUp.isZero())
            if (Status st = check(engine.run([&](Context &c) { return funds::topUp(c, topUp); })); !st)
                return fail(st.error());
        // A fresh id-card package every second month once the first one is used up.
        if (day > 0 && day % 61 == 0) {
            packages::BuyRequest small{QStringLiteral("id-card"),
                                       QStringLiteral("cn-north-4"),
                                       QStringLiteral("100k"),
                                       std::nullopt,
                                       false,
                                       7,
                                       1};
            (void)engine.run(
                [&](Context &c) { return packages::buy(c, small); }); // refused while frozen: fine
        }
        ++sum.days;
        if (progress && !progress(int(day + 1), int(totalDays + 1)))
            return fail(Error::refused(Tr::tr("the demo was cancelled; nothing was kept")));
        if (importAt >= now)
            break;
    }
    clock.set(now);
    if (auto settled = engine.run([](Context &c) { return accountStatus(c); }); !settled)
        return fail(settled.error());
    return sum;
}

} // namespace billing
