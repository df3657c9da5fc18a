// The close pack's content as canonical JSON (QJsonObject keeps its keys sorted; amounts are exact
// decimal strings; compact, UTF-8) and its SHA-256: the content hash.
#include "close/closepack.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace billing {

namespace {
QJsonObject amountsJson(const Amounts &a)
{
    return {{QStringLiteral("calls"), QString::number(a.calls)},
            {QStringLiteral("fee"), a.fee.toString(8)},
            {QStringLiteral("charged"), a.charged.toString()},
            {QStringLiteral("rounded_off"), a.roundedOff.toString(8)},
            {QStringLiteral("paid_coupon"), a.paidCoupon.toString()},
            {QStringLiteral("paid_cash"), a.paidCash.toString()},
            {QStringLiteral("arrears"), a.arrears.toString()}};
}

QJsonObject lineJson(const BillLine &l)
{
    QJsonObject o = amountsJson(l);
    o.insert(QStringLiteral("api"), l.api);
    o.insert(QStringLiteral("region"), l.region);
    o.insert(QStringLiteral("mode"), l.mode);
    return o;
}

template <typename List, typename F> QJsonArray array(const List &list, F f)
{
    QJsonArray a;
    for (const auto &x : list)
        a.append(f(x));
    return a;
}
} // namespace

QByteArray closePackJson(const ClosePack &pack)
{
    QJsonObject bill{
        {QStringLiteral("status"), pack.bill.final ? QStringLiteral("final") : QStringLiteral("open")},
        {QStringLiteral("lines"), array(pack.bill.lines, lineJson)},
        {QStringLiteral("totals"), amountsJson(pack.bill.totals)}};
    const QJsonArray ledger = array(pack.roundedOff, [](const RoundedOffLine &l) {
        return QJsonObject{{QStringLiteral("day"), l.day},
                           {QStringLiteral("api"), l.api},
                           {QStringLiteral("region"), l.region},
                           {QStringLiteral("mode"), l.mode},
                           {QStringLiteral("calls"), QString::number(l.calls)},
                           {QStringLiteral("fee"), l.fee.toString(8)},
                           {QStringLiteral("charged"), l.charged.toString()},
                           {QStringLiteral("rounded_off"), l.roundedOff.toString(8)}};
    });
    const QJsonArray chargebacks = array(pack.chargebacks, [](const ChargebackStatement &s) {
        const QJsonArray items = array(s.items, [](const ChargebackItem &i) {
            return QJsonObject{{QStringLiteral("api"), i.api},
                               {QStringLiteral("region"), i.region},
                               {QStringLiteral("mode"), i.mode},
                               {QStringLiteral("package"),
                                i.package ? QJsonValue(QString::number(*i.package)) : QJsonValue()},
                               {QStringLiteral("calls"), QString::number(i.calls)},
                               {QStringLiteral("amount"), i.amount.toString()}};
        });
        return QJsonObject{{QStringLiteral("project"), s.project},
                           {QStringLiteral("items"), items},
                           {QStringLiteral("direct"), s.direct.toString()},
                           {QStringLiteral("shared"), s.shared.toString()},
                           {QStringLiteral("total"), s.total().toString()}};
    });
    const QJsonArray budgets = array(pack.budgets, [](const BudgetActual &b) {
        return QJsonObject{{QStringLiteral("name"), b.name},
                           {QStringLiteral("scope"), b.scope},
                           {QStringLiteral("amount"), b.amount.toString()},
                           {QStringLiteral("actual"), b.actual.toString()},
                           {QStringLiteral("percent"), b.percent}};
    });
    const QJsonArray anomalies = array(pack.anomalies, [](const CloseAnomaly &ca) {
        const Anomaly &a = ca.anomaly;
        return QJsonObject{{QStringLiteral("day"), ca.day},
                           {QStringLiteral("api"), a.api},
                           {QStringLiteral("region"), a.region},
                           {QStringLiteral("project"), a.project},
                           {QStringLiteral("cost"), a.cost.toString()},
                           {QStringLiteral("baseline"), a.baseline.toString()},
                           {QStringLiteral("difference"), a.difference.toString()},
                           {QStringLiteral("cause"), a.causes.dominant()}};
    });
    const QJsonObject reconciliation{{QStringLiteral("reconciled"), pack.reconciliation.reconciled},
                                     {QStringLiteral("by"), pack.reconciliation.by},
                                     {QStringLiteral("at"), pack.reconciliation.at},
                                     {QStringLiteral("note"), pack.reconciliation.note},
                                     {QStringLiteral("difference"), pack.reconciliation.difference}};
    const QJsonArray guards = array(pack.guards, [](const FiredGuard &g) {
        return QJsonObject{{QStringLiteral("guard"), g.guard},
                           {QStringLiteral("at"), g.at},
                           {QStringLiteral("services"), QJsonArray::fromStringList(g.services)}};
    });
    const QJsonObject root{{QStringLiteral("month"), pack.month},
                           {QStringLiteral("currency"), pack.currency},
                           {QStringLiteral("account"), pack.accountName},
                           {QStringLiteral("bill"), bill},
                           {QStringLiteral("rounded_off_ledger"), ledger},
                           {QStringLiteral("allocation_rule"), pack.allocationRule},
                           {QStringLiteral("chargebacks"), chargebacks},
                           {QStringLiteral("budgets"), budgets},
                           {QStringLiteral("anomalies"), anomalies},
                           {QStringLiteral("reconciliation"), reconciliation},
                           {QStringLiteral("guards_fired"), guards},
                           {QStringLiteral("records_sha256"), pack.recordsDigest},
                           {QStringLiteral("ledger_sha256"), pack.ledgerDigest},
                           {QStringLiteral("tiers_sha256"), pack.tiersDigest}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString closePackHash(const QByteArray &json)
{
    return QString::fromLatin1(QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex());
}

} // namespace billing
