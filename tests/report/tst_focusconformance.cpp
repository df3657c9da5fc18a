// FOCUS 1.2 conformance of `billingctl export-focus` (provider-bills.md §3), judged by the FinOps
// Foundation's machine-readable rule model (FOCUS_MODEL_DIR/model-1.2.json, read at test time; see its
// README), not by the exporter's own code. The test interprets the rules generically:
// - A rule applies when it is Active, Static (it has a machine-readable Requirement; Dynamic rules have
//   none), its keyword is MUST or MUST NOT, and each of its ApplicabilityCriteria is a capability the
//   export claims (Claimed below). A column's rules apply when the column is in the file or its Presence
//   rule applies.
// - Each applicable rule is checked on every row: where its Condition holds, its Requirement must.
//   CheckModelRule evaluates the referenced rule on the same row (a rule that does not apply counts as
//   met). A non-composite rule that does not itself test for null is not checked on a row where its own
//   column is null (FOCUS null handling: formats and allowed values constrain values, not nulls).
// - Values are CSV text, an empty field is null. Numbers compare exactly as decimals; the product rules
//   (ColumnByColumnEqualsColumnValue) hold within one unit of the 8th decimal, the amounts' precision.
//
// Rules read by their sentence (MustSatisfy) rather than their published Requirement, because the two
// disagree (the README: the sentence wins); each replacement is in bySentence() below:
//   CommitmentDiscountStatus-C-003-C  "MUST be null when CommitmentDiscountId is null" (published: NOT null)
//   CommitmentDiscountStatus-C-004-C  "MUST NOT be null when CommitmentDiscountId is not null and
//                                      ChargeCategory is Usage" (published condition: Id is null)
//   CommitmentDiscountStatus-C-005-M  "MUST be one of the allowed values": FOCUS 1.2's Used, Unused
//                                      (published: Active, Expired, Pending)
//   ConsumedQuantity-C-006-C          "MUST NOT be null when ChargeClass is not Correction" (published
//                                      condition: ChargeClass is Correction), in the specification's
//                                      context: for Usage rows whose CommitmentDiscountStatus is not Unused
//                                      (C-004 wants it null on all others)
//   CommitmentDiscountQuantity-C-005-C "MUST NOT be null when ChargeClass is not Correction", in the
//                                      specification's context: Usage or Purchase rows of a commitment
//                                      discount (C-007 wants it null on all others)
//   PricingQuantity-C-008-M, EffectiveCost-C-004-M, ListCost-C-004-M, ContractedCost-C-004-M
//                                     "MUST be a valid decimal value" (published: not null)
#include "focusscenario.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

using namespace focustest;

namespace {

using Row = QHash<QString, QString>;
__extension__ typedef __int128 Wide;

// The capabilities the export claims (provider-bills.md §3).
const QStringList Claimed{"ACCOUNT_NAMING_SUPPORTED",
                          "COMMITMENT_DISCOUNT_SUPPORTED",
                          "PUBLIC_PRICE_LIST_SUPPORTED",
                          "USAGE_MEASUREMENT_SUPPORTED",
                          "UNIT_PRICING_SUPPORTED",
                          "SUB_ACCOUNT_SUPPORTED",
                          "REGION_SUPPORTED",
                          "TAGGING_SUPPORTED",
                          "MULTIPLE_PRICING_CATEGORIES_SUPPORTED"};

QJsonObject check(const char *fn, const QString &column, const QJsonValue &value = QJsonValue::Undefined)
{
    QJsonObject o{{"CheckFunction", QLatin1String(fn)}, {"ColumnName", column}};
    if (!value.isUndefined())
        o.insert("Value", value);
    return o;
}
QJsonObject all(const QJsonArray &items)
{
    return {{"CheckFunction", "AND"}, {"Items", items}};
}
QJsonObject any(const QJsonArray &items)
{
    return {{"CheckFunction", "OR"}, {"Items", items}};
}

// Rule id → {Requirement, Condition} as its sentence says (see the list at the top).
QHash<QString, QPair<QJsonObject, QJsonObject>> bySentence()
{
    const QString status = "CommitmentDiscountStatus", id = "CommitmentDiscountId";
    const QString category = "ChargeCategory", chargeClass = "ChargeClass";
    const QJsonObject notCorrection = check("CheckNotValue", chargeClass, "Correction");
    QHash<QString, QPair<QJsonObject, QJsonObject>> r;
    r["CommitmentDiscountStatus-C-003-C"] = {check("CheckValue", status, QJsonValue::Null),
                                             check("CheckValue", id, QJsonValue::Null)};
    r["CommitmentDiscountStatus-C-004-C"] = {
        check("CheckNotValue", status, QJsonValue::Null),
        all({check("CheckNotValue", id, QJsonValue::Null), check("CheckValue", category, "Usage")})};
    r["CommitmentDiscountStatus-C-005-M"] = {
        any({check("CheckValue", status, "Used"), check("CheckValue", status, "Unused")}), {}};
    r["ConsumedQuantity-C-006-C"] = {check("CheckNotValue", "ConsumedQuantity", QJsonValue::Null),
                                     all({check("CheckValue", category, "Usage"),
                                          check("CheckNotValue", status, "Unused"), notCorrection})};
    r["CommitmentDiscountQuantity-C-005-C"] = {
        check("CheckNotValue", "CommitmentDiscountQuantity", QJsonValue::Null),
        all({any({check("CheckValue", category, "Usage"), check("CheckValue", category, "Purchase")}),
             check("CheckNotValue", id, QJsonValue::Null), notCorrection})};
    for (const char *c : {"PricingQuantity", "EffectiveCost", "ListCost", "ContractedCost"})
        r[QStringLiteral("%1-C-%2-M")
              .arg(QLatin1String(c), QLatin1String(c == QLatin1String("PricingQuantity") ? "008" : "004"))] =
            {check("CheckDecimalValue", QLatin1String(c)), {}};
    return r;
}

// An exact decimal: mantissa × 10^−scale.
struct Decimal
{
    Wide mantissa = 0;
    int scale = 0;
};
std::optional<Decimal> parseDecimal(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(-?)([0-9]+)(?:\\.([0-9]+))?$"));
    const auto m = re.match(text);
    if (!m.hasMatch() || m.captured(2).size() + m.captured(3).size() > 30)
        return std::nullopt;
    Decimal d;
    for (QChar c : m.captured(2) + m.captured(3))
        d.mantissa = d.mantissa * 10 + (c.unicode() - u'0');
    d.scale = int(m.captured(3).size());
    if (!m.captured(1).isEmpty())
        d.mantissa = -d.mantissa;
    return d;
}
Wide scaledTo(Decimal d, int scale)
{
    for (int i = d.scale; i < scale; ++i)
        d.mantissa *= 10;
    return d.mantissa;
}
int compare(Decimal a, Decimal b)
{
    const int s = std::max(a.scale, b.scale);
    const Wide x = scaledTo(a, s), y = scaledTo(b, s);
    return x < y ? -1 : x > y ? 1 : 0;
}

class Rules
{
public:
    Rules(const QJsonObject &model, QStringList header)
        : m_header(std::move(header)), m_overrides(bySentence())
    {
        m_rules = model.value("ModelRules").toObject();
        for (auto it = m_rules.begin(); it != m_rules.end(); ++it) {
            const QJsonObject r = it.value().toObject();
            if (r.value("Function").toString() == QLatin1String("Presence"))
                m_presence[r.value("Reference").toString()] = it.key();
        }
        for (auto it = m_rules.begin(); it != m_rules.end(); ++it)
            if (applies(it.key()))
                m_applicable << it.key();
        m_applicableSet = QSet<QString>(m_applicable.begin(), m_applicable.end());
    }
    const QStringList &applicable() const { return m_applicable; }
    const QHash<QString, QPair<QJsonObject, QJsonObject>> &overrides() const { return m_overrides; }

    // The rules a row breaks, with the sentence of each.
    QStringList broken(const QList<Row> &rows)
    {
        m_rows = &rows;
        m_distinct.clear();
        QStringList out;
        for (const QString &id : m_applicable)
            for (const Row &row : rows)
                if (!holds(id, row)) {
                    out << id + QStringLiteral(": ") + sentence(id);
                    break;
                }
        return out;
    }
    QString sentence(const QString &id) const
    {
        return m_rules.value(id)
            .toObject()
            .value("ValidationCriteria")
            .toObject()
            .value("MustSatisfy")
            .toString();
    }

private:
    bool applies(const QString &id) const
    {
        const QJsonObject r = m_rules.value(id).toObject();
        const QJsonObject v = r.value("ValidationCriteria").toObject();
        const QString keyword = v.value("Keyword").toString();
        if (r.value("Status").toString() != QLatin1String("Active") ||
            r.value("Type").toString() != QLatin1String("Static") ||
            v.value("Requirement").toObject().isEmpty() ||
            (keyword != QLatin1String("MUST") && keyword != QLatin1String("MUST NOT")))
            return false;
        for (const QJsonValue c : r.value("ApplicabilityCriteria").toArray())
            if (!Claimed.contains(c.toString()))
                return false;
        if (r.value("EntityType").toString() != QLatin1String("Column") ||
            r.value("Function").toString() == QLatin1String("Presence"))
            return true;
        const QString column = r.value("Reference").toString();
        return m_header.contains(column) ||
               (m_presence.contains(column) && applies(m_presence.value(column)));
    }

    // A check of the model compiled once: the function as a kind, its arguments read out of the JSON.
    struct Node
    {
        enum Kind {
            And,
            Or,
            ModelRule,
            Present,
            Value,
            NotValue,
            Same,
            NotSame,
            Always,
            String,
            Numeric,
            DateTime,
            Currency,
            KeyValue,
            GreaterEq,
            Distinct,
            Product,
            Unknown
        };
        Kind kind = Unknown;
        QString name; // the function's name, for an unknown one
        QString column, a, b, result, ruleId;
        bool valueNull = false;
        QString text;                  // a string value
        std::optional<Decimal> number; // a numeric value
        int expected = 0;
        std::vector<Node> items;
    };
    static Node compile(const QJsonObject &c)
    {
        static const QHash<QString, Node::Kind> kinds{
            {"AND", Node::And},
            {"OR", Node::Or},
            {"CheckModelRule", Node::ModelRule},
            {"ColumnPresent", Node::Present},
            {"CheckValue", Node::Value},
            {"CheckNotValue", Node::NotValue},
            {"CheckSameValue", Node::Same},
            {"CheckNotSameValue", Node::NotSame},
            {"TypeString", Node::Always}, // every CSV field is a string
            {"FormatUnit", Node::Always}, // units are a SHOULD
            {"FormatString", Node::String},
            {"TypeDecimal", Node::Numeric},
            {"FormatNumeric", Node::Numeric},
            {"CheckDecimalValue", Node::Numeric},
            {"TypeDateTime", Node::DateTime},
            {"FormatDateTime", Node::DateTime},
            {"FormatCurrency", Node::Currency},
            {"CheckNationalCurrency", Node::Currency},
            {"FormatKeyValue", Node::KeyValue},
            {"CheckGreaterOrEqualThanValue", Node::GreaterEq},
            {"CheckDistinctCount", Node::Distinct},
            {"ColumnByColumnEqualsColumnValue", Node::Product},
        };
        Node n;
        n.name = c.value("CheckFunction").toString();
        n.kind = kinds.value(n.name, Node::Unknown);
        n.column = c.value("ColumnName").toString();
        n.a = c.value("ColumnAName").toString();
        n.b = c.value("ColumnBName").toString();
        n.result = c.value("ResultColumnName").toString();
        n.ruleId = c.value("ModelRuleId").toString();
        n.expected = c.value("ExpectedCount").toInt();
        const QJsonValue v = c.value("Value");
        n.valueNull = v.isNull();
        if (v.isDouble())
            n.number = parseDecimal(QString::number(v.toDouble()));
        else
            n.text = v.toString();
        for (const QJsonValue i : c.value("Items").toArray())
            n.items.push_back(compile(i.toObject()));
        return n;
    }
    static bool testsNull(const Node &n)
    {
        return (n.valueNull && (n.kind == Node::Value || n.kind == Node::NotValue)) ||
               std::any_of(n.items.begin(), n.items.end(), [](const Node &i) { return testsNull(i); });
    }

    // A rule as checked: its requirement and condition (by its sentence where listed), and whether a null
    // in its own column exempts a row.
    struct Compiled
    {
        Node requirement;
        std::optional<Node> condition;
        QString column;
        bool nullExempts = false;
    };
    const Compiled &compiled(const QString &id)
    {
        auto it = m_compiled.find(id);
        if (it != m_compiled.end())
            return *it;
        const QJsonObject r = m_rules.value(id).toObject();
        const QJsonObject v = r.value("ValidationCriteria").toObject();
        QJsonObject requirement = v.value("Requirement").toObject();
        QJsonObject condition = v.value("Condition").toObject();
        if (m_overrides.contains(id))
            std::tie(requirement, condition) = std::pair(m_overrides[id].first, m_overrides[id].second);
        Compiled c{compile(requirement), std::nullopt, r.value("Reference").toString(), false};
        if (!condition.isEmpty())
            c.condition = compile(condition);
        c.nullExempts = r.value("Function").toString() != QLatin1String("Composite") &&
                        m_header.contains(c.column) && !testsNull(c.requirement);
        return *m_compiled.insert(id, c);
    }

    bool holds(const QString &id, const Row &row)
    {
        const Compiled &c = compiled(id);
        if (c.condition && !eval(*c.condition, row))
            return true;
        if (c.nullExempts && row.value(c.column).isEmpty())
            return true;
        return eval(c.requirement, row);
    }

    static bool valueIs(const Node &n, const QString &v)
    {
        if (n.valueNull)
            return v.isEmpty();
        if (v.isEmpty())
            return false;
        if (n.number) {
            const auto d = parseDecimal(v);
            return d && compare(*d, *n.number) == 0;
        }
        return v == n.text;
    }

    bool distinctCount(const Node &n, const Row &row)
    {
        const QString cacheKey = n.a + u'|' + n.b;
        if (!m_distinct.contains(cacheKey)) {
            QHash<QString, QSet<QString>> groups;
            for (const Row &r : *m_rows)
                if (!r.value(n.b).isEmpty())
                    groups[r.value(n.a)].insert(r.value(n.b));
            m_distinct[cacheKey] = groups;
        }
        return m_distinct[cacheKey].value(row.value(n.a)).size() == n.expected;
    }

    // The checks of one value alone, remembered per value (a file repeats its values a lot).
    bool format(Node::Kind kind, const QString &v)
    {
        const QString key = QString::number(int(kind)) + u'|' + v;
        auto it = m_formats.constFind(key);
        if (it != m_formats.constEnd())
            return *it;
        static const QRegularExpression numeric(
            QStringLiteral("^[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"));
        static const QRegularExpression dateTime(
            QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"));
        static const QRegularExpression currency(QStringLiteral("^[A-Z]{3}$"));
        static const QRegularExpression control(QStringLiteral("[\\x00-\\x1f\\x7f]"));
        bool ok = false;
        switch (kind) {
        case Node::String:
            ok = !v.contains(control) && v.trimmed() == v;
            break;
        case Node::Numeric:
            ok = numeric.match(v).hasMatch();
            break;
        case Node::DateTime:
            ok = dateTime.match(v).hasMatch() && QDateTime::fromString(v, Qt::ISODate).isValid();
            break;
        case Node::Currency:
            ok = currency.match(v).hasMatch();
            break;
        case Node::KeyValue: {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(v.toUtf8(), &error);
            const QJsonObject o = doc.object();
            ok = error.error == QJsonParseError::NoError && doc.isObject() &&
                 std::none_of(o.begin(), o.end(),
                              [](const QJsonValue &x) { return x.isObject() || x.isArray(); });
            break;
        }
        default:
            break;
        }
        m_formats.insert(key, ok);
        return ok;
    }

    bool eval(const Node &n, const Row &row)
    {
        switch (n.kind) {
        case Node::And:
        case Node::Or: {
            const bool isAnd = n.kind == Node::And;
            for (const Node &i : n.items)
                if (eval(i, row) != isAnd)
                    return !isAnd;
            return isAnd;
        }
        case Node::ModelRule:
            return !m_applicableSet.contains(n.ruleId) || holds(n.ruleId, row);
        case Node::Present:
            return m_header.contains(n.column);
        case Node::Value:
            return valueIs(n, row.value(n.column));
        case Node::NotValue:
            return !valueIs(n, row.value(n.column));
        case Node::Same:
        case Node::NotSame:
            return (row.value(n.a) == row.value(n.b)) == (n.kind == Node::Same);
        case Node::Always:
            return true;
        case Node::String:
        case Node::Numeric:
        case Node::DateTime:
        case Node::Currency:
        case Node::KeyValue:
            return format(n.kind, row.value(n.column));
        case Node::GreaterEq: {
            const auto d = parseDecimal(row.value(n.column));
            return d && n.number && compare(*d, *n.number) >= 0;
        }
        case Node::Distinct:
            return distinctCount(n, row);
        case Node::Product: {
            const auto a = parseDecimal(row.value(n.a));
            const auto b = parseDecimal(row.value(n.b));
            const auto result = parseDecimal(row.value(n.result));
            if (!a || !b || !result)
                return false;
            const Decimal product{a->mantissa * b->mantissa, a->scale + b->scale};
            const int s = std::max({product.scale, result->scale, 8});
            Wide diff = scaledTo(product, s) - scaledTo(*result, s);
            if (diff < 0)
                diff = -diff;
            return diff <= scaledTo(Decimal{1, 8}, s);
        }
        case Node::Unknown:
            break;
        }
        qWarning("unknown check function %s", qPrintable(n.name));
        return false;
    }

    QJsonObject m_rules;
    QStringList m_header;
    QHash<QString, QPair<QJsonObject, QJsonObject>> m_overrides;
    QHash<QString, QString> m_presence; // column → its Presence rule
    QStringList m_applicable;
    QSet<QString> m_applicableSet;
    QHash<QString, Compiled> m_compiled;
    QHash<QString, bool> m_formats;
    const QList<Row> *m_rows = nullptr;
    QHash<QString, QHash<QString, QSet<QString>>> m_distinct;
};

QJsonObject loadModel()
{
    QFile f(QStringLiteral(FOCUS_MODEL_DIR "/model-1.2.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestFocusConformance : public QObject
{
    Q_OBJECT

    void conforms(const Table &t)
    {
        const QJsonObject model = loadModel();
        if (model.isEmpty())
            QSKIP("the FOCUS rule model is not at " FOCUS_MODEL_DIR);
        QVERIFY(!t.rows.isEmpty());
        Rules rules(model, t.header);
        qInfo("%lld rules apply (MUST / MUST NOT, static, claimed capabilities); %lld read by their sentence",
              qlonglong(rules.applicable().size()), qlonglong(rules.overrides().size()));
        QVERIFY(rules.applicable().size() > 150);
        for (auto it = rules.overrides().begin(); it != rules.overrides().end(); ++it)
            QVERIFY2(rules.applicable().contains(it.key()), qPrintable(it.key())); // the list stays true
        const QStringList broken = rules.broken(t.rows);
        QVERIFY2(broken.isEmpty(), qPrintable(broken.join(u'\n')));
    }

private slots:
    void demoExportConforms()
    {
        CliRunner cli;
        QVERIFY(makeDemo(cli));
        conforms(exportTable(cli, DemoNow, DemoFrom, DemoTo));
    }

    void scenarioExportConforms()
    {
        CliRunner cli;
        QVERIFY(makeScenario(cli));
        conforms(exportTable(cli, ScenarioNow, ScenarioFrom, ScenarioTo));
    }

    // The interpreter itself: a file that breaks rules is caught, naming them.
    void brokenRowsAreCaught()
    {
        const QJsonObject model = loadModel();
        if (model.isEmpty())
            QSKIP("the FOCUS rule model is not at " FOCUS_MODEL_DIR);
        CliRunner cli;
        QVERIFY(makeScenario(cli));
        Table t = exportTable(cli, ScenarioNow, ScenarioFrom, ScenarioTo);
        QVERIFY(!t.rows.isEmpty());
        t.rows[0]["ChargeCategory"] = "Refund";         // not an allowed value
        t.rows[0]["BillingPeriodStart"] = "2025-08-01"; // no time, no Z
        t.rows[0]["BilledCost"] = "";                   // null
        t.header.removeAll("ProviderName");
        Rules rules(model, t.header);
        const QString broken = rules.broken(t.rows).join(u'\n');
        for (const char *id : {"ChargeCategory-C-003-M", "BillingPeriodStart-C-002-M", "BilledCost-C-003-M",
                               "CostAndUsage-D-038-M"})
            QVERIFY2(broken.contains(QLatin1String(id)), qPrintable(broken));
    }
};

QTEST_GUILESS_MAIN(TestFocusConformance)
#include "tst_focusconformance.moc"
