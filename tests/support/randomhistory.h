#pragma once
// A random account history for tests that compare two ways of reading it (tst_costanalysis,
// tst_costrollup): top-ups, packages bought and refunded, services switched, coupons, and calls from three
// projects imported with late records allowed.
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "testaccount.h"

#include <QBuffer>

#include <random>

namespace billing::test {

inline const QByteArray kHeader("timestamp,api,region,status,enterprise_project,count\n");

inline Result<ImportSummary> importCsv(TestAccount &acc, const QByteArray &csv, bool late = false)
{
    QByteArray data = csv;
    QBuffer buf(&data);
    buf.open(QIODevice::ReadOnly);
    return acc.engine->runThenCatchUp([&](Context &c) {
        return importCalls(c, buf, ImportOptions{QStringLiteral("t"), late});
    });
}

// A random history like tst_properties: top-ups, packages, services, coupons, calls from three projects.
inline Instant randomHistory(TestAccount &acc, int seed, int steps)
{
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return int(std::uniform_int_distribution<int>(0, n - 1)(rng)); };
    const QStringList apis{"general-text", "id-card", "vat-invoice"};
    const QStringList regions{"cn-north-4", "ap-southeast-1"};
    for (const QString &a : apis)
        (void)acc.run([&](Context &c) { return services::setEnabled(c, a, regions[0], true); });
    (void)acc.run([&](Context &c) { return funds::topUp(c, Money::fromCents(300000)); });
    Instant now = acc.clock.now();
    for (int step = 0; step < steps; ++step) {
        now += std::uniform_int_distribution<qint64>(10 * kMicrosPerMinute, 30 * kMicrosPerHour)(rng);
        acc.clock.set(now);
        switch (pick(7)) {
        case 0:
            (void)acc.run(
                [&](Context &c) { return funds::topUp(c, Money::fromCents(100 * (1 + pick(300)))); });
            break;
        case 1: {
            packages::BuyRequest r;
            r.api = apis[pick(3)];
            r.region = regions[pick(2)];
            r.sku = QStringLiteral("100k");
            if (pick(3) == 0)
                r.effective = now + kMicrosPerDay * (1 + pick(3));
            (void)acc.run([&](Context &c) { return packages::buy(c, r); });
            break;
        }
        case 2: {
            // One pick per statement: the order in which arguments are evaluated differs between
            // compilers, and the history must be the same under GCC and clang (the sanitizer build).
            // This is the order GCC used, so the seeds keep the histories the assertions were made on.
            const bool enable = pick(3) > 0;
            const QString region = regions[pick(2)];
            const QString api = apis[pick(3)];
            (void)acc.run([&](Context &c) { return services::setEnabled(c, api, region, enable); });
            break;
        }
        case 3:
            (void)acc.run([&](Context &c) { return packages::unsubscribe(c, 1 + pick(5)); });
            break;
        default: {
            QByteArray csv = kHeader;
            const BillingCalendar cal;
            const Instant from = std::max(cal.hourStart(now) - 3 * kMicrosPerHour, now - kMicrosPerHour);
            for (int i = 0, n = 1 + pick(30); i < n; ++i) {
                const Instant t = std::uniform_int_distribution<qint64>(from, now)(rng);
                const char *project = pick(3) == 0 ? "batch" : pick(2) ? "web" : "mobile";
                const QByteArray count = QByteArray::number(1 + pick(20000)); // GCC's order again
                const char *status = pick(10) ? "200" : "503";
                const QByteArray region = regions[pick(2)].toLatin1();
                const QByteArray api = apis[pick(3)].toLatin1();
                csv += cal.format(t).toLatin1() + ',' + api + ',' + region + ',' + status + ',' + project +
                       ',' + count + '\n';
            }
            (void)importCsv(acc, csv, true);
        }
        }
    }
    return now;
}

} // namespace billing::test
