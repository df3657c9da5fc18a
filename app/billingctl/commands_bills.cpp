// bill, transactions, line: what finance staff read.
#include "commands.h"
#include "engine/bills.h"
#include "json.h"
#include "tr.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace billing::cli {

namespace {

QStringList billLines(const Bill &bill, const QString &currency)
{
    QStringList o;
    o << CliTr::tr("Bill %1 (%2), amounts in %3")
             .arg(bill.month, bill.final ? CliTr::tr("final") : CliTr::tr("open"), currency);
    o << QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
             .arg(CliTr::tr("API"), -18)
             .arg(CliTr::tr("Region"), -15)
             .arg(CliTr::tr("Mode"), -12)
             .arg(CliTr::tr("Calls"), 12)
             .arg(CliTr::tr("Fee"), 20)
             .arg(CliTr::tr("Charged"), 14)
             .arg(CliTr::tr("Rounded off"), 14);
    auto row = [&](const BillLine &l, const QString &label) {
        o << QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                 .arg(label.isEmpty() ? l.api : label, -18)
                 .arg(l.region, -15)
                 .arg(l.mode, -12)
                 .arg(l.calls, 12)
                 .arg(json::amountFine(l.fee), 20)
                 .arg(json::amount(l.charged), 14)
                 .arg(json::amountFine(l.roundedOff), 14);
    };
    for (const BillLine &l : bill.lines)
        row(l, QString());
    row(bill.totals, CliTr::tr("Total"));
    o << CliTr::tr("Paid by coupon %1, by cash %2, arrears %3.")
             .arg(json::amount(bill.totals.paidCoupon), json::amount(bill.totals.paidCash),
                  json::amount(bill.totals.arrears));
    return o;
}

// One transaction as a text row: the fields of its JSON shape, in columns.
QString transactionRow(const Record &r, const BillingCalendar &cal)
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
        .arg(r.id, 6)
        .arg(cal.format(r.at), -26)
        .arg(recordTypeId(r.type), -9)
        .arg(r.api, -17)
        .arg(r.region, -15)
        .arg(r.mode, -12)
        .arg(r.calls, 10)
        .arg(json::amountFine(r.fee), 18)
        .arg(json::amount(r.charged), 12);
}

Result<RecordFilter> recordFilter(const Call &call)
{
    RecordFilter f;
    for (const char *name : {"from", "to"}) {
        const QString key = QLatin1String(name);
        if (!call.has(key))
            continue;
        auto t = BillingCalendar::parseTimestamp(call.value(key));
        if (!t)
            return Error::badUsage(QStringLiteral("--%1: %2").arg(key, t.error().message));
        (key == QLatin1String("from") ? f.from : f.to) = *t;
    }
    f.api = call.value(QStringLiteral("api"));
    f.billMonth = call.value(QStringLiteral("month"));
    if (call.has(QStringLiteral("type"))) {
        f.type = recordTypeFromId(call.value(QStringLiteral("type")));
        if (!f.type)
            return Error::badUsage(
                CliTr::tr("--type must be one of usage, purchase, renewal, refund, topup"));
    }
    if (call.has(QStringLiteral("limit"))) {
        bool ok = false;
        f.limit = call.value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || f.limit < 0)
            return Error::badUsage(CliTr::tr("--limit must be a whole number"));
    }
    return f;
}
} // namespace

Reply cmdBill(Call &call)
{
    return call.run([&](Context &ctx) -> Reply {
        auto bill = monthlyBill(ctx, call.at(0));
        if (!bill)
            return bill.error();
        return Output{json::bill(*bill, ctx.account.currency), billLines(*bill, ctx.account.currency)};
    });
}

Reply cmdTransactions(Call &call)
{
    auto f = recordFilter(call);
    if (!f)
        return f.error();
    return call.run([&](Context &ctx) -> Reply {
        auto list = ctx.records.list(*f);
        if (!list)
            return list.error();
        return Output::list(
            QStringLiteral("transactions"), *list,
            [&](const Record &r) { return json::record(r, ctx.calendar); },
            [&](const Record &r) { return transactionRow(r, ctx.calendar); });
    });
}

Reply cmdLine(Call &call)
{
    auto id = call.idAt(0, CliTr::tr("line: \"%1\" is not a transaction id"));
    if (!id)
        return id.error();
    return call.run([&](Context &ctx) -> Reply {
        auto d = lineDetail(ctx, *id);
        if (!d)
            return d.error();
        return Output::jsonOnly(json::lineDetail(*d, ctx.calendar));
    });
}

} // namespace billing::cli
