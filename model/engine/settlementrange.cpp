#include "engine/settlementrange.h"

#include "engine/context.h"
#include "engine/settlement.h"
#include "engine/tr.h"

#include <QCoreApplication>

#include <set>

namespace billing {

namespace {
const QString kRange = QStringLiteral("±10,000,000,000.00");
constexpr Int128 kLimit = Money::LimitUnits;

Int128 highestPricePer1000(const Catalog &catalog, const PriceList &list, const ApiInfo &api)
{
    qint64 highest = 0;
    for (const Tier &t : catalog.tiers(list, api.category))
        highest = std::max(highest, t.pricePer1000.units());
    return highest;
}
} // namespace

Result<BillMonthSums::Sums *> BillMonthSums::sumsOf(Context &ctx, const QString &month)
{
    auto it = m_months.find(month);
    if (it != m_months.end())
        return &it->second;
    auto stored = ctx.records.signedSums(month);
    if (!stored)
        return stored.error();
    Sums sums;
    for (size_t i = 0; i < kAmountColumns.size(); ++i) {
        sums.positive[i] = (stored->first.*kAmountColumns[i].member).units();
        sums.negative[i] = (stored->second.*kAmountColumns[i].member).units();
    }
    return &m_months.emplace(month, sums).first->second;
}

Status BillMonthSums::admit(Context &ctx, const Record &r)
{
    auto sums = sumsOf(ctx, r.billMonth);
    if (!sums)
        return sums.error();
    Sums next = **sums;
    for (size_t i = 0; i < kAmountColumns.size(); ++i) {
        const qint64 v = (r.*kAmountColumns[i].member).units();
        Int128 &sum = v < 0 ? next.negative[i] : next.positive[i];
        sum += v;
        if (sum > kLimit || sum < -kLimit)
            return Error::refused(
                EngineTr::tr("the %1 of the bill of %2 would add up to %3, outside the range of %4")
                    .arg(QLatin1String(kAmountColumns[i].key), r.billMonth,
                         Money::unitsToString(sum, kAmountColumns[i].decimals), kRange));
    }
    **sums = next;
    return {};
}

Result<Int128> BillMonthSums::headroom(Context &ctx, const QString &month)
{
    auto sums = sumsOf(ctx, month);
    if (!sums)
        return sums.error();
    Int128 room = kLimit;
    for (const Int128 positive : (*sums)->positive)
        room = std::min(room, kLimit - positive);
    return room;
}

Status checkInRange(Context &ctx, const Record &r)
{
    BillMonthSums sums;
    if (Status s = sums.admit(ctx, r); !s)
        return s.error().code == ErrorCode::Refused
                   ? Error::refused(EngineTr::tr("%1; nothing was changed").arg(s.error().message))
                   : s;
    return {};
}

Status insertInRange(Context &ctx, Record &r)
{
    if (Status s = checkInRange(ctx, r); !s)
        return s;
    return ctx.records.insert(r);
}

Status checkPendingSettle(Context &ctx)
{
    auto found = pendingOutOfRange(ctx);
    if (!found)
        return found.error();
    if (!found->isEmpty())
        return Error::refused(EngineTr::tr("%1; nothing was imported").arg(*found));
    return {};
}

Result<QString> pendingOutOfRange(Context &ctx)
{
    auto hours = ctx.pending.hoursUpTo(std::numeric_limits<Instant>::max() - kMicrosPerHour);
    if (!hours)
        return hours.error();
    BillMonthSums bills;
    Int128 total = 0; // of every hour still pending: one, the hour not yet over
    for (const Instant hour : *hours) {
        const Instant settledAt = hour + kMicrosPerHour;
        // Where the lines of this hour will be billed (as settleHour decides), and what they could cost.
        std::set<QString> months{ctx.calendar.monthKey(hour)};
        Int128 worstPer1000 = 0;
        auto add = [&](const PendingCalls &pending) {
            // The price looked up once per API and price list, not once per call.
            quint32 lastApi = ~0u;
            const PriceList *lastList = nullptr;
            Int128 price = 0;
            for (const PendingCall &c : pending.calls) {
                if (c.status < 200 || c.status > 299)
                    continue;
                const PriceList *list = &ctx.catalog.priceListAt(c.ts);
                if (c.api != lastApi || list != lastList) {
                    const ApiInfo *api = ctx.catalog.api(pending.names[c.api]);
                    price = api ? highestPricePer1000(ctx.catalog, *list, *api) : 0; // unknown: refused later
                    lastApi = c.api;
                    lastList = list;
                }
                worstPer1000 += Int128(c.count) * price;
                if (c.late && !monthFinalAt(ctx, ctx.calendar.monthStart(c.ts), settledAt))
                    months.insert(ctx.calendar.monthKey(c.ts));
            }
        };
        if (Status s = ctx.pending.peek(hour, add); !s)
            return s.error();
        const Int128 worst = (worstPer1000 + 999) / 1000;
        total += worst;
        QString passes;
        if (worst > kLimit)
            passes = EngineTr::tr("the fee");
        else if (Int128(ctx.account.balance.units()) - total < -kLimit)
            passes = EngineTr::tr("the balance (now %1)").arg(ctx.account.balance.toString());
        for (const QString &month : months) {
            auto room = bills.headroom(ctx, month);
            if (!room)
                return room.error();
            if (passes.isEmpty() && total > *room)
                passes = EngineTr::tr("the totals of the bill of %1").arg(month);
        }
        if (!passes.isEmpty())
            return EngineTr::tr(
                       "the calls waiting for the hour from %1 to end could cost up to %2 when it is "
                       "settled (every successful call at its API's highest tier price, none "
                       "covered by a package), which would take %3 outside the range of %4")
                .arg(ctx.calendar.format(hour), Money::unitsToString(worst), passes, kRange);
    }
    return QString();
}

} // namespace billing
