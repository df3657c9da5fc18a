#include "engine/bills.h"

#include "engine/context.h"
#include "engine/settlement.h"
#include "storage/usagerepository.h"

#include <QCoreApplication>

namespace billing {

Result<Bill> monthlyBill(Context &ctx, const QString &month)
{
    auto start = ctx.calendar.parseMonth(month);
    if (!start)
        return start.error();
    Bill bill;
    bill.month = month;
    bill.finalAt = ctx.calendar.addMonths(*start, 1) + 2 * kMicrosPerDay;
    bill.final = monthFinalAt(ctx, *start, ctx.now);
    auto sums = ctx.records.billSums(month);
    if (!sums)
        return sums.error();
    const Catalog &cat = ctx.catalog;
    for (BillLine &l : *sums) {
        bill.totals += l;
        if (l.calls == 0 && l.fee.isZero() && l.charged.isZero() && l.paidCoupon.isZero() &&
            l.paidCash.isZero())
            continue; // §12.12
        bill.lines.push_back(std::move(l));
    }
    std::sort(bill.lines.begin(), bill.lines.end(), [&](const BillLine &a, const BillLine &b) {
        return std::tuple(cat.apiIndex(a.api), cat.regionIndex(a.region), a.mode) <
               std::tuple(cat.apiIndex(b.api), cat.regionIndex(b.region), b.mode);
    });
    return bill;
}

Result<LineDetail> lineDetail(Context &ctx, qint64 recordId)
{
    auto r = ctx.records.get(recordId);
    if (!r)
        return r.error();
    LineDetail d;
    d.record = *r;
    if (r->type != Record::Type::Usage)
        return d;
    auto tiers = ctx.records.tiers(recordId);
    if (!tiers)
        return tiers.error();
    d.tiers = std::move(*tiers);
    for (const TierUse &t : d.tiers)
        d.sumPer1000 += Int128(t.calls) * t.pricePer1000.units();
    UsageRepository usage(ctx.db);
    auto calls = usage.usageFor(r->expenditureAt, r->api, r->region, r->project);
    if (!calls)
        return calls.error();
    for (const UsageCount &u : *calls)
        if (u.late == r->late)
            d.calls.push_back(u);
    return d;
}

} // namespace billing
