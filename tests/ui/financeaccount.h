#pragma once

// Two months of an account for the finance pages' tests, built through the engine's own services:
// October (final by November 3rd) and November (open), with pay-per-use and package usage, failed
// calls, a package purchase, top-ups, and amounts that leave something rounded off.
#include "engine/bills.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "testaccount.h"

#include <QBuffer>
#include <QSqlQuery>
#include <QSqlRecord>

namespace billing::test {

inline Result<ImportSummary> importCsv(TestAccount &acc, const QByteArray &csv, bool late = false)
{
    QByteArray data = csv;
    QBuffer buf(&data);
    buf.open(QIODevice::ReadOnly);
    return acc.engine->runThenCatchUp([&](Context &c) {
        return importCalls(c, buf, ImportOptions{QStringLiteral("test"), late});
    });
}

inline void check(const Status &s, const char *what)
{
    if (!s)
        qFatal("%s: %s", what, qPrintable(s.error().message));
}
template <typename T> void check(const Result<T> &r, const char *what)
{
    if (!r)
        qFatal("%s: %s", what, qPrintable(r.error().message));
}

// Builds the account and leaves the clock at 2026-11-27 10:00 (+08:00).
inline void buildFinanceAccount(TestAccount &acc)
{
    check(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(50000)); }), "top-up");
    check(acc.run([](Context &c) -> Status {
        for (auto [api, region] : {std::pair{"general-text", "cn-north-4"}, std::pair{"id-card", "cn-east-3"},
                                   std::pair{"vat-invoice", "ap-southeast-1"}})
            if (auto r = services::setEnabled(c, QLatin1String(api), QLatin1String(region), true); !r)
                return r.error();
        return {};
    }),
          "enable");
    acc.setNow("2026-10-06T12:00:00+08:00");
    check(importCsv(acc, "timestamp,api,region,status,count,enterprise_project\n"
                         "2026-10-02T10:15:00+08:00,general-text,cn-north-4,200,3333,web\n"
                         "2026-10-02T10:16:00+08:00,general-text,cn-north-4,500,17,web\n"
                         "2026-10-03T11:20:00+08:00,id-card,cn-east-3,200,777,kyc\n"
                         "2026-10-04T09:25:00+08:00,vat-invoice,ap-southeast-1,200,120,finance\n"
                         "2026-10-05T14:00:00+08:00,general-text,cn-north-4,200,1001,mobile\n"),
          "October calls");
    acc.setNow("2026-11-02T09:00:00+08:00");
    check(acc.run([](Context &c) {
        packages::BuyRequest req;
        req.api = QStringLiteral("id-card");
        req.region = QStringLiteral("cn-east-3");
        req.sku = QStringLiteral("100k");
        return packages::buy(c, req);
    }),
          "buy");
    acc.setNow("2026-11-20T12:00:00+08:00");
    check(importCsv(acc, "timestamp,api,region,status,count,enterprise_project\n"
                         "2026-11-03T10:15:00+08:00,general-text,cn-north-4,200,5555,web\n"
                         "2026-11-03T10:17:00+08:00,general-text,cn-north-4,400,30,web\n"
                         "2026-11-03T10:18:00+08:00,general-text,cn-north-4,429,12,web\n"
                         "2026-11-04T10:20:00+08:00,id-card,cn-east-3,200,800,kyc\n"
                         "2026-11-05T10:25:00+08:00,vat-invoice,ap-southeast-1,200,333,finance\n"
                         "2026-11-05T10:26:00+08:00,vat-invoice,ap-southeast-1,500,20,finance\n"
                         "2026-11-06T16:00:00+08:00,general-text,cn-north-4,200,7,mobile\n"),
          "November calls");
    check(acc.run([](Context &c) { return funds::topUp(c, Money::fromCents(2500)); }), "second top-up");
    acc.setNow("2026-11-27T10:00:00+08:00");
}

inline Bill billOf(TestAccount &acc, const char *month)
{
    auto bill = acc.run([&](Context &c) { return monthlyBill(c, QLatin1String(month)); });
    check(bill, "bill");
    return *bill;
}

// Every row of the tables an import may touch, as text: equal dumps mean nothing changed.
inline QString dumpState(Database &db)
{
    QString out;
    for (const char *table : {"account", "ledger", "record", "record_tier", "pending_call", "usage_hour",
                              "tier_counter", "import_file", "coupon", "package"}) {
        QSqlQuery q(db.connection());
        if (!q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1").arg(QLatin1String(table))))
            qFatal("cannot dump %s", table);
        out += QLatin1String(table) + QLatin1Char('\n');
        while (q.next()) {
            QStringList fields;
            for (int i = 0; i < q.record().count(); ++i)
                fields << q.value(i).toString();
            out += fields.join(QLatin1Char('|')) + QLatin1Char('\n');
        }
    }
    return out;
}

} // namespace billing::test
