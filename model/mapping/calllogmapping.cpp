#include "mapping/calllogmapping.h"
#include "mapping/tr.h"

#include "catalog/catalog.h"
#include "core/shown.h"
#include "time/billingcalendar.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace billing {

namespace {

constexpr qint64 kLastMillisecond = 253402300799999; // 9999-12-31T23:59:59.999Z

void addValues(QHash<QByteArray, QByteArray> &to, const std::map<QString, QString> &map)
{
    for (const auto &[from, id] : map)
        to.insert(from.toUtf8(), id.toUtf8());
}

} // namespace

CallLogMapping::CallLogMapping(const ColumnProfile &profile, const Catalog &catalog)
{
    auto plan = std::make_shared<Plan>();
    plan->timeFormat = profile.timeFormat;
    plan->offset = BillingCalendar::formatOffset(profile.utcOffsetSeconds).toLatin1();
    // Catalog ids pass through unchanged; display names are always recognized; the profile's own map
    // comes last so that it can say otherwise.
    for (const ApiInfo &a : catalog.apis())
        plan->apis.insert(a.name.toUtf8(), a.id.toUtf8());
    for (const RegionInfo &r : catalog.regions())
        plan->regions.insert(r.name.toUtf8(), r.id.toUtf8());
    const auto values = [&](CallField f) {
        const auto it = profile.values.find(QLatin1String(kCallFieldNames[int(f)]));
        return it == profile.values.end() ? std::map<QString, QString>() : it->second;
    };
    addValues(plan->apis, values(CallField::Api));
    addValues(plan->regions, values(CallField::Region));
    m_plan = std::move(plan);
    for (int f = 0; f < kCallFieldCount; ++f)
        m_source[size_t(f)] = profile.sourceOf(QLatin1String(kCallFieldNames[f]));
    m_position.fill(-1);
}

MappingFactory CallLogMapping::factory(const ColumnProfile &profile, const Catalog &catalog)
{
    auto prototype = std::make_shared<const CallLogMapping>(profile, catalog);
    return [prototype] { return prototype->clone(); };
}

std::unique_ptr<LineMapping> CallLogMapping::clone() const
{
    return std::make_unique<CallLogMapping>(*this);
}

QString CallLogMapping::timeFormatText() const
{
    switch (m_plan->timeFormat) {
    case TimeFormat::Iso8601:
        break;
    case TimeFormat::Local:
        return MappingTr::tr("YYYY-MM-DD HH:MM:SS at UTC%1").arg(QString::fromLatin1(m_plan->offset));
    case TimeFormat::EpochSeconds:
        return MappingTr::tr("whole seconds since 1970-01-01 00:00 UTC");
    case TimeFormat::EpochMilliseconds:
        return MappingTr::tr("whole milliseconds since 1970-01-01 00:00 UTC");
    }
    return {};
}

Result<LineMapping::Read> CallLogMapping::read(qint64 line, QByteArrayView text, MappedLine &out)
{
    const Result<bool> record = m_rows.read(line, text);
    if (!record) {
        m_headerFailed = !m_rows.headerRead();
        return record.error();
    }
    if (!*record)
        return readHeader(line);
    const bool json = isJson();
    for (int f = 0; f < kCallFieldCount; ++f) {
        const QString &source = m_source[size_t(f)];
        if (source.isEmpty())
            continue;
        QByteArray &value = out.value[size_t(f)];
        const SourceRows::Cell cell =
            json ? m_rows.cell(source, value) : m_rows.cell(m_position[size_t(f)], value);
        if (cell == SourceRows::Cell::NotText) {
            out.badField = f;
            out.badReason = MappingTr::tr("must be a string or a number");
            return Read::Record;
        }
        out.present[size_t(f)] = cell == SourceRows::Cell::Value;
        if (!out.present[size_t(f)])
            continue;
        if (f == int(CallField::Timestamp)) {
            out.sourceTime = value;
            convertTime(value);
        } else if (f == int(CallField::Api) || f == int(CallField::Region)) {
            const auto &ids = f == int(CallField::Api) ? m_plan->apis : m_plan->regions;
            if (const auto it = ids.constFind(value); it != ids.cend())
                value = *it;
        }
    }
    return Read::Record;
}

Result<LineMapping::Read> CallLogMapping::readHeader(qint64 line)
{
    for (int f = 0; f < kCallFieldCount; ++f) {
        const QString &source = m_source[size_t(f)];
        if (source.isEmpty())
            continue;
        const int at = m_rows.position(source);
        m_position[size_t(f)] = at;
        if (at >= 0)
            continue;
        m_headerFailed = true;
        const QLatin1String field(kCallFieldNames[f]);
        if (at == -2)
            return Error::badData(MappingTr::tr("line %1: the column \"%2\" (%3) appears twice in the header")
                                      .arg(QString::number(line), shownValue(source), field));
        return Error::badData(
            MappingTr::tr("line %1: the profile's column \"%2\" (%3) is not in the header; the header has %4")
                .arg(QString::number(line), shownValue(source), field,
                     shownValue(m_rows.header().join(QLatin1String(", ")))));
    }
    return Read::Header;
}

// Rewrites the log's time as ISO 8601 with an offset; text that is not in the profile's format is left
// as it is, for the parser to refuse with the log's own text.
void CallLogMapping::convertTime(QByteArray &value) const
{
    switch (m_plan->timeFormat) {
    case TimeFormat::Iso8601:
        return;
    case TimeFormat::Local:
        if (value.size() > 10 && value[10] == ' ')
            value[10] = 'T';
        value += m_plan->offset;
        return;
    case TimeFormat::EpochSeconds:
    case TimeFormat::EpochMilliseconds: {
        const bool digits =
            !value.isEmpty() && value.size() <= 15 &&
            std::all_of(value.cbegin(), value.cend(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits)
            return;
        const qint64 n = value.toLongLong();
        const bool seconds = m_plan->timeFormat == TimeFormat::EpochSeconds;
        if (n > (seconds ? kLastMillisecond / 1000 : kLastMillisecond))
            return;
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(seconds ? n * 1000 : n, Qt::UTC);
        value = t.toString(seconds ? QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'")
                                   : QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"))
                    .toLatin1();
        return;
    }
    }
}

} // namespace billing
