#include "reconcile/billreader.h"
#include "reconcile/tr.h"

#include "catalog/catalog.h"
#include "core/shown.h"
#include "domain/types.h"

#include <QCoreApplication>

namespace billing::billwords {

Reader::Reader(const BillFileOptions &o, const LineSink &sink, BillFileSummary &summary)
    : m_o(o), m_sink(sink), m_summary(summary)
{
    const Catalog &c = *o.catalog;
    for (const ApiInfo &a : c.apis()) {
        for (const QString &n : QStringList{a.id, a.name} + a.providerNames)
            m_apis.insert(norm(n), a.id);
    }
    for (const RegionInfo &r : c.regions())
        for (const QString &n : QStringList{r.id, r.name} + r.providerNames)
            m_regions.insert(norm(n), r.id);
    for (const QString &s : c.providerServices())
        m_services.insert(norm(s));
    if (o.profile) {
        for (const auto &[field, map] : o.profile->values)
            for (const auto &[from, id] : map)
                (field == QLatin1String("api") ? m_apis : m_regions).insert(norm(from), id);
    }
}

Status Reader::begin(const QString &name)
{
    m_table = name;
    m_kind = Kind::None;
    m_searched = 0;
    m_reason.clear();
    m_isCallLog = false;
    m_firstLine = 0;
    return {};
}

Result<bool> Reader::row(qint64 line, const QStringList &cells)
{
    if (m_firstLine == 0)
        m_firstLine = line;
    if (m_kind == Kind::None) {
        if (recognize(cells))
            return true;
        if (m_isCallLog)
            return false;
        if (++m_searched >= kHeaderSearchRows || m_o.profile) {
            m_reason = notBill();
            return false;
        }
        return true; // a title row above the header
    }
    m_line = line;
    m_cells = &cells;
    Status s = readRow();
    if (!s)
        return s.error();
    return true;
}

Status Reader::end()
{
    if (m_kind == Kind::None)
        return Error::badData(QStringLiteral("%1: %2").arg(at(m_table, m_firstLine, 0), notBill()));
    return {};
}

QString Reader::notBill() const
{
    if (!m_reason.isEmpty())
        return m_reason;
    return m_o.profile
               ? ReconcileTr::tr("the header lacks the columns of the profile \"%1\"").arg(m_o.profile->name)
               : ReconcileTr::tr("not a bill: the header is not one of the provider's bills, a "
                                 "FOCUS file or the console's bill or transaction export; map "
                                 "its columns with a provider-bill profile (--profile)");
}

QString Reader::notReadReason() const
{
    return m_firstLine == 0 ? ReconcileTr::tr("the sheet is empty") : notBill();
}

bool Reader::recognize(const QStringList &cells)
{
    QHash<QString, int> names;
    for (int i = 0; i < cells.size(); ++i)
        if (!cells[i].trimmed().isEmpty())
            names.insert(norm(cells[i]), i);
    auto has = [&](const char *n) { return names.contains(norm(QLatin1String(n))); };
    m_named = names;
    if (m_o.profile) {
        m_prov.fill(-1);
        for (const auto &[column, field] : m_o.profile->columns) {
            const auto meaning = profileMeaning(field);
            const int pos = int(cells.indexOf(column));
            if (meaning && pos >= 0)
                m_prov[size_t(*meaning)] = pos;
            else if (meaning && (*meaning == F::Product || *meaning == F::Due))
                return false;
        }
        return setKind(Kind::Provider, m_o.profile->name);
    }
    if (has("BilledCost") && has("ChargeCategory") && has("BillingPeriodStart"))
        return setKind(Kind::Focus, QStringLiteral("focus"));
    // The console's exports by their machine column names, exactly (the XLSX bill's first sheet has
    // the same columns as titles for people, and amounts as floating-point cells: its "exact" sheet is
    // read).
    auto exact = [&](const char *n) { return cells.contains(QLatin1String(n)); };
    if (exact("bill_month") && exact("type") && exact("expenditure_time") && exact("charged") && exact("api"))
        return setKind(Kind::OursTransactions, QStringLiteral("ours"));
    if (exact("api") && exact("region") && exact("mode") && exact("calls") && exact("fee") &&
        exact("charged") && exact("rounded_off"))
        return setKind(Kind::OursBill, QStringLiteral("ours"));
    if (has("timestamp") && has("api") && has("status")) {
        m_reason = ReconcileTr::tr("a call log, not a bill; import it with import-calls");
        m_isCallLog = true;
        return false;
    }
    m_prov.fill(-1);
    const auto &known = providerHeaders();
    for (int i = 0; i < cells.size(); ++i) {
        auto it = known.find(norm(cells[i]));
        if (it != known.end() && m_prov[size_t(*it)] < 0)
            m_prov[size_t(*it)] = i;
    }
    const bool product =
        p(F::Product) >= 0 || p(F::Spec) >= 0 || p(F::Resource) >= 0 || p(F::ResourceCode) >= 0;
    if (p(F::Due) >= 0 && product && (p(F::Cycle) >= 0 || p(F::Time) >= 0))
        return setKind(Kind::Provider, p(F::TransactionId) >= 0 || p(F::Time) >= 0
                                           ? QStringLiteral("provider-transaction")
                                           : QStringLiteral("provider-resource"));
    return false;
}

bool Reader::setKind(Kind k, const QString &format)
{
    m_kind = k;
    if (m_summary.format.isEmpty())
        m_summary.format = format;
    return true;
}

QString Reader::cell(int pos) const
{
    return pos >= 0 && pos < m_cells->size() ? m_cells->at(pos).trimmed() : QString();
}

Error Reader::badCell(int pos, const QString &why) const
{
    return Error::badData(QStringLiteral("%1: %2").arg(at(m_table, m_line, pos + 1), why));
}

Status Reader::ignore(const QString &why)
{
    m_summary.ignored.push_back({m_table, m_line, why});
    return {};
}

Result<Money> Reader::amount(int pos, bool required) const
{
    const QString v = cell(pos);
    if (v.isEmpty()) {
        if (required && pos >= 0)
            return badCell(pos, ReconcileTr::tr("the amount is missing"));
        return Money();
    }
    auto m = parseBillAmount(v);
    if (!m)
        return badCell(pos, m.error().message);
    return m;
}

Result<qint64> Reader::count(int pos) const
{
    QString v = cell(pos);
    if (v.isEmpty())
        return qint64(0);
    auto m = parseBillAmount(v);
    if (!m || m->units() % Money::Scale != 0)
        return badCell(pos, ReconcileTr::tr("\"%1\" is not a whole number of calls").arg(shownValue(v)));
    return m->units() / Money::Scale;
}

Status Reader::checkAccount(int accountPos, int currencyPos)
{
    const QString account = cell(accountPos);
    if (!account.isEmpty() && !m_o.accountName.isEmpty() &&
        !m_accountMemo.get(
            account, [&](const QString &v) { return v.compare(m_o.accountName, Qt::CaseInsensitive) == 0; }))
        return badCell(accountPos, ReconcileTr::tr("the bill is of the account \"%1\", not of this account "
                                                   "(\"%2\"); refused")
                                       .arg(shownValue(account), m_o.accountName));
    const QString currency = cell(currencyPos);
    if (!currency.isEmpty() && !m_currencyMemo.get(currency, [&](const QString &v) {
            return v.compare(m_o.currency, Qt::CaseInsensitive) == 0;
        }))
        return badCell(currencyPos, ReconcileTr::tr("the bill is in %1, the account in %2; refused")
                                        .arg(shownValue(currency), m_o.currency));
    return {};
}

Result<QString> Reader::region(int pos)
{
    const QString v = cell(pos);
    if (v.isEmpty())
        return badCell(pos, ReconcileTr::tr("the region is missing"));
    const QString &id = m_regionMemo.get(v, [&](const QString &t) { return m_regions.value(norm(t)); });
    if (id.isEmpty())
        return badCell(pos, ReconcileTr::tr("\"%1\" is not a region of the catalog").arg(shownValue(v)));
    return id;
}

Result<Instant> Reader::time(int pos)
{
    const auto &known = m_timeMemo.get(cell(pos), [](const QString &v) -> std::optional<Instant> {
        auto t = parseBillTime(v);
        return t ? std::optional(*t) : std::nullopt;
    });
    if (known)
        return *known;
    auto t = parseBillTime(cell(pos)); // for its message
    if (!t)
        return badCell(pos, t.error().message);
    return t;
}

Status Reader::deliver(const BillLineKey &key, const LineFigures &f)
{
    ++m_summary.rows;
    return m_sink(key, f);
}

Status Reader::readRow()
{
    switch (m_kind) {
    case Kind::Provider:
        return readProvider();
    case Kind::Focus:
        return readFocus();
    case Kind::OursTransactions:
        return readOursTransaction();
    case Kind::OursBill:
        return readOursBill();
    default:
        return {};
    }
}

Status Reader::readProvider()
{
    if (Status s = checkAccount(p(F::Account), p(F::Currency)); !s)
        return s;
    const QString service = cell(F::ServiceCode).isEmpty() ? cell(F::Service) : cell(F::ServiceCode);
    if (!service.isEmpty() &&
        !m_serviceMemo.get(service, [&](const QString &v) { return m_services.contains(norm(v)); }))
        return ignore(ReconcileTr::tr("another service: %1").arg(service));
    BillLineKey key;
    QString product;
    for (F f : {F::Spec, F::Product, F::ResourceCode, F::Resource}) {
        const QString v = cell(f);
        if (v.isEmpty())
            continue;
        if (product.isEmpty())
            product = v;
        if (const QString &api = m_apiMemo.get(v, [&](const QString &t) { return m_apis.value(norm(t)); });
            !api.isEmpty()) {
            key.api = api;
            break;
        }
    }
    if (key.api.isEmpty())
        return ignore(ReconcileTr::tr("not an OCR API of the catalog: %1").arg(product));
    if (p(F::Region) >= 0) {
        auto r = region(p(F::Region));
        if (!r)
            return r.error();
        key.region = *r;
    }
    BillType type = BillType::Usage;
    if (!cell(F::BillType).isEmpty()) {
        const auto t = m_billTypeMemo.get(cell(F::BillType), [](const QString &v) { return billTypeOf(v); });
        if (!t)
            return badCell(p(F::BillType), ReconcileTr::tr("\"%1\" is not a bill type (usage, purchase, "
                                                           "renewal, refund)")
                                               .arg(shownValue(cell(F::BillType))));
        type = *t;
    }
    if (!cell(F::Mode).isEmpty()) {
        const auto m = m_modeMemo.get(cell(F::Mode), [](const QString &v) { return modeOf(v); });
        if (!m)
            return badCell(p(F::Mode), ReconcileTr::tr("\"%1\" is not a billing mode (pay-per-use, package)")
                                           .arg(shownValue(cell(F::Mode))));
        key.mode = *m;
    } else {
        key.mode = type == BillType::Usage ? kModePayPerUse : kModePackage;
    }
    if (!cell(F::Time).isEmpty()) {
        auto t = time(p(F::Time));
        if (!t)
            return t.error();
        key.hour = m_o.calendar.hourStart(*t);
    }
    if (!cell(F::Cycle).isEmpty()) {
        key.month = m_cycleMemo.get(cell(F::Cycle), [](const QString &v) { return monthOfCycle(v); });
        if (key.month.isEmpty())
            return badCell(
                p(F::Cycle),
                ReconcileTr::tr("\"%1\" is not a billing cycle (YYYY-MM)").arg(shownValue(cell(F::Cycle))));
    } else if (key.hour != kNoHour) {
        key.month = m_o.calendar.monthKey(key.hour);
    } else {
        return badCell(p(F::Cycle) >= 0 ? p(F::Cycle) : p(F::Time),
                       ReconcileTr::tr("neither a billing cycle nor an expenditure time"));
    }
    if (p(F::Project) >= 0)
        key.project = cell(F::Project);
    LineFigures f;
    auto calls = count(p(F::Usage));
    if (!calls)
        return calls.error();
    f.calls = *calls;
    f.callsKnown = p(F::Usage) >= 0;
    if (m_thousandsMemo.get(cell(F::UsageUnit), [](const QString &v) {
            const QString unit = norm(v);
            return unit.contains(QLatin1String("1000")) || unit.contains(u'千');
        }))
        f.calls *= 1000;
    auto due = amount(p(F::Due), true);
    auto list = amount(p(F::ListPrice), false);
    auto truncated = amount(p(F::Truncated), false);
    for (const auto *r : {&due, &list, &truncated})
        if (!*r)
            return r->error();
    f.charged = *due;
    f.roundedOff = *truncated;
    f.fee = p(F::ListPrice) >= 0 && !cell(F::ListPrice).isEmpty() ? *list : *due + *truncated;
    if (p(F::Truncated) < 0 || cell(F::Truncated).isEmpty())
        f.roundedOff = f.fee - f.charged;
    if (type == BillType::Refund && f.charged > Money()) {
        f.charged = -f.charged;
        f.fee = -f.fee;
        f.roundedOff = -f.roundedOff;
    }
    return deliver(key, f);
}

} // namespace billing::billwords
