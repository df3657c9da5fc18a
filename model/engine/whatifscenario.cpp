// The scenario file of the planner (issue #16): parsing and writing. README "Scenario files".
#include "engine/tr.h"
#include "engine/whatif.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace billing::whatif {

namespace {

const QString kType = QStringLiteral("type");

struct TypeInfo
{
    const char *id;
    Change::Type type;
    const char *requiredKeys; // space-separated
    const char *optionalKeys;
    QStringList required() const { return QString::fromLatin1(requiredKeys).split(u' ', Qt::SkipEmptyParts); }
    QStringList optional() const { return QString::fromLatin1(optionalKeys).split(u' ', Qt::SkipEmptyParts); }
};

const std::vector<TypeInfo> &types()
{
    static const std::vector<TypeInfo> all{
        {"volume", Change::Type::Volume, "percent", "api project"},
        {"move", Change::Type::Move, "from_api to_api share_percent", ""},
        {"buy", Change::Type::Buy, "api region sku date", ""},
        {"renew", Change::Type::Renew, "package_id date", "sku"},
        {"unsubscribe", Change::Type::Unsubscribe, "package_id date", ""},
        {"enable", Change::Type::Enable, "api region date", ""},
        {"disable", Change::Type::Disable, "api region date", ""},
        {"guard", Change::Type::Guard, "name api date", "region month_cost balance_floor"},
    };
    return all;
}

class Reader
{
public:
    Reader(const QJsonObject &o, QString where) : m_o(o), m_where(std::move(where)) {}
    std::optional<Error> error;

    QString text(const QString &key)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined())
            return {};
        if (!v.isString() || v.toString().trimmed().isEmpty()) {
            fail(EngineTr::tr("%1\"%2\" must be a non-empty string").arg(m_where, key));
            return {};
        }
        return v.toString();
    }
    std::optional<qint64> whole(const QString &key)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined())
            return std::nullopt;
        const double d = v.toDouble();
        if (!v.isDouble() || d != std::floor(d) || std::fabs(d) > 1e12) {
            fail(EngineTr::tr("%1\"%2\" must be a whole number").arg(m_where, key));
            return std::nullopt;
        }
        return qint64(d);
    }
    // An amount as typed: a string or a number, kept as the text the guard parser reads.
    std::optional<QString> amount(const QString &key)
    {
        const QJsonValue v = m_o.value(key);
        if (v.isUndefined())
            return std::nullopt;
        if (v.isString())
            return v.toString();
        fail(EngineTr::tr("%1\"%2\" must be an amount as a string, e.g. \"100.00\"").arg(m_where, key));
        return std::nullopt;
    }
    void fail(const QString &m)
    {
        if (!error)
            error = Error::badUsage(m);
    }

private:
    const QJsonObject &m_o;
    QString m_where;
};

Result<Change> parseChange(const QJsonValue &value, int index)
{
    const QString where = EngineTr::tr("changes[%1]: ").arg(index);
    if (!value.isObject())
        return Error::badUsage(where + EngineTr::tr("a change must be an object"));
    const QJsonObject o = value.toObject();
    const QString typeId = o.value(kType).toString();
    const TypeInfo *info = nullptr;
    for (const TypeInfo &t : types())
        if (typeId == QLatin1String(t.id))
            info = &t;
    if (!info)
        return Error::badUsage(where + EngineTr::tr("unknown \"type\" \"%1\" (volume, move, buy, renew, "
                                                    "unsubscribe, enable, disable, guard)")
                                           .arg(typeId));
    for (const QString &key : o.keys())
        if (key != kType && !info->required().contains(key) && !info->optional().contains(key))
            return Error::badUsage(where +
                                   EngineTr::tr("unknown key \"%1\" for a %2 change").arg(key, typeId));
    for (const QString &key : info->required())
        if (!o.contains(key))
            return Error::badUsage(where + EngineTr::tr("\"%1\" is missing").arg(key));
    Change c;
    c.type = info->type;
    c.index = index;
    Reader r(o, where);
    switch (c.type) {
    case Change::Type::Volume:
        c.api = r.text(QStringLiteral("api"));
        c.project = r.text(QStringLiteral("project"));
        c.percent = r.whole(QStringLiteral("percent")).value_or(0);
        if (!r.error && (c.percent < -100 || c.percent > 100000))
            r.fail(where + EngineTr::tr("\"percent\" must be from -100 to 100000, not %1").arg(c.percent));
        break;
    case Change::Type::Move:
        c.api = r.text(QStringLiteral("from_api"));
        c.toApi = r.text(QStringLiteral("to_api"));
        c.percent = r.whole(QStringLiteral("share_percent")).value_or(0);
        if (!r.error && (c.percent < 0 || c.percent > 100))
            r.fail(where + EngineTr::tr("\"share_percent\" must be from 0 to 100, not %1").arg(c.percent));
        if (!r.error && c.api == c.toApi)
            r.fail(where + EngineTr::tr("\"from_api\" and \"to_api\" must differ"));
        break;
    case Change::Type::Buy:
        c.api = r.text(QStringLiteral("api"));
        c.region = r.text(QStringLiteral("region"));
        c.sku = r.text(QStringLiteral("sku"));
        break;
    case Change::Type::Renew:
        c.sku = r.text(QStringLiteral("sku"));
        [[fallthrough]];
    case Change::Type::Unsubscribe:
        c.packageId = r.whole(QStringLiteral("package_id")).value_or(0);
        if (!r.error && c.packageId < 1)
            r.fail(where + EngineTr::tr("\"package_id\" must be a package id"));
        break;
    case Change::Type::Enable:
    case Change::Type::Disable:
        c.api = r.text(QStringLiteral("api"));
        c.region = r.text(QStringLiteral("region"));
        break;
    case Change::Type::Guard:
        c.guard.name = r.text(QStringLiteral("name"));
        c.guard.api = r.text(QStringLiteral("api"));
        c.guard.region = r.text(QStringLiteral("region"));
        c.guard.monthCost = r.amount(QStringLiteral("month_cost"));
        c.guard.balanceFloor = r.amount(QStringLiteral("balance_floor"));
        if (!r.error && c.guard.monthCost.has_value() == c.guard.balanceFloor.has_value())
            r.fail(where + EngineTr::tr("a guard needs exactly one of \"month_cost\" and \"balance_floor\""));
        break;
    }
    if (info->required().contains(QStringLiteral("date"))) {
        c.date = r.text(QStringLiteral("date"));
        static const QRegularExpression shape(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
        if (!r.error && !shape.match(c.date).hasMatch())
            r.fail(where + EngineTr::tr("\"date\" must be YYYY-MM-DD, not \"%1\"").arg(c.date));
    }
    if (r.error)
        return *r.error;
    return c;
}
} // namespace

Result<Scenario> parseScenario(const QByteArray &json)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        const QByteArray before = json.left(pe.offset);
        const int line = int(before.count('\n')) + 1;
        const int column = int(pe.offset - (before.lastIndexOf('\n') + 1)) + 1;
        return Error::badData(EngineTr::tr("line %1, column %2: not valid JSON: %3")
                                  .arg(line)
                                  .arg(column)
                                  .arg(pe.errorString()));
    }
    if (!doc.isObject())
        return Error::badData(EngineTr::tr("a scenario file holds one JSON object"));
    const QJsonObject o = doc.object();
    for (const QString &key : o.keys())
        if (key != QLatin1String("name") && key != QLatin1String("months") && key != QLatin1String("changes"))
            return Error::badUsage(EngineTr::tr("unknown key \"%1\" (name, months, changes)").arg(key));
    Scenario s;
    Reader r(o, QString());
    s.name = r.text(QStringLiteral("name"));
    if (!r.error && s.name.isEmpty())
        r.fail(EngineTr::tr("\"name\" is missing"));
    if (const auto m = r.whole(QStringLiteral("months")); m && !r.error) {
        if (*m < 1 || *m > kMaxMonths)
            r.fail(EngineTr::tr("\"months\" must be from 1 to %1, not %2").arg(kMaxMonths).arg(*m));
        s.months = int(*m);
    }
    if (r.error)
        return *r.error;
    const QJsonValue changes = o.value(QStringLiteral("changes"));
    if (!changes.isUndefined() && !changes.isArray())
        return Error::badUsage(EngineTr::tr("\"changes\" must be a list"));
    const QJsonArray list = changes.toArray();
    for (int i = 0; i < list.size(); ++i) {
        auto c = parseChange(list[i], i);
        if (!c)
            return c.error();
        s.changes.push_back(std::move(*c));
    }
    return s;
}

QByteArray scenarioToJson(const Scenario &s)
{
    QJsonObject o{{QStringLiteral("name"), s.name}};
    if (s.months > 0)
        o.insert(QStringLiteral("months"), s.months);
    QJsonArray changes;
    for (const Change &c : s.changes) {
        QJsonObject j;
        for (const TypeInfo &t : types())
            if (t.type == c.type)
                j.insert(kType, QLatin1String(t.id));
        auto put = [&](const char *key, const QString &v) {
            if (!v.isEmpty())
                j.insert(QLatin1String(key), v);
        };
        switch (c.type) {
        case Change::Type::Volume:
            put("api", c.api);
            put("project", c.project);
            j.insert(QStringLiteral("percent"), c.percent);
            break;
        case Change::Type::Move:
            put("from_api", c.api);
            put("to_api", c.toApi);
            j.insert(QStringLiteral("share_percent"), c.percent);
            break;
        case Change::Type::Buy:
            put("api", c.api);
            put("region", c.region);
            put("sku", c.sku);
            break;
        case Change::Type::Renew:
            put("sku", c.sku);
            [[fallthrough]];
        case Change::Type::Unsubscribe:
            j.insert(QStringLiteral("package_id"), c.packageId);
            break;
        case Change::Type::Enable:
        case Change::Type::Disable:
            put("api", c.api);
            put("region", c.region);
            break;
        case Change::Type::Guard:
            put("name", c.guard.name);
            put("api", c.guard.api);
            put("region", c.guard.region);
            if (c.guard.monthCost)
                put("month_cost", *c.guard.monthCost);
            if (c.guard.balanceFloor)
                put("balance_floor", *c.guard.balanceFloor);
            break;
        }
        put("date", c.date);
        changes.append(j);
    }
    o.insert(QStringLiteral("changes"), changes);
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

} // namespace billing::whatif
