#include "engine/billview.h"

#include "engine/context.h"

#include <map>
#include <tuple>

namespace billing {

Result<QStringList> billMonths(Context &ctx)
{
    return ctx.records.billMonths();
}

Result<std::vector<Record>> listRecords(Context &ctx, const RecordFilter &filter)
{
    return ctx.records.list(filter);
}

Result<RecordTotals> recordTotals(Context &ctx, const RecordFilter &filter)
{
    return ctx.records.totals(filter);
}

Result<QStringList> recordProjects(Context &ctx)
{
    return ctx.records.projects();
}

namespace {
std::optional<qint64> basisPoints(Money change, Money previous)
{
    if (previous.isZero())
        return std::nullopt;
    return qint64(Int128(change.units()) * 10000 / Int128(previous.units()));
}

ComparedLine compare(const BillLine &now, Money previousCharged, bool inThisMonth)
{
    ComparedLine c;
    c.line = now;
    c.inThisMonth = inThisMonth;
    c.previousCharged = previousCharged;
    c.change = now.charged - previousCharged;
    c.changeBasisPoints = basisPoints(c.change, previousCharged);
    return c;
}
} // namespace

Result<BillComparison> compareWithPreviousMonth(Context &ctx, const QString &month)
{
    auto bill = monthlyBill(ctx, month);
    if (!bill)
        return bill.error();
    auto start = ctx.calendar.parseMonth(month);
    if (!start)
        return start.error();
    auto previous = monthlyBill(ctx, ctx.calendar.monthKey(ctx.calendar.addMonths(*start, -1)));
    if (!previous)
        return previous.error();
    BillComparison out;
    using Key = std::tuple<QString, QString, QString>;
    std::map<Key, const BillLine *> before;
    for (const BillLine &l : previous->lines)
        before[Key(l.api, l.region, l.mode)] = &l;
    for (const BillLine &l : bill->lines) {
        auto it = before.find(Key(l.api, l.region, l.mode));
        const Money prev = it == before.end() ? Money() : it->second->charged;
        out.lines.push_back(compare(l, prev, true));
        if (it != before.end())
            before.erase(it);
    }
    for (const BillLine &l : previous->lines) {
        if (!before.count(Key(l.api, l.region, l.mode)))
            continue;
        BillLine none;
        none.api = l.api;
        none.region = l.region;
        none.mode = l.mode;
        out.lines.push_back(compare(none, l.charged, false));
    }
    out.totals = compare(bill->totals, previous->totals.charged, true);
    out.bill = std::move(*bill);
    out.previous = std::move(*previous);
    return out;
}

QString exactDecimalText(Int128 value, int scaleDigits, int minDecimals)
{
    const bool negative = value < 0;
    __extension__ typedef unsigned __int128 UInt128;
    UInt128 v = negative ? static_cast<UInt128>(-value) : static_cast<UInt128>(value);
    QString digits;
    do {
        digits.prepend(QChar(u'0' + int(v % 10)));
        v /= 10;
    } while (v != 0);
    while (digits.size() <= scaleDigits)
        digits.prepend(QLatin1Char('0'));
    QString whole = digits.left(digits.size() - scaleDigits);
    QString fraction = digits.right(scaleDigits);
    while (fraction.size() > minDecimals && fraction.endsWith(QLatin1Char('0')))
        fraction.chop(1);
    while (fraction.size() < minDecimals)
        fraction.append(QLatin1Char('0'));
    QString text = negative ? QStringLiteral("-") + whole : whole;
    return fraction.isEmpty() ? text : text + QLatin1Char('.') + fraction;
}

FeeExplanation explainFee(const LineDetail &detail)
{
    // Money units are 1e-8; a per-1000 price × calls / 1000 has 3 more decimal digits: 11 in all.
    constexpr int Scale = Money::Decimals + 3;
    FeeExplanation e;
    for (const TierUse &t : detail.tiers) {
        FeeStep s;
        s.tier = t.tier;
        s.firstPosition = t.firstPosition;
        s.lastPosition = t.lastPosition;
        s.calls = t.calls;
        s.pricePer1000 = t.pricePer1000;
        s.exactAmount = exactDecimalText(Int128(t.calls) * t.pricePer1000.units(), Scale, Money::Decimals);
        e.steps.push_back(s);
    }
    e.exactSum = exactDecimalText(detail.sumPer1000, Scale, Money::Decimals);
    e.fee = detail.record.fee;
    e.charged = detail.record.charged;
    e.roundedOff = detail.record.roundedOff;
    return e;
}

Result<std::vector<Record>> sameSettlement(Context &ctx, const Record &record)
{
    RecordFilter f;
    f.from = record.at;
    f.to = record.at + 1;
    f.api = record.api;
    f.region = record.region;
    f.project = record.project;
    f.type = Record::Type::Usage;
    auto all = ctx.records.list(f);
    if (!all)
        return all.error();
    std::vector<Record> out;
    for (Record &r : *all)
        if (r.expenditureAt == record.expenditureAt && r.late == record.late)
            out.push_back(std::move(r));
    return out;
}

} // namespace billing
