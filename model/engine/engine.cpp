#include "engine/engine.h"
#include "engine/tr.h"

#include "auth/identity.h"
#include "engine/catchup.h"
#include "engine/settlementrange.h"
#include "storage/databaseroles.h"

#include <new>

#include <pwd.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QJsonObject>

namespace billing {

namespace {

// Who the audit log names: on a shared PostgreSQL database the database user is the identity (the
// roles that decide what it may do hang on it); on an SQLite file, the operating-system user.
Result<QString> actorOf(Database &db)
{
    auto user = databaseUser(db);
    if (!user)
        return user.error();
    return user->value_or(Engine::defaultActor());
}
} // namespace

Engine::Engine(std::unique_ptr<Database> db, Catalog catalog, const Clock &clock)
    : m_db(std::move(db)), m_catalog(std::move(catalog)), m_clock(clock), m_actor(defaultActor())
{
}

QString Engine::defaultActor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    if (user.isEmpty())
        if (const passwd *pw = getpwuid(geteuid()))
            user = QString::fromLocal8Bit(pw->pw_name);
    return user.isEmpty() ? QStringLiteral("uid %1").arg(geteuid()) : user;
}

Result<std::unique_ptr<Engine>> Engine::open(const QString &location, const Clock &clock)
{
    auto db = Database::open(location, Database::Mode::OpenExisting);
    if (!db)
        return db.error();
    AccountRepository accounts(**db);
    auto source = accounts.catalogSource();
    if (!source) {
        auto has = accounts.exists();
        if (has && !*has)
            return Error::refused(
                EngineTr::tr("the database %1 holds no account: run \"billingctl init\" first")
                    .arg(Database::displayLocation(location)));
        return source.error();
    }
    auto catalog = Catalog::fromJson(*source);
    if (!catalog)
        return catalog.error();
    auto actor = actorOf(**db);
    if (!actor)
        return actor.error();
    std::unique_ptr<Engine> engine(new Engine(std::move(db).value(), std::move(catalog).value(), clock));
    engine->setActor(*actor);
    return engine;
}

Result<std::unique_ptr<Engine>> Engine::create(const QString &location, const Clock &clock,
                                               const InitOptions &opts)
{
    auto catalog = Catalog::builtIn();
    if (!catalog)
        return catalog.error();
    if (opts.currency != catalog->currency())
        return Error::refused(
            EngineTr::tr("the price catalog is in %1; an account in %2 cannot be billed with it")
                .arg(catalog->currency(), opts.currency));
    auto db = Database::open(location, Database::Mode::CreateIfMissing);
    if (!db)
        return db.error();
    Database &d = **db;
    auto actor = actorOf(d);
    if (!actor)
        return actor.error();
    Transaction tx(d);
    if (!tx.started())
        return tx.started().error();
    AccountRepository accounts(d);
    auto has = accounts.exists();
    if (!has)
        return has.error();
    if (*has)
        return Error::refused(EngineTr::tr("%1 already holds an account; nothing was changed")
                                  .arg(Database::displayLocation(location)));
    const Instant now = clock.now();
    Account a;
    a.name = opts.name.isEmpty() ? EngineTr::tr("OCR account") : opts.name;
    a.currency = opts.currency;
    a.utcOffsetSeconds = opts.utcOffsetSeconds;
    a.createdAt = now;
    a.processedUntil = now;
    if (Status s = accounts.insert(a); !s)
        return s.error();
    if (Status s = accounts.storeCatalog(now, catalog->source()); !s)
        return s.error();
    if (Status s = accounts.addStateEvent(now, AccountState::Normal, std::nullopt); !s)
        return s.error();
    {
        Context ctx(d, *catalog, a, now);
        ctx.actor = *actor;
        if (Status s = ctx.audit(QStringLiteral("init"), QStringLiteral("account"), {},
                                 QJsonObject{{QStringLiteral("name"), a.name},
                                             {QStringLiteral("currency"), a.currency},
                                             {QStringLiteral("utc_offset"),
                                              BillingCalendar::formatOffset(a.utcOffsetSeconds)}});
            !s)
            return s.error();
    }
    // billing-rules §12.1: every service starts disabled.
    SubscriptionRepository subs(d);
    for (const ApiInfo &api : catalog->apis())
        for (const RegionInfo &region : catalog->regions())
            if (Status s = subs.insertService({api.id, region.id, false, now}); !s)
                return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    std::unique_ptr<Engine> engine(new Engine(std::move(db).value(), std::move(catalog).value(), clock));
    engine->setActor(*actor);
    return engine;
}

Result<std::unique_ptr<Context>> Engine::begin(bool catchUpFirst)
{
    AccountRepository accounts(*m_db);
    auto account = accounts.load();
    if (!account)
        return account.error();
    const Instant now = m_clock.now();
    // Someone who is not a member of the account reads nothing and changes nothing (auth/identity.h).
    if (auto who = resolveIdentity(*m_db, m_actor); !who)
        return who.error();
    auto ctx = std::make_unique<Context>(*m_db, m_catalog, std::move(*account), now);
    ctx->actor = m_actor;
    if (now < ctx->account.processedUntil)
        return Error::refused(
            EngineTr::tr(
                "time cannot go backwards: the account was already processed up to %1, later than %2")
                .arg(ctx->calendar.format(ctx->account.processedUntil), ctx->calendar.format(now)));
    if (catchUpFirst)
        if (Status s = catchUp(*ctx); !s)
            return s.error();
    return ctx;
}

Status Engine::finish(Context &ctx, bool catchUpNow)
{
    if (catchUpNow) {
        if (Status s = catchUp(ctx); !s)
            return s;
        if (Status s = checkPendingSettle(ctx); !s) // an import: can its hour settle later?
            return s;
    }
    if (Status s = ctx.pending.flush(); !s)
        return s;
    ctx.account.processedUntil = ctx.now;
    if (ctx.account == ctx.loaded)
        return {}; // a query at the same instant: no page written, no WAL frame per page view
    return ctx.accounts.save(ctx.account);
}

Error Engine::failed(const std::exception &e) const
{
    const QString now = BillingCalendar().format(m_clock.now());
    if (dynamic_cast<const std::bad_alloc *>(&e))
        return Error::internal(
            EngineTr::tr("the command (with its catch-up to %1) ran out of memory; nothing was "
                         "changed (verify and backup still work)")
                .arg(now));
    return Error::internal(
        EngineTr::tr("the command (with its catch-up to %1) failed: %2; nothing was changed "
                     "(verify and backup still work)")
            .arg(now, QString::fromLocal8Bit(e.what())));
}

Result<std::unique_ptr<Context>> Engine::inspect()
{
    if (auto who = resolveIdentity(*m_db, m_actor); !who)
        return who.error();
    AccountRepository accounts(*m_db);
    auto account = accounts.load();
    if (!account)
        return account.error();
    auto ctx = std::make_unique<Context>(*m_db, m_catalog, std::move(*account), m_clock.now());
    ctx->actor = m_actor;
    return ctx;
}

} // namespace billing
