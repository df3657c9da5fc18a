#include "reconcile/billfile.h"
#include "reconcile/tr.h"

#include "catalog/catalog.h"
#include "core/shown.h"
#include "domain/types.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <array>
#include <tuple>

namespace billing {

bool LineKey::operator<(const LineKey &o) const
{
    return std::tie(month, hour, api, region, mode, project) <
           std::tie(o.month, o.hour, o.api, o.region, o.mode, o.project);
}

namespace {

constexpr int kHeaderSearchRows = 10; // title rows a file may have above its header

// Case, spaces, underscores and hyphens ignored: "Amount Due", "amount_due" and "AMOUNTDUE" are one.
QString norm(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (const QChar c : s)
        if (!c.isSpace() && c != u'_' && c != u'-' && c != QChar(0xFEFF))
            out += c.toLower();
    return out;
}

QString at(const QString &table, qint64 line, int column)
{
    if (column <= 0)
        return ReconcileTr::tr("%1, line %2").arg(table).arg(line);
    return ReconcileTr::tr("%1, line %2, column %3").arg(table).arg(line).arg(column);
}

// What a provider bill's column means (provider-bills.md §1), and the profile field that gives it.
enum class F {
    Cycle,
    Project,
    Account,
    ServiceCode,
    Service,
    ResourceCode,
    Resource,
    Product,
    Spec,
    Region,
    Mode,
    BillType,
    Time,
    TransactionId,
    Usage,
    UsageUnit,
    ListPrice,
    Truncated,
    Due,
    Currency,
    Count
};

const QHash<QString, F> &providerHeaders()
{
    static const QHash<QString, F> h = [] {
        QHash<QString, F> m;
        auto add = [&m](F f, std::initializer_list<const char *> names) {
            for (const char *n : names)
                m.insert(norm(QString::fromUtf8(n)), f);
        };
        add(F::Cycle, {"Billing Cycle", "账期"});
        add(F::Project, {"Enterprise Project", "企业项目"});
        add(F::Account, {"Account Name", "账号"});
        add(F::ServiceCode, {"Service Type Code", "产品类型编码"});
        add(F::Service, {"Service Type", "产品类型"});
        add(F::ResourceCode, {"Resource Type Code", "产品编码"});
        add(F::Resource, {"Resource Type"});
        add(F::Product, {"Product", "产品"});
        add(F::Spec, {"Product Specifications", "产品规格"});
        add(F::Region, {"Region", "云服务区"});
        add(F::Mode, {"Billing Mode", "计费模式"});
        add(F::BillType, {"Bill Type", "Order Type", "账单类型", "订单类型"});
        add(F::Time, {"Expenditure Time", "消费时间"});
        add(F::TransactionId, {"Transaction ID", "消费流水号"});
        add(F::Usage, {"Usage", "使用量"});
        add(F::UsageUnit, {"Usage Unit", "使用量单位"});
        add(F::ListPrice, {"List Price", "Official Total Amount", "官网价", "官网价总金额"});
        add(F::Truncated, {"Truncated Amount", "抹零金额"});
        add(F::Due, {"Amount Due", "Expenditure Amount", "应付金额", "消费金额"});
        add(F::Currency, {"Currency", "币种"});
        return m;
    }();
    return h;
}

// The profile field ids (columnprofile.cpp, ProviderBill) of the meanings above.
std::optional<F> profileMeaning(const QString &field)
{
    static const QHash<QString, F> m{
        {QStringLiteral("billing_cycle"), F::Cycle}, {QStringLiteral("expenditure_time"), F::Time},
        {QStringLiteral("account"), F::Account},     {QStringLiteral("service"), F::Service},
        {QStringLiteral("api"), F::Product},         {QStringLiteral("region"), F::Region},
        {QStringLiteral("mode"), F::Mode},           {QStringLiteral("bill_type"), F::BillType},
        {QStringLiteral("project"), F::Project},     {QStringLiteral("calls"), F::Usage},
        {QStringLiteral("fee"), F::ListPrice},       {QStringLiteral("rounded_off"), F::Truncated},
        {QStringLiteral("charged"), F::Due},         {QStringLiteral("currency"), F::Currency},
    };
    auto it = m.find(field);
    return it == m.end() ? std::nullopt : std::optional<F>(*it);
}

enum class Kind { None, Provider, Focus, OursTransactions, OursBill };

enum class BillType { Usage, Purchase, Renewal, Refund, Other };

std::optional<BillType> billTypeOf(const QString &v)
{
    static const QHash<QString, BillType> m = [] {
        QHash<QString, BillType> h;
        auto add = [&h](BillType t, std::initializer_list<const char *> names) {
            for (const char *n : names)
                h.insert(norm(QString::fromUtf8(n)), t);
        };
        add(BillType::Usage, {"usage", "use", "expenditure-use", "expenditure-usage", "消费-使用", "使用"});
        add(BillType::Purchase, {"purchase", "new purchase", "expenditure-purchase",
                                 "expenditure-new purchase", "消费-新购", "新购"});
        add(BillType::Renewal,
            {"renewal", "auto-renewal", "auto renewal", "expenditure-renewal", "expenditure-auto-renewal",
             "消费-续订", "消费-自动续订", "续订", "自动续订"});
        add(BillType::Refund, {"refund", "unsubscription", "unsubscribe", "退款", "退订"});
        return h;
    }();
    auto it = m.find(norm(v));
    return it == m.end() ? std::nullopt : std::optional<BillType>(*it);
}

std::optional<QString> modeOf(const QString &v)
{
    static const QHash<QString, QString> m = [] {
        QHash<QString, QString> h;
        for (const char *n : {"pay-per-use", "pay per use", "on-demand", "按需", "按需计费"})
            h.insert(norm(QString::fromUtf8(n)), kModePayPerUse);
        for (const char *n : {"package", "yearly/monthly", "monthly/yearly", "包年/包月", "包周期", "资源包",
                              "resource package", "committed"})
            h.insert(norm(QString::fromUtf8(n)), kModePackage);
        h.insert(norm(QStringLiteral("standard")), kModePayPerUse);
        return h;
    }();
    auto it = m.find(norm(v));
    return it == m.end() ? std::nullopt : std::optional<QString>(*it);
}

QString monthOfCycle(const QString &v)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{4})[-/](\\d{1,2})\\s*$"));
    const auto m = re.match(v);
    if (!m.hasMatch() || m.captured(2).toInt() < 1 || m.captured(2).toInt() > 12)
        return {};
    return QStringLiteral("%1-%2").arg(m.captured(1)).arg(m.captured(2).toInt(), 2, 10, QLatin1Char('0'));
}

class Reader : public TableSink
{
public:
    Reader(const BillFileOptions &o, const LineSink &sink, BillFileSummary &summary)
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

    Status begin(const QString &name) override
    {
        m_table = name;
        m_kind = Kind::None;
        m_searched = 0;
        m_reason.clear();
        m_isCallLog = false;
        m_firstLine = 0;
        return {};
    }

    Result<bool> row(qint64 line, const QStringList &cells) override
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

    Status end() override
    {
        if (m_kind == Kind::None)
            return Error::badData(QStringLiteral("%1: %2").arg(at(m_table, m_firstLine, 0), notBill()));
        return {};
    }

    bool recognized() const override { return m_kind != Kind::None; }

    QString notBill() const
    {
        if (!m_reason.isEmpty())
            return m_reason;
        return m_o.profile ? ReconcileTr::tr("the header lacks the columns of the profile \"%1\"")
                                 .arg(m_o.profile->name)
                           : ReconcileTr::tr("not a bill: the header is not one of the provider's bills, a "
                                             "FOCUS file or the console's bill or transaction export; map "
                                             "its columns with a provider-bill profile (--profile)");
    }

    QString notReadReason() const override
    {
        return m_firstLine == 0 ? ReconcileTr::tr("the sheet is empty") : notBill();
    }

private:
    bool recognize(const QStringList &cells)
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
        if (exact("bill_month") && exact("type") && exact("expenditure_time") && exact("charged") &&
            exact("api"))
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

    bool setKind(Kind k, const QString &format)
    {
        m_kind = k;
        if (m_summary.format.isEmpty())
            m_summary.format = format;
        return true;
    }

    int p(F f) const { return m_prov[size_t(f)]; }

    // The cell of a provider meaning, or of a named column (FOCUS, ours); empty when absent.
    QString cell(int pos) const
    {
        return pos >= 0 && pos < m_cells->size() ? m_cells->at(pos).trimmed() : QString();
    }
    QString cell(F f) const { return cell(p(f)); }
    int pos(const char *name) const { return m_named.value(norm(QLatin1String(name)), -1); }
    QString cell(const char *name) const { return cell(pos(name)); }

    Error badCell(int pos, const QString &why) const
    {
        return Error::badData(QStringLiteral("%1: %2").arg(at(m_table, m_line, pos + 1), why));
    }
    Status ignore(const QString &why)
    {
        m_summary.ignored.push_back({m_table, m_line, why});
        return {};
    }

    Result<Money> amount(int pos, bool required) const
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

    Result<qint64> count(int pos) const
    {
        QString v = cell(pos);
        if (v.isEmpty())
            return qint64(0);
        auto m = parseBillAmount(v);
        if (!m || m->units() % Money::Scale != 0)
            return badCell(pos, ReconcileTr::tr("\"%1\" is not a whole number of calls").arg(shownValue(v)));
        return m->units() / Money::Scale;
    }

    Status checkAccount(int accountPos, int currencyPos) const
    {
        const QString account = cell(accountPos);
        if (!account.isEmpty() && !m_o.accountName.isEmpty() &&
            account.compare(m_o.accountName, Qt::CaseInsensitive) != 0)
            return badCell(accountPos,
                           ReconcileTr::tr("the bill is of the account \"%1\", not of this account "
                                           "(\"%2\"); refused")
                               .arg(shownValue(account), m_o.accountName));
        const QString currency = cell(currencyPos);
        if (!currency.isEmpty() && currency.compare(m_o.currency, Qt::CaseInsensitive) != 0)
            return badCell(currencyPos, ReconcileTr::tr("the bill is in %1, the account in %2; refused")
                                            .arg(shownValue(currency), m_o.currency));
        return {};
    }

    Result<QString> region(int pos) const
    {
        const QString v = cell(pos);
        if (v.isEmpty())
            return badCell(pos, ReconcileTr::tr("the region is missing"));
        auto it = m_regions.find(norm(v));
        if (it == m_regions.end())
            return badCell(pos, ReconcileTr::tr("\"%1\" is not a region of the catalog").arg(shownValue(v)));
        return *it;
    }

    Result<Instant> time(int pos) const
    {
        auto t = parseBillTime(cell(pos));
        if (!t)
            return badCell(pos, t.error().message);
        return t;
    }

    Status deliver(const LineKey &key, const LineFigures &f)
    {
        ++m_summary.rows;
        return m_sink(key, f);
    }

    Status readRow()
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

    Status readProvider()
    {
        if (Status s = checkAccount(p(F::Account), p(F::Currency)); !s)
            return s;
        const QString service = cell(F::ServiceCode).isEmpty() ? cell(F::Service) : cell(F::ServiceCode);
        if (!service.isEmpty() && !m_services.contains(norm(service)))
            return ignore(ReconcileTr::tr("another service: %1").arg(service));
        LineKey key;
        QString product;
        for (F f : {F::Spec, F::Product, F::ResourceCode, F::Resource}) {
            const QString v = cell(f);
            if (v.isEmpty())
                continue;
            if (product.isEmpty())
                product = v;
            if (auto it = m_apis.find(norm(v)); it != m_apis.end()) {
                key.api = *it;
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
            const auto t = billTypeOf(cell(F::BillType));
            if (!t)
                return badCell(p(F::BillType), ReconcileTr::tr("\"%1\" is not a bill type (usage, purchase, "
                                                               "renewal, refund)")
                                                   .arg(shownValue(cell(F::BillType))));
            type = *t;
        }
        if (!cell(F::Mode).isEmpty()) {
            const auto m = modeOf(cell(F::Mode));
            if (!m)
                return badCell(p(F::Mode),
                               ReconcileTr::tr("\"%1\" is not a billing mode (pay-per-use, package)")
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
            key.month = monthOfCycle(cell(F::Cycle));
            if (key.month.isEmpty())
                return badCell(p(F::Cycle), ReconcileTr::tr("\"%1\" is not a billing cycle (YYYY-MM)")
                                                .arg(shownValue(cell(F::Cycle))));
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
        const QString unit = norm(cell(F::UsageUnit));
        if (unit.contains(QLatin1String("1000")) || unit.contains(u'千'))
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

    Status readFocus()
    {
        if (Status s = checkAccount(pos("BillingAccountName"), pos("BillingCurrency")); !s)
            return s;
        const QString category = cell("ChargeCategory");
        if (category != QLatin1String("Usage") && category != QLatin1String("Purchase"))
            return ignore(ReconcileTr::tr("a %1 row is not a charge").arg(category));
        if (cell("CommitmentDiscountStatus") == QLatin1String("Unused"))
            return ignore(ReconcileTr::tr("unused package quota is not a charge"));
        LineKey key;
        auto period = time(pos("BillingPeriodStart"));
        if (!period)
            return period.error();
        key.month = m_o.calendar.monthKey(*period);
        if (!cell("ChargePeriodStart").isEmpty()) {
            auto t = time(pos("ChargePeriodStart"));
            if (!t)
                return t.error();
            key.hour = m_o.calendar.hourStart(*t);
        }
        const QString sku = cell("SkuId").section(u':', 0, 0);
        for (const QString &v : {sku, cell("ServiceName")}) {
            if (auto it = m_apis.find(norm(v)); !v.isEmpty() && it != m_apis.end()) {
                key.api = *it;
                break;
            }
        }
        if (key.api.isEmpty())
            return ignore(ReconcileTr::tr("not an OCR API of the catalog: %1").arg(cell("ServiceName")));
        auto r = region(pos("RegionId"));
        if (!r)
            return r.error();
        key.region = *r;
        if (category == QLatin1String("Purchase"))
            key.mode = kModePackage;
        else if (const auto m = modeOf(cell("SkuPriceId").section(u':', 2, 2)))
            key.mode = *m;
        else if (const auto m = modeOf(cell("PricingCategory")))
            key.mode = *m;
        else
            return badCell(pos("PricingCategory"), ReconcileTr::tr("no billing mode"));
        if (pos("SubAccountId") >= 0)
            key.project = cell("SubAccountId");
        LineFigures f;
        if (category == QLatin1String("Usage")) {
            auto calls = count(pos("ConsumedQuantity"));
            if (!calls)
                return calls.error();
            f.calls = *calls;
        }
        auto billed = amount(pos("BilledCost"), true);
        if (!billed)
            return billed.error();
        auto rounded = amount(pos("x_RoundedOff"), false);
        if (!rounded)
            return rounded.error();
        f.charged = *billed;
        f.roundedOff = *rounded;
        f.fee = f.charged + f.roundedOff;
        return deliver(key, f);
    }

    Status readOursTransaction()
    {
        if (Status s = checkAccount(-1, pos("currency")); !s)
            return s;
        const QString type = cell("type");
        if (type != QLatin1String("usage") && type != QLatin1String("purchase") &&
            type != QLatin1String("renewal") && type != QLatin1String("refund"))
            return ignore(ReconcileTr::tr("a %1 record is not a charge").arg(type));
        LineKey key;
        key.month = monthOfCycle(cell("bill_month"));
        if (key.month.isEmpty())
            return badCell(
                pos("bill_month"),
                ReconcileTr::tr("\"%1\" is not a month (YYYY-MM)").arg(shownValue(cell("bill_month"))));
        auto t = time(pos("expenditure_time"));
        if (!t)
            return t.error();
        key.hour = m_o.calendar.hourStart(*t);
        return readOursFigures(key);
    }

    Status readOursBill()
    {
        if (Status s = checkAccount(-1, pos("currency")); !s)
            return s;
        if (cell("api") == QLatin1String("total"))
            return ignore(ReconcileTr::tr("the bill's total row"));
        if (m_o.month.isEmpty())
            return Error::badData(
                ReconcileTr::tr("%1: a bill export does not name its month; give it with --month")
                    .arg(m_table));
        LineKey key;
        key.month = m_o.month;
        return readOursFigures(key);
    }

    Status readOursFigures(LineKey &key)
    {
        const QString api = cell("api");
        if (!m_o.catalog->api(api))
            return badCell(pos("api"),
                           ReconcileTr::tr("\"%1\" is not an API of the catalog").arg(shownValue(api)));
        key.api = api;
        auto r = region(pos("region"));
        if (!r)
            return r.error();
        key.region = *r;
        const auto m = modeOf(cell("mode"));
        if (!m)
            return badCell(pos("mode"), ReconcileTr::tr("\"%1\" is not a billing mode (pay-per-use, package)")
                                            .arg(shownValue(cell("mode"))));
        key.mode = *m;
        if (pos("project") >= 0)
            key.project = cell("project");
        LineFigures f;
        auto calls = count(pos("calls"));
        if (!calls)
            return calls.error();
        f.calls = *calls;
        auto fee = amount(pos("fee"), true);
        auto charged = amount(pos("charged"), true);
        auto rounded = amount(pos("rounded_off"), true);
        for (const auto *x : {&fee, &charged, &rounded})
            if (!*x)
                return x->error();
        f.fee = *fee;
        f.charged = *charged;
        f.roundedOff = *rounded;
        return deliver(key, f);
    }

    const BillFileOptions &m_o;
    const LineSink &m_sink;
    BillFileSummary &m_summary;
    QHash<QString, QString> m_apis;    // normalized name or code → API id
    QHash<QString, QString> m_regions; // the same for regions
    QSet<QString> m_services;
    QString m_table;
    Kind m_kind = Kind::None;
    int m_searched = 0;
    bool m_isCallLog = false;
    QString m_reason;
    QHash<QString, int> m_named;
    std::array<int, size_t(F::Count)> m_prov{};
    qint64 m_line = 0;
    qint64 m_firstLine = 0;
    const QStringList *m_cells = nullptr;
};

Result<QByteArray> sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::badData(
            ReconcileTr::tr("%1: cannot be read: %2").arg(QFileInfo(path).fileName(), f.errorString()));
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (!h.addData(&f))
        return Error::badData(
            ReconcileTr::tr("%1: cannot be read: %2").arg(QFileInfo(path).fileName(), f.errorString()));
    return h.result().toHex();
}

} // namespace

Result<Money> parseBillAmount(const QString &text)
{
    QString v = text.trimmed();
    const QString shown = shownValue(text);
    if (v.contains(u',')) {
        static const QRegularExpression grouped(QStringLiteral("^-?\\d{1,3}(,\\d{3})+(\\.\\d*)?$"));
        if (!grouped.match(v).hasMatch())
            return Error::badData(
                ReconcileTr::tr(
                    "\"%1\" is not an amount: its thousands separators are not in groups of three")
                    .arg(shown));
        v.remove(u',');
    }
    if (const qsizetype point = v.indexOf(u'.'); point >= 0) {
        while (v.size() - point - 1 > Money::Decimals && v.endsWith(u'0'))
            v.chop(1);
        if (v.endsWith(u'.'))
            v.chop(1);
    }
    auto m = Money::parse(v);
    if (!m)
        return Error::badData(
            ReconcileTr::tr("\"%1\" is not an amount (an exact decimal, at most 8 decimals)").arg(shown));
    return m;
}

Result<Instant> parseBillTime(const QString &text)
{
    // An instant: date, time, an optional "GMT+08:00", "+08:00" or "Z"; a period is two with a hyphen
    // between (its start counts).
    static const QRegularExpression re(QStringLiteral(
        "^\\s*(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,6}))?)?"
        "\\s*(?:(?:GMT|UTC)?\\s*([+-])(\\d{2}):?(\\d{2})|(Z))?"
        "(?:\\s*-\\s*\\d{4}[-/]\\d{1,2}[-/]\\d{1,2}[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,6})?)?"
        "\\s*(?:(?:GMT|UTC)?\\s*[+-]\\d{2}:?\\d{2}|Z)?)?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return Error::badData(ReconcileTr::tr("\"%1\" is not a time (2020-08-23 22:00:00 GMT+08:00, "
                                              "2020/07/02 08:36 or ISO 8601)")
                                  .arg(shownValue(text)));
    const CivilDate d{m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()};
    const int h = m.captured(4).toInt(), mi = m.captured(5).toInt(), s = m.captured(6).toInt();
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || h > 23 || mi > 59 || s > 59)
        return Error::badData(ReconcileTr::tr("\"%1\" is not a time").arg(shownValue(text)));
    int offset = BillingCalendar::DefaultOffsetSeconds; // the provider's cycles are in UTC+8
    if (!m.captured(11).isEmpty())
        offset = 0;
    else if (!m.captured(8).isEmpty())
        offset =
            (m.captured(9).toInt() * 3600 + m.captured(10).toInt() * 60) * (m.captured(8) == u'-' ? -1 : 1);
    QString frac = m.captured(7);
    const qint64 micros = frac.isEmpty() ? 0 : (frac + QString(6 - frac.size(), u'0')).toLongLong();
    return BillingCalendar(offset).at(d, h, mi, s) + micros;
}

Result<BillFileSummary> readBillFile(const QString &path, const BillFileOptions &options,
                                     const LineSink &sink, const ReadLimits &limits,
                                     const ReadProgress &progress)
{
    BillFileSummary summary;
    summary.path = path;
    Reader reader(options, sink, summary);
    if (Status s = readTables(path, reader, limits, progress); !s)
        return s.error();
    auto hash = sha256Of(path);
    if (!hash)
        return hash.error();
    summary.sha256 = *hash;
    return summary;
}

} // namespace billing
