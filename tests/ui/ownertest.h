#pragma once

// Helpers for the account owner's GUI tests: an account with money, usage and packages, made through
// the engine as billingctl would.
#include "engine/accountstatus.h"
#include "engine/funds.h"
#include "engine/importer.h"
#include "engine/packages.h"
#include "engine/services.h"
#include "testaccount.h"

#include <QBuffer>
#include <QDate>
#include <QTest>
#include <QWidget>

namespace billing::test {

inline Money money(const char *text)
{
    return *Money::parse(QString::fromLatin1(text));
}

template <typename R> inline bool ok(const R &r)
{
    if (!r.ok())
        qWarning("%s", qPrintable(r.error().message));
    return r.ok();
}

inline bool topUp(TestAccount &acc, const char *amount)
{
    return ok(acc.run([&](Context &c) { return funds::topUp(c, money(amount)); }));
}

inline bool enable(TestAccount &acc, const char *api, const char *region, bool on = true)
{
    return ok(acc.run([&](Context &c) {
        return services::setEnabled(c, QString::fromLatin1(api), QString::fromLatin1(region), on);
    }));
}

inline Result<ImportSummary> importCsv(TestAccount &acc, const QByteArray &csv)
{
    QByteArray data = csv;
    QBuffer buf(&data);
    buf.open(QIODevice::ReadOnly);
    return acc.engine->runThenCatchUp([&](Context &c) {
        return importCalls(c, buf, ImportOptions{QStringLiteral("t"), false});
    });
}

inline AccountStatus status(TestAccount &acc)
{
    auto s = acc.run([](Context &c) { return accountStatus(c); });
    if (!s)
        qFatal("status: %s", qPrintable(s.error().message));
    return *s;
}

inline Result<std::vector<Package>> buy(TestAccount &acc, const char *api, const char *region,
                                        const char *sku, std::optional<Instant> effective = std::nullopt,
                                        bool autoRenew = false)
{
    packages::BuyRequest req;
    req.api = QString::fromLatin1(api);
    req.region = QString::fromLatin1(region);
    req.sku = QString::fromLatin1(sku);
    req.effective = effective;
    req.autoRenew = autoRenew;
    return acc.run([&](Context &c) { return packages::buy(c, req); });
}

// Five weeks of general-text calls in cn-north-4 from 2026-10-01, ten hours a day: weekdays 30.00,
// weekends 6.00; Friday 2026-10-30 at 90.00 and Tuesday 2026-11-03 at 0.60 (a rise and a drop, the two
// anomalies of billing-rules §10). Import it with the clock at 2026-11-05T00:00:00+08:00.
inline QByteArray anomalyHistoryCsv()
{
    QByteArray csv = "timestamp,api,region,status,count\n";
    for (int day = 0; day < 35; ++day) {
        const QDate date = QDate(2026, 10, 1).addDays(day);
        int calls = date.dayOfWeek() >= 6 ? 400 : 2000;
        if (date == QDate(2026, 10, 30))
            calls = 6000;
        if (date == QDate(2026, 11, 3))
            calls = 40;
        for (int hour = 9; hour < 19; ++hour)
            csv += date.toString(Qt::ISODate).toLatin1() + 'T' +
                   QByteArray::number(hour).rightJustified(2, '0') +
                   ":15:00+08:00,general-text,cn-north-4,200," + QByteArray::number(calls) + '\n';
    }
    return csv;
}

// With BILLING_DIALOG_SHOTS=DIR set, saves a picture of a dialog as the test leaves it (to look at).
inline void shot(QWidget *w, const char *name)
{
    const QString dir = qEnvironmentVariable("BILLING_DIALOG_SHOTS");
    if (dir.isEmpty() || !w)
        return;
    w->grab().save(dir + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png"));
}

} // namespace billing::test
