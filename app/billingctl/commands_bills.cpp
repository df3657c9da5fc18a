// bill, transactions, line: what finance staff read.
#include "args.h"
#include "cli.h"
#include "engine/bills.h"
#include "output.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace billing::cli {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billingctl)
};

QJsonObject lineJson(const BillLine &l, bool withKeys)
{
    QJsonObject o;
    insertAmounts(o, l);
    if (withKeys) {
        o.insert(QStringLiteral("api"), l.api);
        o.insert(QStringLiteral("region"), l.region);
        o.insert(QStringLiteral("mode"), l.mode);
    }
    return o;
}

QJsonObject recordJson(const Record &r, const BillingCalendar &cal)
{
    auto optText = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
    QJsonObject o{{QStringLiteral("id"), r.id},
                  {QStringLiteral("type"), recordTypeId(r.type)},
                  {QStringLiteral("time"), cal.format(r.at)},
                  {QStringLiteral("expenditure_time"), cal.format(r.expenditureAt)},
                  {QStringLiteral("bill_month"), r.billMonth},
                  {QStringLiteral("api"), optText(r.api)},
                  {QStringLiteral("region"), optText(r.region)},
                  {QStringLiteral("project"), optText(r.project)},
                  {QStringLiteral("mode"), optText(r.mode)},
                  {QStringLiteral("package_id"), r.packageId ? QJsonValue(*r.packageId) : QJsonValue()},
                  {QStringLiteral("late"), r.late}};
    insertAmounts(o, r);
    return o;
}

int cmdBill(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("bill"), argv, {}, {}, 1, 1);
    if (!args)
        return cli.fail(args.error());
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    QString currency;
    auto bill = (*engine)->run([&](Context &ctx) {
        currency = ctx.account.currency;
        return monthlyBill(ctx, args->at(0));
    });
    if (!bill)
        return cli.fail(bill.error());
    if (cli.json()) {
        QJsonArray lines;
        for (const BillLine &l : bill->lines)
            lines.append(lineJson(l, true));
        QJsonObject totals = lineJson(bill->totals, false);
        cli.printJson(QJsonObject{
            {QStringLiteral("month"), bill->month},
            {QStringLiteral("status"), bill->final ? QStringLiteral("final") : QStringLiteral("open")},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("lines"), lines},
            {QStringLiteral("totals"), totals}});
        return 0;
    }
    QTextStream &o = cli.out();
    o << Tr::tr("Bill %1 (%2), amounts in %3")
             .arg(bill->month, bill->final ? Tr::tr("final") : Tr::tr("open"), currency)
      << "\n";
    o << QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
             .arg(Tr::tr("API"), -18)
             .arg(Tr::tr("Region"), -15)
             .arg(Tr::tr("Mode"), -12)
             .arg(Tr::tr("Calls"), 12)
             .arg(Tr::tr("Fee"), 20)
             .arg(Tr::tr("Charged"), 14)
             .arg(Tr::tr("Rounded off"), 14)
      << "\n";
    auto row = [&](const BillLine &l, const QString &label) {
        o << QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                 .arg(label.isEmpty() ? l.api : label, -18)
                 .arg(l.region, -15)
                 .arg(l.mode, -12)
                 .arg(l.calls, 12)
                 .arg(amountFine(l.fee), 20)
                 .arg(amount(l.charged), 14)
                 .arg(amountFine(l.roundedOff), 14)
          << "\n";
    };
    for (const BillLine &l : bill->lines)
        row(l, QString());
    row(bill->totals, Tr::tr("Total"));
    o << Tr::tr("Paid by coupon %1, by cash %2, arrears %3.")
             .arg(amount(bill->totals.paidCoupon), amount(bill->totals.paidCash),
                  amount(bill->totals.arrears))
      << Qt::endl;
    return 0;
}

int cmdTransactions(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("transactions"), argv,
                            {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("api"),
                             QStringLiteral("type"), QStringLiteral("month"), QStringLiteral("limit")},
                            {}, 0, 0);
    if (!args)
        return cli.fail(args.error());
    RecordFilter f;
    for (const char *name : {"from", "to"}) {
        const QString key = QLatin1String(name);
        if (!args->has(key))
            continue;
        auto t = BillingCalendar::parseTimestamp(args->value(key));
        if (!t)
            return cli.fail(Error::badUsage(QStringLiteral("--%1: %2").arg(key, t.error().message)));
        (key == QLatin1String("from") ? f.from : f.to) = *t;
    }
    f.api = args->value(QStringLiteral("api"));
    f.billMonth = args->value(QStringLiteral("month"));
    if (args->has(QStringLiteral("type"))) {
        f.type = recordTypeFromId(args->value(QStringLiteral("type")));
        if (!f.type)
            return cli.fail(
                Error::badUsage(Tr::tr("--type must be one of usage, purchase, renewal, refund, topup")));
    }
    if (args->has(QStringLiteral("limit"))) {
        bool ok = false;
        f.limit = args->value(QStringLiteral("limit")).toInt(&ok);
        if (!ok || f.limit < 0)
            return cli.fail(Error::badUsage(Tr::tr("--limit must be a whole number")));
    }
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    auto r = (*engine)->run([&](Context &ctx) {
        auto list = ctx.records.list(f);
        if (!list)
            return Result<QJsonArray>(list.error());
        QJsonArray out;
        for (const Record &rec : *list)
            out.append(recordJson(rec, ctx.calendar));
        return Result<QJsonArray>(out);
    });
    if (!r)
        return cli.fail(r.error());
    if (cli.json()) {
        cli.printJson(QJsonObject{{QStringLiteral("transactions"), *r}});
        return 0;
    }
    for (const auto &v : *r) {
        const QJsonObject o = v.toObject();
        cli.out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9")
                         .arg(o[QStringLiteral("id")].toInteger(), 6)
                         .arg(o[QStringLiteral("time")].toString(), -26)
                         .arg(o[QStringLiteral("type")].toString(), -9)
                         .arg(o[QStringLiteral("api")].toString(), -17)
                         .arg(o[QStringLiteral("region")].toString(), -15)
                         .arg(o[QStringLiteral("mode")].toString(), -12)
                         .arg(o[QStringLiteral("calls")].toInteger(), 10)
                         .arg(o[QStringLiteral("fee")].toString(), 18)
                         .arg(o[QStringLiteral("charged")].toString(), 12)
                  << "\n";
    }
    cli.out().flush();
    return 0;
}

int cmdLine(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("line"), argv, {}, {}, 1, 1);
    if (!args)
        return cli.fail(args.error());
    bool ok = false;
    const qint64 id = args->at(0).toLongLong(&ok);
    if (!ok)
        return cli.fail(Error::badUsage(Tr::tr("line: \"%1\" is not a transaction id").arg(args->at(0))));
    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    auto r = (*engine)->run([&](Context &ctx) {
        auto d = lineDetail(ctx, id);
        if (!d)
            return Result<QJsonObject>(d.error());
        QJsonArray tiers, calls;
        for (const TierUse &t : d->tiers)
            tiers.append(QJsonObject{{QStringLiteral("tier"), t.tier + 1},
                                     {QStringLiteral("first_position"), t.firstPosition},
                                     {QStringLiteral("last_position"), t.lastPosition},
                                     {QStringLiteral("calls"), t.calls},
                                     {QStringLiteral("price_per_1000"), amount(t.pricePer1000)}});
        for (const UsageCount &u : d->calls)
            calls.append(QJsonObject{{QStringLiteral("status"), u.status},
                                     {QStringLiteral("outcome"), u.outcome},
                                     {QStringLiteral("calls"), u.calls}});
        QJsonObject o = recordJson(d->record, ctx.calendar);
        o.insert(QStringLiteral("tiers"), tiers);
        o.insert(QStringLiteral("calls_by_status"), calls);
        // Σ per-1000 prices / 1000, floored at 8 decimals: what was dropped is fee_remainder/1000 of a unit.
        o.insert(
            QStringLiteral("fee_before_truncation"),
            QStringLiteral("%1 + %2/1000 units").arg(amountFine(d->record.fee)).arg(d->record.feeRemainder));
        return Result<QJsonObject>(o);
    });
    if (!r)
        return cli.fail(r.error());
    cli.printJson(*r);
    return 0;
}
} // namespace

void addBillCommands(std::vector<Cli::Command> &c)
{
    c.push_back({QStringLiteral("bill"), QStringLiteral("bill MONTH"), cmdBill});
    c.push_back({QStringLiteral("transactions"),
                 QStringLiteral("transactions [--from TIME] [--to TIME] [--api API] [--type TYPE] [--month "
                                "YYYY-MM] [--limit N]"),
                 cmdTransactions});
    c.push_back({QStringLiteral("line"),
                 QStringLiteral("line TRANSACTION_ID   (drill down to the calls behind a line)"), cmdLine});
}

} // namespace billing::cli
