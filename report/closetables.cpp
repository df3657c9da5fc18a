// The close pack's sections as typed tables (closetables.h).
#include "closetables.h"
#include "exportcommon.h"

#include "analysis/anomalies.h"

namespace billing::report {

namespace {

class Cells
{
public:
    Cells(const QLocale &locale) : m_locale(locale) {}
    CloseCell text(const QString &s) const { return {CloseCell::Kind::Text, s, {}, 0}; }
    CloseCell count(qint64 n) const { return {CloseCell::Kind::Count, m_locale.toString(n), {}, n}; }
    CloseCell money(Money m) const { return {CloseCell::Kind::Money2, m.toDisplayString(m_locale, 2), m, 0}; }
    CloseCell fine(Money m) const
    {
        return {CloseCell::Kind::Money8, m.toDisplayString(m_locale, Money::Decimals), m, 0};
    }
    CloseCell percent(int p) const
    {
        return {
            CloseCell::Kind::Percent, Tr::tr("%1 %", "a whole percentage").arg(m_locale.toString(p)), {}, p};
    }

private:
    const QLocale &m_locale;
};

struct Namer
{
    const DisplayNames &names;
    bool use;
    QString api(const QString &id) const { return use ? names.api(id) : id; }
    QString region(const QString &id) const { return use ? names.region(id) : id; }
};

CloseTable billTable(const CloseDocument &doc, const Cells &c, const Namer &n)
{
    CloseTable t{Tr::tr("Bill"),
                 Tr::tr("The bill"),
                 columnTitles(),
                 3,
                 {},
                 1,
                 Tr::tr("No charges in this month."),
                 {}};
    auto row = [&](const BillLine &l, const QString &api, const QString &region) {
        std::vector<CloseCell> cells{c.text(api), c.text(region),
                                     c.text(l.mode.isEmpty() ? QString() : modeTitle(l.mode)),
                                     c.count(l.calls)};
        for (const AmountColumn &col : kAmountColumns)
            cells.push_back(col.decimals == 2 ? c.money(l.*col.member) : c.fine(l.*col.member));
        t.rows.push_back(cells);
    };
    for (const BillLine &l : doc.pack.bill.lines)
        row(l, n.api(l.api), n.region(l.region));
    BillLine totals = doc.pack.bill.totals;
    totals.mode.clear();
    row(totals, Tr::tr("Total"), QString());
    t.notes << roundedOffNote(withCurrency(doc.pack.bill.totals.roundedOff.toString(8), doc.pack.currency));
    return t;
}

CloseTable ledgerTable(const CloseDocument &doc, const Cells &c, const Namer &n)
{
    CloseTable t{Tr::tr("Rounded off"),
                 Tr::tr("Rounded-off ledger"),
                 {Tr::tr("Day"), Tr::tr("API"), Tr::tr("Region"), Tr::tr("Mode"), Tr::tr("Calls"),
                  Tr::tr("Fee"), Tr::tr("Charged"), Tr::tr("Rounded off")},
                 4,
                 {},
                 1,
                 Tr::tr("No charges in this month."),
                 {}};
    Amounts sum;
    for (const RoundedOffLine &l : doc.pack.roundedOff) {
        t.rows.push_back({c.text(l.day), c.text(n.api(l.api)), c.text(n.region(l.region)),
                          c.text(modeTitle(l.mode)), c.count(l.calls), c.fine(l.fee), c.money(l.charged),
                          c.fine(l.roundedOff)});
        sum.calls += l.calls;
        sum.fee += l.fee;
        sum.charged += l.charged;
        sum.roundedOff += l.roundedOff;
    }
    t.rows.push_back({c.text(Tr::tr("Total")), c.text({}), c.text({}), c.text({}), c.count(sum.calls),
                      c.fine(sum.fee), c.money(sum.charged), c.fine(sum.roundedOff)});
    return t;
}

std::vector<CloseTable> chargebackTables(const CloseDocument &doc, const Cells &c, const Namer &n)
{
    std::vector<CloseTable> out;
    CloseTable summary{Tr::tr("Chargeback"),
                       Tr::tr("Chargeback by enterprise project"),
                       {Tr::tr("Enterprise project"), Tr::tr("Direct"), Tr::tr("Shared"), Tr::tr("Total")},
                       1,
                       {},
                       1,
                       Tr::tr("No charges in this month."),
                       {Tr::tr("Shared package costs are split by the rule \"%1\" (largest remainder, to the "
                               "cent); the statements add up to the bill's amount charged.")
                            .arg(doc.pack.allocationRule)}};
    Money direct, shared;
    for (const ChargebackStatement &s : doc.pack.chargebacks) {
        summary.rows.push_back(
            {c.text(closeProjectName(s.project)), c.money(s.direct), c.money(s.shared), c.money(s.total())});
        direct += s.direct;
        shared += s.shared;
    }
    summary.rows.push_back(
        {c.text(Tr::tr("Total")), c.money(direct), c.money(shared), c.money(direct + shared)});
    out.push_back(summary);
    for (const ChargebackStatement &s : doc.pack.chargebacks) {
        CloseTable t{Tr::tr("Chargeback"),
                     Tr::tr("Chargeback statement: %1").arg(closeProjectName(s.project)),
                     {Tr::tr("API"), Tr::tr("Region"), Tr::tr("Charge"), Tr::tr("Calls"), Tr::tr("Amount")},
                     3,
                     {},
                     1,
                     {},
                     {}};
        for (const ChargebackItem &i : s.items) {
            const QString what = i.package          ? Tr::tr("Share of package %1").arg(*i.package)
                                 : i.mode.isEmpty() ? Tr::tr("Shared cost without a package")
                                                    : modeTitle(i.mode);
            t.rows.push_back({c.text(n.api(i.api)), c.text(n.region(i.region)), c.text(what),
                              c.count(i.calls), c.money(i.amount)});
        }
        t.rows.push_back({c.text(Tr::tr("Total")), c.text({}), c.text({}), c.text({}), c.money(s.total())});
        out.push_back(t);
    }
    return out;
}

CloseTable budgetTable(const CloseDocument &doc, const Cells &c)
{
    CloseTable t{Tr::tr("Budgets"),
                 Tr::tr("Budgets against actual"),
                 {Tr::tr("Budget"), Tr::tr("Scope"), Tr::tr("Amount"), Tr::tr("Actual"), Tr::tr("Used")},
                 2,
                 {},
                 0,
                 Tr::tr("No budgets."),
                 {}};
    for (const BudgetActual &b : doc.pack.budgets)
        t.rows.push_back(
            {c.text(b.name), c.text(b.scope), c.money(b.amount), c.money(b.actual), c.percent(b.percent)});
    return t;
}

CloseTable anomalyTable(const CloseDocument &doc, const Cells &c, const Namer &n)
{
    CloseTable t{Tr::tr("Anomalies"),
                 Tr::tr("Anomalies of the month"),
                 {Tr::tr("Day"), Tr::tr("API"), Tr::tr("Region"), Tr::tr("Enterprise project"),
                  Tr::tr("Main cause"), Tr::tr("Cost"), Tr::tr("Baseline"), Tr::tr("Difference")},
                 5,
                 {},
                 0,
                 Tr::tr("No anomalies in this month."),
                 {}};
    for (const CloseAnomaly &ca : doc.pack.anomalies) {
        const Anomaly &a = ca.anomaly;
        t.rows.push_back({c.text(ca.day), c.text(n.api(a.api)), c.text(n.region(a.region)),
                          c.text(closeProjectName(a.project)), c.text(anomalyCauseName(a.causes.dominant())),
                          c.money(a.cost), c.money(a.baseline), c.money(a.difference)});
    }
    return t;
}

CloseTable reconciliationTable(const CloseDocument &doc, const Cells &c)
{
    const ReconciliationState &r = doc.pack.reconciliation;
    CloseTable t{Tr::tr("Reconciliation"),
                 Tr::tr("Reconciliation with the provider's bill"),
                 {Tr::tr("Item"), Tr::tr("Value")},
                 2,
                 {},
                 0,
                 {},
                 {}};
    if (!r.reconciled) {
        t.rows.push_back({c.text(Tr::tr("Status")), c.text(Tr::tr("Not reconciled"))});
        return t;
    }
    t.rows.push_back({c.text(Tr::tr("Status")), c.text(Tr::tr("Reconciled"))});
    t.rows.push_back({c.text(Tr::tr("Accepted by")), c.text(r.by)});
    t.rows.push_back({c.text(Tr::tr("Accepted at")), c.text(r.at)});
    if (!r.difference.isEmpty())
        t.rows.push_back(
            {c.text(Tr::tr("Difference accepted")), c.text(withCurrency(r.difference, doc.pack.currency))});
    if (!r.note.isEmpty())
        t.rows.push_back({c.text(Tr::tr("Note")), c.text(r.note)});
    return t;
}

CloseTable guardTable(const CloseDocument &doc, const Cells &c)
{
    CloseTable t{Tr::tr("Guards"),
                 Tr::tr("Spend guards that fired"),
                 {Tr::tr("Guard"), Tr::tr("Fired at"), Tr::tr("Services disabled")},
                 3,
                 {},
                 0,
                 Tr::tr("No guard fired in this month."),
                 {}};
    for (const FiredGuard &g : doc.pack.guards)
        t.rows.push_back({c.text(g.guard), c.text(g.at), c.text(g.services.join(QStringLiteral(", ")))});
    return t;
}

} // namespace

QString closeTitle(const QString &month)
{
    return Tr::tr("Close pack for %1").arg(month);
}

QString closeFileName(const QString &month, const QString &suffix)
{
    return QStringLiteral("close-%1.%2").arg(month, suffix);
}

std::vector<std::pair<QString, QString>> closeFacts(const CloseDocument &doc)
{
    return {
        {Tr::tr("Month"), doc.pack.month},
        {Tr::tr("Status"), statusTitle(doc.pack.bill.final)},
        {Tr::tr("Currency"), doc.pack.currency},
        {Tr::tr("Closed at"), doc.stamp.closedAt},
        {Tr::tr("Closed by"), doc.stamp.closedBy},
        {Tr::tr("Audit chain head at closing"), doc.stamp.auditHead},
        {Tr::tr("Content hash (SHA-256 of %1)").arg(closeFileName(doc.pack.month, QStringLiteral("json"))),
         doc.stamp.contentHash}};
}

std::vector<CloseTable> closeTables(const CloseDocument &doc, const QLocale &locale, bool names)
{
    const Cells c(locale);
    const Namer n{doc.names, names};
    std::vector<CloseTable> out{billTable(doc, c, n), ledgerTable(doc, c, n)};
    for (CloseTable &t : chargebackTables(doc, c, n))
        out.push_back(std::move(t));
    out.push_back(budgetTable(doc, c));
    out.push_back(anomalyTable(doc, c, n));
    out.push_back(reconciliationTable(doc, c));
    out.push_back(guardTable(doc, c));
    return out;
}

} // namespace billing::report
