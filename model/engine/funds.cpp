#include "engine/funds.h"
#include "engine/tr.h"

#include "auth/identity.h"
#include "core/shown.h"
#include "engine/context.h"
#include "engine/settlementrange.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QRegularExpression>

namespace billing::funds {

Result<Money> parseUserAmount(QStringView text)
{
    // \z, not $: $ also matches before a final newline, and "10\n" is not an amount.
    static const QRegularExpression re(QStringLiteral("^[0-9]+(\\.[0-9]{1,2})?\\z"));
    if (!re.match(text).hasMatch())
        return Error::badUsage(
            EngineTr::tr("\"%1\" is not an amount: write digits with at most 2 decimals, e.g. 12.50")
                .arg(shownValue(text)));
    auto m = Money::parse(text);
    if (!m)
        return Error::refused(EngineTr::tr("the amount %1 is above the limit of 10,000,000.00").arg(text));
    return *m;
}

Status validateAmount(Money amount)
{
    if (amount < kMinTopUp)
        return Error::refused(EngineTr::tr("the amount must be at least 0.01"));
    if (amount > kMaxTopUp)
        return Error::refused(EngineTr::tr("the amount must be at most 10,000,000.00"));
    if (!amount.centRemainder().isZero())
        return Error::refused(EngineTr::tr("the amount may have at most 2 decimals"));
    return {};
}

Status validateTopUp(Money balance, Money amount)
{
    if (Status s = validateAmount(amount); !s)
        return s;
    const Money after = balance + amount; // both in range: no overflow
    if (!after.isInRange())
        return Error::refused(
            EngineTr::tr(
                "the top-up of %1 would take the balance to %2, above the limit of 10,000,000,000.00")
                .arg(amount.toString(), after.toString()));
    return {};
}

Result<TopUpResult> topUp(Context &ctx, Money amount)
{
    if (Status s = authorize(ctx, Permission::TopUp); !s)
        return s.error();
    if (Status s = validateTopUp(ctx.account.balance, amount); !s)
        return s.error();
    TopUpResult r;
    r.balanceBefore = ctx.account.balance;
    const QJsonObject stateBefore = ctx.moneyState();
    Record rec;
    rec.type = Record::Type::TopUp;
    rec.at = ctx.now;
    rec.expenditureAt = ctx.now;
    rec.billMonth = ctx.calendar.monthKey(ctx.now);
    rec.charged = -amount; // a credit
    rec.paidCash = -amount;
    if (Status s = insertInRange(ctx, rec); !s)
        return s.error();
    if (Status s = ctx.postCash(LedgerEntry::Kind::TopUp, amount, ctx.now, rec.id, std::nullopt); !s)
        return s.error();
    const AccountState before = ctx.account.state;
    if (Status s = recoverIfPaid(ctx, ctx.now); !s)
        return s.error();
    r.recordId = rec.id;
    r.balanceAfter = ctx.account.balance;
    QJsonObject after = ctx.moneyState();
    after.insert(QStringLiteral("amount"), amount.toString());
    if (Status s = ctx.audit(QStringLiteral("topup"), QStringLiteral("account"), stateBefore, after); !s)
        return s.error();
    r.endedArrears = before != AccountState::Normal && ctx.account.state == AccountState::Normal;
    return r;
}

Status recoverIfPaid(Context &ctx, Instant at)
{
    if (ctx.account.state == AccountState::Normal || ctx.account.balance.isNegative())
        return {};
    const AccountState was = ctx.account.state;
    if (Status s = ctx.setState(AccountState::Normal, std::nullopt, at); !s)
        return s;
    ctx.account.released = false;
    return ctx.notify(at, AlertKind::ArrearsCleared,
                      QJsonObject{{QStringLiteral("was"), accountStateId(was)},
                                  {QStringLiteral("balance"), ctx.account.balance.toString()}});
}

} // namespace billing::funds
