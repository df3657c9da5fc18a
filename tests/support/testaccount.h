#pragma once

// A throw-away account database for tests: a temporary folder, a fixed clock, an engine. The account
// is a file in that folder, or in the "_pg" variant of a test a fresh PostgreSQL schema (testdatabase.h).
#include "engine/engine.h"
#include "testdatabase.h"
#include "time/billingcalendar.h"

#include <QTemporaryDir>
#include <QTest>

namespace billing::test {

inline Instant at(const char *iso)
{
    return *BillingCalendar::parseTimestamp(QString::fromLatin1(iso));
}

struct TestAccount
{
    explicit TestAccount(const char *start = "2026-10-01T08:00:00+08:00") : clock(at(start))
    {
        path = database.location();
        auto e =
            Engine::create(path, clock, InitOptions{QStringLiteral("Test"), QStringLiteral("USD"), 8 * 3600});
        if (!e)
            qFatal("cannot create the test account: %s", qPrintable(e.error().message));
        engine = std::move(e).value();
    }
    void setNow(const char *iso) { clock.set(at(iso)); }
    template <typename F> auto run(F &&fn) { return engine->run(std::forward<F>(fn)); }

    QTemporaryDir dir;
    TestDatabase database;
    QString path;
    FixedClock clock;
    std::unique_ptr<Engine> engine;
};

} // namespace billing::test
