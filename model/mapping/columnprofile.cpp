#include "mapping/columnprofile.h"
#include "mapping/tr.h"

#include "catalog/catalog.h"
#include "core/shown.h"
#include "time/billingcalendar.h"
#include "usage/linemapping.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringList>

#include <array>

namespace billing {

namespace {

constexpr qsizetype kMaxNameChars = 64;
constexpr std::array<TimeFormat, 4> kTimeFormats{TimeFormat::Iso8601, TimeFormat::Local,
                                                 TimeFormat::EpochSeconds, TimeFormat::EpochMilliseconds};
const QLatin1String kKind("kind"), kColumns("columns"), kTimeFormat("time_format"), kUtcOffset("utc_offset"),
    kValues("values"), kIgnore("ignore");

QString quoted(const QString &key)
{
    return QStringLiteral("\"%1\"").arg(shownValue(key));
}

Error keyError(const QString &path, const QString &what)
{
    return Error::badData(MappingTr::tr("column profile, %1: %2").arg(path, what));
}

QString fieldList(ProfileKind kind)
{
    QStringList ids;
    for (const ProfileField &f : profileFields(kind))
        ids << f.id;
    return ids.join(QLatin1String(", "));
}

// A key that appears twice in one object, at any depth (QJsonDocument would keep only the last: a column
// named twice in "columns" must not pass as one), or empty.
QString duplicateKeyAnywhere(QByteArrayView json)
{
    std::vector<std::optional<QStringList>> open; // the keys of each open object; nullopt for an array
    bool expectKey = false;
    for (const char *p = json.begin(), *e = json.end(); p < e; ++p) {
        const char c = *p;
        if (c == '"') {
            const char *b = ++p;
            while (p < e && *p != '"')
                p += *p == '\\' ? 2 : 1;
            if (expectKey && !open.empty() && open.back()) {
                const QByteArray raw = "[\"" + QByteArray(b, std::min(p, e) - b) + "\"]";
                const QString key = QJsonDocument::fromJson(raw).array().at(0).toString();
                if (open.back()->contains(key))
                    return key;
                open.back()->append(key);
                expectKey = false;
            }
        } else if (c == '{' || c == '[') {
            open.push_back(c == '{' ? std::optional<QStringList>(QStringList()) : std::nullopt);
            expectKey = c == '{';
        } else if (c == '}' || c == ']') {
            if (!open.empty())
                open.pop_back();
            expectKey = false;
        } else if (c == ',') {
            expectKey = !open.empty() && open.back();
        }
    }
    return {};
}

bool knownId(const Catalog &catalog, ValueDomain domain, const QString &id)
{
    return domain == ValueDomain::Api ? catalog.apiIndex(id) >= 0 : catalog.regionIndex(id) >= 0;
}

Result<std::map<QString, QString>> readColumns(const QJsonValue &v, ProfileKind kind)
{
    const QString at = quoted(kColumns);
    if (!v.isObject())
        return keyError(at,
                        MappingTr::tr("must be an object of the file's columns and the fields they give"));
    std::map<QString, QString> out;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString path = at + QStringLiteral(" \u203a ") + quoted(it.key());
        if (!it.value().isString())
            return keyError(path, MappingTr::tr("must be a field id as a string, or \"ignore\""));
        const QString field = it.value().toString();
        if (field == kIgnore)
            continue;
        if (!profileField(kind, field))
            return keyError(
                path,
                MappingTr::tr("unknown field %1; the fields are %2").arg(quoted(field), fieldList(kind)));
        out[it.key()] = field;
    }
    return out;
}

Result<std::map<QString, std::map<QString, QString>>> readValues(const QJsonValue &v)
{
    const QString at = quoted(kValues);
    if (!v.isObject())
        return keyError(at, MappingTr::tr("must be an object of fields, each a map of the file's values to "
                                          "catalog ids"));
    std::map<QString, std::map<QString, QString>> out;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString path = at + QStringLiteral(" \u203a ") + quoted(it.key());
        if (!it.value().isObject())
            return keyError(path, MappingTr::tr("must be an object of the file's values and catalog ids"));
        const QJsonObject map = it.value().toObject();
        for (auto m = map.begin(); m != map.end(); ++m) {
            if (!m.value().isString())
                return keyError(path + QStringLiteral(" \u203a ") + quoted(m.key()),
                                MappingTr::tr("must be a catalog id as a string"));
            out[it.key()][m.key()] = m.value().toString();
        }
    }
    return out;
}

} // namespace

std::vector<ProfileField> profileFields(ProfileKind kind)
{
    switch (kind) {
    case ProfileKind::CallLog:
        return {
            {QLatin1String(kCallFieldNames[0]), MappingTr::tr("Time"), true, ValueDomain::None, true},
            {QLatin1String(kCallFieldNames[1]), MappingTr::tr("API"), true, ValueDomain::Api, false},
            {QLatin1String(kCallFieldNames[2]), MappingTr::tr("Region"), true, ValueDomain::Region, false},
            {QLatin1String(kCallFieldNames[3]), MappingTr::tr("HTTP status"), true, ValueDomain::None, false},
            {QLatin1String(kCallFieldNames[4]), MappingTr::tr("Enterprise project"), false, ValueDomain::None,
             false},
            {QLatin1String(kCallFieldNames[5]), MappingTr::tr("Request id"), false, ValueDomain::None, false},
            {QLatin1String(kCallFieldNames[6]), MappingTr::tr("Count"), false, ValueDomain::None, false},
        };
    case ProfileKind::ProviderBill:
        // The meanings of provider-bills.md §1; ids are the profile JSON's.
        return {
            {QStringLiteral("billing_cycle"), MappingTr::tr("Billing cycle"), false, ValueDomain::None,
             false},
            {QStringLiteral("expenditure_time"), MappingTr::tr("Expenditure time"), false, ValueDomain::None,
             true},
            {QStringLiteral("account"), MappingTr::tr("Account name"), false, ValueDomain::None, false},
            {QStringLiteral("service"), MappingTr::tr("Service type"), false, ValueDomain::None, false},
            {QStringLiteral("api"), MappingTr::tr("API (product)"), true, ValueDomain::Api, false},
            {QStringLiteral("region"), MappingTr::tr("Region"), false, ValueDomain::Region, false},
            {QStringLiteral("mode"), MappingTr::tr("Billing mode"), false, ValueDomain::None, false},
            {QStringLiteral("bill_type"), MappingTr::tr("Bill type"), false, ValueDomain::None, false},
            {QStringLiteral("project"), MappingTr::tr("Enterprise project"), false, ValueDomain::None, false},
            {QStringLiteral("calls"), MappingTr::tr("Usage (calls)"), false, ValueDomain::None, false},
            {QStringLiteral("fee"), MappingTr::tr("List price"), false, ValueDomain::None, false},
            {QStringLiteral("rounded_off"), MappingTr::tr("Truncated amount"), false, ValueDomain::None,
             false},
            {QStringLiteral("charged"), MappingTr::tr("Amount due"), true, ValueDomain::None, false},
            {QStringLiteral("currency"), MappingTr::tr("Currency"), false, ValueDomain::None, false},
        };
    }
    return {};
}

std::optional<ProfileField> profileField(ProfileKind kind, const QString &id)
{
    for (ProfileField &f : profileFields(kind))
        if (f.id == id)
            return std::move(f);
    return std::nullopt;
}

QString profileKindId(ProfileKind kind)
{
    switch (kind) {
    case ProfileKind::CallLog:
        return QStringLiteral("call-log");
    case ProfileKind::ProviderBill:
        return QStringLiteral("provider-bill");
    }
    return {};
}

std::optional<ProfileKind> parseProfileKind(const QString &id)
{
    for (ProfileKind k : {ProfileKind::CallLog, ProfileKind::ProviderBill})
        if (id == profileKindId(k))
            return k;
    return std::nullopt;
}

QString timeFormatId(TimeFormat format)
{
    switch (format) {
    case TimeFormat::Iso8601:
        return QStringLiteral("iso8601");
    case TimeFormat::Local:
        return QStringLiteral("local");
    case TimeFormat::EpochSeconds:
        return QStringLiteral("epoch-seconds");
    case TimeFormat::EpochMilliseconds:
        return QStringLiteral("epoch-milliseconds");
    }
    return {};
}

std::optional<TimeFormat> parseTimeFormat(const QString &id)
{
    for (TimeFormat f : kTimeFormats)
        if (timeFormatId(f) == id)
            return f;
    return std::nullopt;
}

QString timeFormatTitle(TimeFormat format)
{
    switch (format) {
    case TimeFormat::Iso8601:
        return MappingTr::tr("ISO 8601 with offset (2026-10-01T08:00:00+08:00)");
    case TimeFormat::Local:
        return MappingTr::tr("YYYY-MM-DD HH:MM:SS in a UTC offset");
    case TimeFormat::EpochSeconds:
        return MappingTr::tr("Seconds since 1970 (Unix time)");
    case TimeFormat::EpochMilliseconds:
        return MappingTr::tr("Milliseconds since 1970");
    }
    return {};
}

QString ColumnProfile::sourceOf(const QString &field) const
{
    for (const auto &[source, target] : columns)
        if (target == field)
            return source;
    return {};
}

Status validateProfileName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return Error::badUsage(MappingTr::tr("a column profile needs a name"));
    if (name.size() > kMaxNameChars)
        return Error::badUsage(MappingTr::tr("the profile name %1 is longer than %2 characters")
                                   .arg(quoted(name))
                                   .arg(kMaxNameChars));
    for (const QChar c : name)
        if (c.category() == QChar::Other_Control)
            return Error::badUsage(
                MappingTr::tr("the profile name %1 contains a control character").arg(quoted(name)));
    return {};
}

Status validateProfile(const ColumnProfile &p, const Catalog &catalog)
{
    if (Status s = validateProfileName(p.name); !s)
        return s;
    const QString columns = quoted(kColumns);
    std::map<QString, QString> sourceOf; // field -> the first column that gives it
    for (const auto &[source, field] : p.columns) {
        const QString path = columns + QStringLiteral(" \u203a ") + quoted(source);
        if (!profileField(p.kind, field))
            return keyError(
                path,
                MappingTr::tr("unknown field %1; the fields are %2").arg(quoted(field), fieldList(p.kind)));
        if (const auto [it, added] = sourceOf.emplace(field, source); !added)
            return keyError(path, MappingTr::tr("the field %1 is mapped twice (also from %2)")
                                      .arg(quoted(field), quoted(it->second)));
    }
    for (const ProfileField &f : profileFields(p.kind))
        if (f.required && !sourceOf.count(f.id))
            return keyError(
                columns, MappingTr::tr("the required field %1 is not mapped to a column").arg(quoted(f.id)));
    for (const auto &[field, map] : p.values) {
        const QString path = quoted(kValues) + QStringLiteral(" \u203a ") + quoted(field);
        const std::optional<ProfileField> f = profileField(p.kind, field);
        if (!f || f->values == ValueDomain::None)
            return keyError(path,
                            MappingTr::tr("the field takes no value map; only the API and the region do"));
        for (const auto &[from, id] : map)
            if (!knownId(catalog, f->values, id))
                return keyError(path + QStringLiteral(" \u203a ") + quoted(from),
                                f->values == ValueDomain::Api
                                    ? MappingTr::tr("%1 is not an API id of the catalog").arg(quoted(id))
                                    : MappingTr::tr("%1 is not a region id of the catalog").arg(quoted(id)));
    }
    return {};
}

QJsonObject profileToJson(const ColumnProfile &p)
{
    QJsonObject columns;
    for (const auto &[source, field] : p.columns)
        columns[source] = field;
    QJsonObject o{
        {kKind, profileKindId(p.kind)}, {kColumns, columns}, {kTimeFormat, timeFormatId(p.timeFormat)}};
    if (p.timeFormat == TimeFormat::Local)
        o[kUtcOffset] = BillingCalendar::formatOffset(p.utcOffsetSeconds);
    QJsonObject values;
    for (const auto &[field, map] : p.values) {
        if (map.empty())
            continue;
        QJsonObject m;
        for (const auto &[from, id] : map)
            m[from] = id;
        values[field] = m;
    }
    if (!values.isEmpty())
        o[kValues] = values;
    return o;
}

Result<ColumnProfile> profileFromJson(QByteArrayView json, const QString &name, const Catalog &catalog)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::badData(MappingTr::tr("column profile: not JSON: %1 at character %2")
                                  .arg(pe.errorString(), QString::number(pe.offset + 1)));
    if (!doc.isObject())
        return Error::badData(MappingTr::tr("column profile: not a JSON object"));
    if (const QString twice = duplicateKeyAnywhere(json); !twice.isEmpty())
        return keyError(quoted(twice), MappingTr::tr("the key appears twice"));
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!QStringList{kKind, kColumns, kTimeFormat, kUtcOffset, kValues}.contains(it.key()))
            return keyError(quoted(it.key()), MappingTr::tr("unknown key; the keys are kind, columns, "
                                                            "time_format, utc_offset and values"));
    ColumnProfile p;
    p.name = name;
    const std::optional<ProfileKind> kind = parseProfileKind(o.value(kKind).toString());
    if (!kind)
        return keyError(
            quoted(kKind),
            MappingTr::tr("%1 is not a kind of profile; use \"call-log\" or \"provider-bill\"")
                .arg(o.contains(kKind) ? quoted(o.value(kKind).toString()) : MappingTr::tr("(missing)")));
    p.kind = *kind;
    auto columns = readColumns(o.value(kColumns), p.kind);
    if (!columns)
        return columns.error();
    p.columns = std::move(*columns);
    if (o.contains(kTimeFormat)) {
        const std::optional<TimeFormat> format = parseTimeFormat(o.value(kTimeFormat).toString());
        if (!format)
            return keyError(quoted(kTimeFormat),
                            MappingTr::tr("use iso8601, local, epoch-seconds or epoch-milliseconds"));
        p.timeFormat = *format;
    }
    if (p.timeFormat == TimeFormat::Local) {
        const Result<int> offset = BillingCalendar::parseOffset(o.value(kUtcOffset).toString());
        if (!offset)
            return keyError(quoted(kUtcOffset),
                            MappingTr::tr("a local time needs its UTC offset, e.g. \"+08:00\""));
        p.utcOffsetSeconds = *offset;
    } else if (o.contains(kUtcOffset)) {
        return keyError(quoted(kUtcOffset), MappingTr::tr("applies only to the time format \"local\""));
    }
    if (o.contains(kValues)) {
        auto values = readValues(o.value(kValues));
        if (!values)
            return values.error();
        p.values = std::move(*values);
    }
    if (Status s = validateProfile(p, catalog); !s)
        return s.error();
    return p;
}

} // namespace billing
