#pragma once

#include "catalog/catalog.h"
#include "core/result.h"
#include "engine/context.h"
#include "storage/database.h"
#include "storage/transaction.h"
#include "time/clock.h"

#include <exception>
#include <memory>
#include <type_traits>

namespace billing {

struct InitOptions
{
    QString name;
    QString currency = QStringLiteral("USD");
    int utcOffsetSeconds = BillingCalendar::DefaultOffsetSeconds;
};

// The billing engine over one account database. Every command runs through run(): one transaction
// that catches up to the clock's now and then applies the command, committed only if both succeed
// (billing-rules §1: a command is all or nothing).
class Engine
{
public:
    static Result<std::unique_ptr<Engine>> open(const QString &location, const Clock &clock);
    // Creates the database (if needed) and the account starting at the clock's now.
    static Result<std::unique_ptr<Engine>> create(const QString &location, const Clock &clock,
                                                  const InitOptions &opts);
    static QString defaultActor();

    Database &database() { return *m_db; }
    // Who runs the commands, for the audit log (default: the operating-system user).
    void setActor(const QString &actor) { m_actor = actor; }
    const QString &actor() const { return m_actor; }
    const Catalog &catalog() const { return m_catalog; }
    const Clock &clock() const { return m_clock; }

    // Runs fn(Context&) → Result<T> (or Status) after the catch-up, in one transaction.
    template <typename F> auto run(F &&fn) -> std::invoke_result_t<F, Context &>
    {
        return runWith(std::forward<F>(fn), true);
    }
    // An import adds its records first and catches up after (billing-rules §1).
    template <typename F> auto runThenCatchUp(F &&fn) -> std::invoke_result_t<F, Context &>
    {
        return runWith(std::forward<F>(fn), false);
    }

    // Read-only access without catch-up, for verification of the database as stored.
    Result<std::unique_ptr<Context>> inspect();

private:
    template <typename F> auto runWith(F &&fn, bool catchUpFirst) -> std::invoke_result_t<F, Context &>
    {
        using R = std::invoke_result_t<F, Context &>;
        // Running out of memory (or any exception) inside a command or its catch-up is that command's
        // error: the transaction rolls back and the account stays as it was, never an abort.
        try {
            Transaction tx(*m_db);
            if (!tx.started())
                return R(tx.started().error());
            auto ctx = begin(catchUpFirst);
            if (!ctx)
                return R(ctx.error());
            R r = fn(**ctx);
            if (!r)
                return r;
            if (Status s = finish(**ctx, !catchUpFirst); !s)
                return R(s.error());
            if (Status s = tx.commit(); !s)
                return R(s.error());
            return r;
        } catch (const std::exception &e) {
            return R(failed(e));
        }
    }
    Error failed(const std::exception &e) const;

    Engine(std::unique_ptr<Database> db, Catalog catalog, const Clock &clock);
    Result<std::unique_ptr<Context>> begin(bool catchUpFirst);
    Status finish(Context &ctx, bool catchUpNow);

    std::unique_ptr<Database> m_db;
    Catalog m_catalog;
    const Clock &m_clock;
    QString m_actor;
};

} // namespace billing
