#include "engine/context.h"
#include "storage/costrollup.h"
#include "storage/database.h"

#include "storage/auditrepository.h"
#include "storage/notificationrepository.h"

#include <QJsonObject>

namespace billing {

Context::Context(Database &database, const Catalog &cat, Account acc, Instant at)
    : db(database), catalog(cat), account(std::move(acc)), loaded(account),
      calendar(account.utcOffsetSeconds), now(at), accounts(database), ledger(database), records(database),
      subscriptions(database), pending(database)
{
    // The rollups bucket in the billing time zone; knowing it here spares them a query between the
    // statements of a settlement (on PostgreSQL it would end a result another reader is streaming).
    db.costRollup().setOffset(account.utcOffsetSeconds);
}

Status Context::postCash(LedgerEntry::Kind kind, Money delta, Instant at, std::optional<qint64> recordId,
                         std::optional<qint64> packageId)
{
    account.balance += delta;
    LedgerEntry e;
    e.at = at;
    e.kind = kind;
    e.cashDelta = delta;
    e.balanceAfter = account.balance;
    e.recordId = recordId;
    e.packageId = packageId;
    return ledger.append(e);
}

Status Context::postCoupon(LedgerEntry::Kind kind, Coupon &coupon, Money delta, Instant at,
                           std::optional<qint64> recordId, std::optional<qint64> packageId)
{
    coupon.remaining += delta;
    LedgerEntry e;
    e.at = at;
    e.kind = kind;
    e.balanceAfter = account.balance;
    e.couponId = coupon.id;
    e.couponDelta = delta;
    e.recordId = recordId;
    e.packageId = packageId;
    if (Status s = ledger.append(e); !s)
        return s;
    return subscriptions.updateCoupon(coupon);
}

Status Context::setState(AccountState state, std::optional<Instant> until, Instant at)
{
    account.state = state;
    account.stateUntil = until;
    return accounts.addStateEvent(at, state, until);
}

namespace {
Status appendAudit(Database &db, AuditEntry e)
{
    AuditRepository repo(db);
    auto head = repo.head();
    if (!head)
        return head.error();
    auto newHead = repo.append(e, *head);
    if (!newHead)
        return newHead.error();
    return repo.setHead(*newHead);
}
} // namespace

Status Context::audit(const QString &action, const QString &subject, const QJsonObject &before,
                      const QJsonObject &after)
{
    AuditEntry e;
    e.at = now;
    e.actor = actor;
    e.action = action;
    e.subject = subject;
    e.before = before;
    e.after = after;
    if (heldAudit) {
        heldAudit->push_back(std::move(e));
        return {};
    }
    return appendAudit(db, e);
}

Status Context::releaseAudit()
{
    if (!heldAudit)
        return {};
    const std::vector<AuditEntry> held = std::move(*heldAudit);
    heldAudit.reset();
    for (const AuditEntry &e : held)
        if (Status s = appendAudit(db, e); !s)
            return s;
    return {};
}

QJsonObject Context::moneyState() const
{
    return QJsonObject{{QStringLiteral("balance"), account.balance.toString()},
                       {QStringLiteral("state"), accountStateId(account.state)}};
}

Status Context::notify(Instant at, AlertKind kind, const QJsonObject &args, const QString &dedupeKey)
{
    NotificationRepository repo(db);
    return repo.add(at, alertKindId(kind), args, dedupeKey);
}

} // namespace billing
