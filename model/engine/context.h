#pragma once

#include "catalog/catalog.h"
#include "domain/audit.h"
#include "domain/notification.h"
#include "domain/types.h"
#include "engine/pendingstore.h"
#include "storage/accountrepository.h"
#include "storage/ledgerrepository.h"
#include "storage/recordrepository.h"
#include "storage/subscriptionrepository.h"
#include "time/billingcalendar.h"

#include <QJsonObject>

#include <memory>
#include <optional>
#include <vector>

namespace billing {

class Database;
class NotificationRepository;
class CatchUp;

// Everything one command works with, inside its transaction: the account as loaded, the time it
// runs at, and the repositories. Engine functions take a Context and change the account through it.
struct Context
{
    Context(Database &database, const Catalog &cat, Account acc, Instant at);

    Database &db;
    const Catalog &catalog;
    Account account;
    const Account loaded; // as read when the command began: a command that changed nothing writes nothing
    BillingCalendar calendar;
    Instant now;
    AccountRepository accounts;
    LedgerRepository ledger;
    RecordRepository records;
    SubscriptionRepository subscriptions;
    PendingStore pending; // imported calls not yet settled; flushed when the command finishes

    // Moves cash and appends the ledger entry; the account row is saved when the command commits.
    Status postCash(LedgerEntry::Kind kind, Money delta, Instant at, std::optional<qint64> recordId,
                    std::optional<qint64> packageId);
    // Moves a coupon's remainder and appends the ledger entry.
    Status postCoupon(LedgerEntry::Kind kind, Coupon &coupon, Money delta, Instant at,
                      std::optional<qint64> recordId, std::optional<qint64> packageId);
    // Changes the account state and records it in the state history.
    Status setState(AccountState state, std::optional<Instant> until, Instant at);
    // Appends to the hash-chained audit log: who (actor), what, on what, before and after.
    Status audit(const QString &action, const QString &subject, const QJsonObject &before,
                 const QJsonObject &after);
    // The account's money state, for audit entries.
    QJsonObject moneyState() const;

    QString actor; // who runs this command; "system" while the engine acts on its own (auto-renew)

    // A catch-up that an import began while it read (importer.cpp); Engine::finish completes it.
    std::shared_ptr<CatchUp> catchUpInProgress;
    // While set, audit() keeps its entries here instead of appending them: the settlement an import runs
    // while it reads is logged after the import's own entry, as when it runs after the import.
    std::optional<std::vector<AuditEntry>> heldAudit;
    Status releaseAudit(); // appends the held entries, in order, and stops holding

    // Stores an alert for the console (deduplicated by key when one is given).
    Status notify(Instant at, AlertKind kind, const QJsonObject &args, const QString &dedupeKey = QString());
};

} // namespace billing
