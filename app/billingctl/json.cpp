#include "json.h"

#include "engine/notificationtext.h"

#include <QJsonArray>

namespace billing::cli::json {

namespace {
QJsonValue optionalText(const QString &s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

template <typename T> QJsonValue optional(const std::optional<T> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

QJsonArray thresholds(const QList<int> &list)
{
    QJsonArray a;
    for (int t : list)
        a.append(t);
    return a;
}

// A bill's totals carry the money columns and the calls; its lines name their API, region and mode too.
QJsonObject billTotals(const BillLine &l)
{
    QJsonObject o;
    insertAmounts(o, l);
    return o;
}

QJsonObject billLine(const BillLine &l)
{
    QJsonObject o = billTotals(l);
    o.insert(QStringLiteral("api"), l.api);
    o.insert(QStringLiteral("region"), l.region);
    o.insert(QStringLiteral("mode"), l.mode);
    return o;
}

QJsonObject coupon(const Coupon &c, const BillingCalendar &cal)
{
    return QJsonObject{{QStringLiteral("id"), c.id},
                       {QStringLiteral("amount"), amount(c.amount)},
                       {QStringLiteral("remaining"), amount(c.remaining)},
                       {QStringLiteral("expires"), cal.format(c.expiresAt)},
                       {QStringLiteral("api"), optionalText(c.api)}};
}
} // namespace

QString amount(Money m)
{
    return m.toString(2);
}

QString amountFine(Money m)
{
    return m.toString(8);
}

QJsonObject package(const Package &p, const BillingCalendar &cal, Instant now)
{
    return QJsonObject{{QStringLiteral("id"), p.id},
                       {QStringLiteral("api"), p.api},
                       {QStringLiteral("region"), p.region},
                       {QStringLiteral("sku"), p.sku},
                       {QStringLiteral("price"), amount(p.price)},
                       {QStringLiteral("effective"), cal.format(p.effectiveAt)},
                       {QStringLiteral("expires"), cal.format(p.lastSecond())},
                       {QStringLiteral("quota"), p.quota},
                       {QStringLiteral("remaining"), p.remaining},
                       {QStringLiteral("status"), packageStatusId(p.statusAt(now))},
                       {QStringLiteral("auto_renew"), p.autoRenew},
                       {QStringLiteral("renew_days"), p.renewDays},
                       // the size an auto-renewal buys: the one set with --sku, else this term's own
                       {QStringLiteral("renew_sku"), p.autoRenewSku()}};
}

QJsonObject service(const ServiceState &s)
{
    return QJsonObject{{QStringLiteral("api"), s.api},
                       {QStringLiteral("region"), s.region},
                       {QStringLiteral("enabled"), s.enabled}};
}

QJsonObject status(const AccountStatus &st, const BillingCalendar &cal,
                   const std::vector<MarginalPrice> &marginal)
{
    QJsonArray coupons;
    for (const Coupon &c : st.coupons)
        coupons.append(coupon(c, cal));
    QJsonArray packages;
    for (const Package &p : st.packages) {
        // status shows where a renewal came from; the commands that buy or change a package do not.
        QJsonObject o = package(p, cal, st.now);
        o.insert(QStringLiteral("previous_id"), optional(p.previousId));
        packages.append(o);
    }
    QJsonArray services;
    for (const ServiceState &s : st.services) {
        QJsonObject o = service(s);
        for (const MarginalPrice &m : marginal)
            if (m.api == s.api && m.region == s.region)
                o.insert(QStringLiteral("marginal_price_per_1000"), amountFine(m.per1000));
        services.append(o);
    }
    const Account &a = st.account;
    return QJsonObject{
        {QStringLiteral("now"), cal.format(st.now)},
        {QStringLiteral("name"), a.name},
        {QStringLiteral("currency"), a.currency},
        {QStringLiteral("utc_offset"), BillingCalendar::formatOffset(a.utcOffsetSeconds)},
        {QStringLiteral("balance"), amount(a.balance)},
        {QStringLiteral("arrears"), amount(a.arrears())},
        {QStringLiteral("state"), accountStateId(a.state)},
        {QStringLiteral("state_until"), a.stateUntil ? QJsonValue(cal.format(*a.stateUntil)) : QJsonValue()},
        {QStringLiteral("released"), a.released},
        {QStringLiteral("settled_until"), cal.format(st.asOf)},
        {QStringLiteral("coupons"), coupons},
        {QStringLiteral("packages"), packages},
        {QStringLiteral("services"), services},
    };
}

QJsonObject stopBilling(const services::StopPreview &stopped)
{
    QJsonArray services, renewals;
    for (const ServiceState &s : stopped.enabled)
        services.append(QJsonObject{{QStringLiteral("api"), s.api}, {QStringLiteral("region"), s.region}});
    for (const Package &p : stopped.autoRenewing)
        renewals.append(p.id);
    return QJsonObject{{QStringLiteral("disabled"), services},
                       {QStringLiteral("auto_renew_off"), renewals},
                       {QStringLiteral("last_month_spend"), amount(stopped.lastMonthSpend)}};
}

QJsonObject topUp(Money amount, const funds::TopUpResult &r)
{
    return QJsonObject{{QStringLiteral("record_id"), r.recordId},
                       {QStringLiteral("amount"), json::amount(amount)},
                       {QStringLiteral("balance_before"), json::amount(r.balanceBefore)},
                       {QStringLiteral("balance"), json::amount(r.balanceAfter)},
                       {QStringLiteral("ended_arrears"), r.endedArrears}};
}

QJsonObject refund(qint64 packageId, const packages::Refund &r)
{
    return QJsonObject{{QStringLiteral("id"), packageId},
                       {QStringLiteral("refund"), amount(r.total)},
                       {QStringLiteral("to_cash"), amount(r.toCash)},
                       {QStringLiteral("to_coupons"), amount(r.toCoupons)}};
}

QJsonObject importSummary(const ImportSummary &r)
{
    return QJsonObject{{QStringLiteral("records"), r.records},
                       {QStringLiteral("calls"), r.calls},
                       {QStringLiteral("late"), r.lateRecords}};
}

QJsonObject demo(const DemoSummary &r)
{
    return QJsonObject{{QStringLiteral("days"), r.days},
                       {QStringLiteral("records"), r.records},
                       {QStringLiteral("calls"), r.calls}};
}

QJsonObject bill(const Bill &b, const QString &currency)
{
    QJsonArray lines;
    for (const BillLine &l : b.lines)
        lines.append(billLine(l));
    return QJsonObject{{QStringLiteral("month"), b.month},
                       {QStringLiteral("status"), b.final ? QStringLiteral("final") : QStringLiteral("open")},
                       {QStringLiteral("currency"), currency},
                       {QStringLiteral("lines"), lines},
                       {QStringLiteral("totals"), billTotals(b.totals)}};
}

QJsonObject record(const Record &r, const BillingCalendar &cal)
{
    QJsonObject o{{QStringLiteral("id"), r.id},
                  {QStringLiteral("type"), recordTypeId(r.type)},
                  {QStringLiteral("time"), cal.format(r.at)},
                  {QStringLiteral("expenditure_time"), cal.format(r.expenditureAt)},
                  {QStringLiteral("bill_month"), r.billMonth},
                  {QStringLiteral("api"), optionalText(r.api)},
                  {QStringLiteral("region"), optionalText(r.region)},
                  {QStringLiteral("project"), optionalText(r.project)},
                  {QStringLiteral("mode"), optionalText(r.mode)},
                  {QStringLiteral("package_id"), optional(r.packageId)},
                  {QStringLiteral("late"), r.late}};
    insertAmounts(o, r);
    return o;
}

QJsonObject lineDetail(const LineDetail &d, const BillingCalendar &cal)
{
    QJsonArray tiers, calls;
    for (const TierUse &t : d.tiers)
        tiers.append(QJsonObject{{QStringLiteral("tier"), t.tier + 1},
                                 {QStringLiteral("first_position"), t.firstPosition},
                                 {QStringLiteral("last_position"), t.lastPosition},
                                 {QStringLiteral("calls"), t.calls},
                                 {QStringLiteral("price_per_1000"), amount(t.pricePer1000)}});
    for (const UsageCount &u : d.calls)
        calls.append(QJsonObject{{QStringLiteral("status"), u.status},
                                 {QStringLiteral("outcome"), u.outcome},
                                 {QStringLiteral("calls"), u.calls}});
    QJsonObject o = record(d.record, cal);
    o.insert(QStringLiteral("tiers"), tiers);
    o.insert(QStringLiteral("calls_by_status"), calls);
    // Σ per-1000 prices / 1000, floored at 8 decimals: what was dropped is fee_remainder/1000 of a unit.
    o.insert(QStringLiteral("fee_before_truncation"),
             QStringLiteral("%1 + %2/1000 units").arg(amountFine(d.record.fee)).arg(d.record.feeRemainder));
    return o;
}

QJsonObject notification(const Notification &n, const BillingCalendar &cal)
{
    return QJsonObject{{QStringLiteral("id"), n.id},        {QStringLiteral("time"), cal.format(n.at)},
                       {QStringLiteral("kind"), n.kind},    {QStringLiteral("message"), notificationText(n)},
                       {QStringLiteral("details"), n.args}, {QStringLiteral("read"), n.read}};
}

QJsonObject audit(const AuditEntry &e, const BillingCalendar &cal)
{
    return QJsonObject{{QStringLiteral("id"), e.id},           {QStringLiteral("time"), cal.format(e.at)},
                       {QStringLiteral("actor"), e.actor},     {QStringLiteral("action"), e.action},
                       {QStringLiteral("subject"), e.subject}, {QStringLiteral("before"), e.before},
                       {QStringLiteral("after"), e.after},     {QStringLiteral("hash"), e.hash}};
}

QJsonObject member(const Member &m, const BillingCalendar &cal)
{
    return QJsonObject{{QStringLiteral("name"), m.name},
                       {QStringLiteral("role"), roleId(m.role)},
                       {QStringLiteral("since"), cal.format(m.since)}};
}

QJsonObject identity(const Identity &who)
{
    return QJsonObject{{QStringLiteral("user"), who.user},
                       {QStringLiteral("role"), roleId(who.role)},
                       {QStringLiteral("single_user"), who.singleUser}};
}

QJsonObject budget(const Budget &b)
{
    QJsonObject scope; // every dimension, [] where the budget does not limit it
    for (const QString &d : budgetScopeDimensions())
        scope.insert(d, QJsonArray::fromStringList(scopeValues(b.scope, d)));
    return QJsonObject{{QStringLiteral("name"), b.name},
                       {QStringLiteral("amount"), amount(b.amount)},
                       {QStringLiteral("actual_thresholds"), thresholds(b.actualThresholds)},
                       {QStringLiteral("forecast_thresholds"), thresholds(b.forecastThresholds)},
                       {QStringLiteral("scope"), scope},
                       {QStringLiteral("account_wide"), b.scope.isEmpty()}};
}

QJsonObject budgetStatus(const BudgetStatus &s)
{
    QJsonObject o = budget(s.budget);
    o.insert(QStringLiteral("month"), s.month);
    o.insert(QStringLiteral("actual"), amount(s.actual));
    o.insert(QStringLiteral("forecast"), amount(s.forecast.projected));
    return o;
}

QJsonObject cost(const CostQuery &q, const CostResult &r, const BillingCalendar &cal, CostMeasure measure,
                 const ResultUnitCosts *unitCosts)
{
    const auto unitCostValue = [](const std::optional<Money> &u) {
        return u ? QJsonValue(amountFine(*u)) : QJsonValue(QJsonValue::Null);
    };
    QJsonArray rows;
    for (size_t i = 0; i < r.rows.size(); ++i) {
        const CostRow &row = r.rows[i];
        QJsonObject keys;
        for (const auto &[dim, value] : row.keys)
            keys.insert(dim, value);
        QJsonObject o{{QStringLiteral("period"), cal.format(row.period)},
                      {QStringLiteral("keys"), keys},
                      {QStringLiteral("calls"), row.calls},
                      {QStringLiteral("cost"), amount(row.cost)}};
        if (unitCosts && i < unitCosts->rows.size())
            o.insert(QStringLiteral("unit_cost"), unitCostValue(unitCosts->rows[i]));
        rows.append(o);
    }
    QJsonObject o{{QStringLiteral("from"), cal.format(q.from)},
                  {QStringLiteral("to"), cal.format(q.to)},
                  {QStringLiteral("granularity"), granularityId(q.granularity)},
                  {QStringLiteral("view"), viewId(q.view)},
                  {QStringLiteral("group_by"), QJsonArray::fromStringList(q.groupBy)},
                  {QStringLiteral("rows"), rows},
                  {QStringLiteral("calls"), r.calls},
                  {QStringLiteral("total"), amount(r.total)}};
    if (measure != CostMeasure::Cost)
        o.insert(QStringLiteral("measure"), measureId(measure));
    if (unitCosts)
        o.insert(QStringLiteral("unit_cost"), unitCostValue(unitCosts->total));
    return o;
}

QString day(Instant dayStart, const BillingCalendar &cal)
{
    const CivilDate d = cal.dateOf(dayStart);
    return QStringLiteral("%1-%2-%3")
        .arg(d.year, 4, 10, QLatin1Char('0'))
        .arg(d.month, 2, 10, QLatin1Char('0'))
        .arg(d.day, 2, 10, QLatin1Char('0'));
}

QJsonObject anomaly(const Anomaly &a, const BillingCalendar &cal)
{
    QJsonObject causes;
    for (const QString &id : anomalyCauseIds())
        causes.insert(id, amount(a.causes.byId(id)));
    return QJsonObject{
        {QStringLiteral("day"), day(a.day, cal)},
        {QStringLiteral("api"), a.api},
        {QStringLiteral("region"), a.region},
        {QStringLiteral("project"), a.project},
        {QStringLiteral("direction"), a.isRise() ? QStringLiteral("rise") : QStringLiteral("drop")},
        {QStringLiteral("cost"), amount(a.cost)},
        {QStringLiteral("baseline"), amount(a.baseline)},
        {QStringLiteral("reference_day"), day(a.referenceDay, cal)},
        {QStringLiteral("reference_cost"), amount(a.referenceCost)},
        {QStringLiteral("difference"), amount(a.difference)},
        {QStringLiteral("causes"), causes},
        {QStringLiteral("dominant_cause"), a.causes.dominant()},
        {QStringLiteral("calls"), a.calls},
        {QStringLiteral("reference_calls"), a.referenceCalls},
        {QStringLiteral("failed_calls"), a.failedCalls},
        {QStringLiteral("reference_failed_calls"), a.referenceFailedCalls}};
}

QJsonObject quote(const Quote &q)
{
    QJsonArray tiers;
    for (const TierLine &t : q.tiers)
        tiers.append(QJsonObject{{QStringLiteral("tier"), t.tier + 1},
                                 {QStringLiteral("first_call"), t.firstCall},
                                 {QStringLiteral("calls"), t.calls},
                                 {QStringLiteral("price_per_1000"), amount(t.pricePer1000)},
                                 {QStringLiteral("amount"), amountFine(t.amount)}});
    QJsonObject o{{QStringLiteral("option"), q.option},
                  {QStringLiteral("monthly_cost"), amount(q.monthlyCost)},
                  {QStringLiteral("pay_per_use_calls"), q.overflowCalls},
                  {QStringLiteral("tiers"), tiers}};
    if (q.option != kModePayPerUse) {
        o.insert(QStringLiteral("package_price"), amount(q.packagePrice));
        o.insert(QStringLiteral("monthly_quota"), q.monthlyQuota);
        o.insert(QStringLiteral("break_even_calls"), optional(q.cheaper.from));
        o.insert(QStringLiteral("cheaper_up_to_calls"), optional(q.cheaper.upTo));
        o.insert(QStringLiteral("cheaper_at_volume"), q.cheaper.atVolume);
    }
    return o;
}

QJsonObject recommendation(const Recommendation &rec, const BillingCalendar &cal)
{
    QJsonArray options;
    for (const Quote &q : rec.options)
        options.append(quote(q));
    return QJsonObject{
        {QStringLiteral("api"), rec.api},
        {QStringLiteral("region"), rec.region},
        {QStringLiteral("current"), rec.current},
        {QStringLiteral("best"), rec.best},
        {QStringLiteral("monthly_calls"), rec.monthlyCalls},
        {QStringLiteral("monthly_cost_now"), amount(rec.monthlyCostNow)},
        {QStringLiteral("monthly_cost_best"), amount(rec.monthlyCostBest)},
        {QStringLiteral("saving"), amount(rec.saving)},
        {QStringLiteral("reason"), rec.reason},
        {QStringLiteral("package_id"), optional(rec.packageId)},
        {QStringLiteral("lapsing_calls"), rec.lapsingCalls},
        {QStringLiteral("runs_out"), rec.runsOutAt ? QJsonValue(cal.format(*rec.runsOutAt)) : QJsonValue()},
        {QStringLiteral("cost_after_run_out"), amount(rec.costAfterRunOut)},
        {QStringLiteral("options"), options}};
}

QJsonObject rightSizing(const RightSizing &r, const BillingCalendar &cal)
{
    QJsonArray options;
    for (const Quote &q : r.options)
        options.append(quote(q));
    return QJsonObject{{QStringLiteral("package_id"), r.packageId},
                       {QStringLiteral("api"), r.api},
                       {QStringLiteral("region"), r.region},
                       {QStringLiteral("sku"), r.sku},
                       {QStringLiteral("renew_sku"), r.renewSku ? QJsonValue(*r.renewSku) : QJsonValue()},
                       {QStringLiteral("term_end"), cal.format(r.termEnd)},
                       {QStringLiteral("quota"), r.quota},
                       {QStringLiteral("used"), r.used},
                       {QStringLiteral("projected_use"), r.projectedUse},
                       {QStringLiteral("lapsing_calls"), r.lapsingCalls},
                       {QStringLiteral("lapsing_worth"), amount(r.lapsingWorth)},
                       {QStringLiteral("rate_calls_30_days"), r.rateCalls},
                       {QStringLiteral("usage_calls_90_days"), r.usageCalls},
                       {QStringLiteral("monthly_calls"), r.monthlyCalls},
                       {QStringLiteral("next_term_calls"), r.nextTermCalls},
                       {QStringLiteral("best"), r.best},
                       {QStringLiteral("best_cost"), amount(r.bestCost)},
                       {QStringLiteral("current_cost"), amount(r.currentCost)},
                       {QStringLiteral("yearly_difference"), amount(r.yearlyDifference)},
                       {QStringLiteral("ends_within"), r.endsWithin},
                       {QStringLiteral("options"), options}};
}

QJsonObject forecast(const Forecast &f, const BillingCalendar &cal)
{
    QJsonArray daily;
    for (Money m : f.daily)
        daily.append(amount(m));
    return QJsonObject{{QStringLiteral("month"), f.month},
                       {QStringLiteral("as_of"), cal.format(f.asOf)},
                       {QStringLiteral("days_in_month"), f.daysInMonth},
                       {QStringLiteral("complete_days"), f.completeDays},
                       {QStringLiteral("daily"), daily},
                       {QStringLiteral("partial_day"), amount(f.partialDay)},
                       {QStringLiteral("actual"), amount(f.actual)},
                       {QStringLiteral("trend_per_day"), amount(f.trendPerDay)},
                       {QStringLiteral("projected"), amount(f.projected)},
                       {QStringLiteral("low"), amount(f.low)},
                       {QStringLiteral("high"), amount(f.high)},
                       {QStringLiteral("interval_known"), f.intervalKnown}};
}

QJsonObject columnProfile(const ColumnProfile &p)
{
    return QJsonObject{{QStringLiteral("name"), p.name},
                       {QStringLiteral("kind"), profileKindId(p.kind)},
                       {QStringLiteral("definition"), profileToJson(p)}};
}

} // namespace billing::cli::json
