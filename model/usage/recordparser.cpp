#include "usage/recordparser.h"
#include "usage/tr.h"

#include "catalog/catalog.h"
#include "core/shown.h"
#include "time/billingcalendar.h"
#include "usage/bytescan.h"
#include "usage/linecheck.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

#include <algorithm>
#include <charconv>
#include <iterator>

namespace billing {

using namespace bytescan;

namespace {

// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
// The messages are the reader's: they keep its context.

// Column names as they appear in CSV headers and JSON keys, in the order of RecordParser::Column.
constexpr const auto &kColumnNames = kCallFieldNames;
constexpr int kColumnCount = kCallFieldCount;
constexpr int kRequiredColumns = kRequiredCallFields;
constexpr qsizetype kMaxProjectChars = 64;
constexpr qsizetype kMaxRequestIdChars = 128;
constexpr qint64 kMaxCount = 1'000'000'000;
constexpr size_t kProjectCacheSize = 16;

QLatin1String columnName(int c)
{
    return QLatin1String(kColumnNames[c]);
}

int columnOf(const QByteArray &name)
{
    for (int c = 0; c < kColumnCount; ++c)
        if (name == kColumnNames[c])
            return c;
    return -1;
}

// Plain ASCII digits only: no sign, no spaces, no decimals. 18 digits cannot overflow a qint64.
bool parseDigits(const char *p, const char *e, qint64 &v)
{
    if (p == e || e - p > 18)
        return false;
    quint64 u = 0;
    const auto [end, ec] = std::from_chars(p, e, u); // unsigned: no sign is accepted
    v = qint64(u);
    return ec == std::errc() && end == e;
}

int lookup(const std::vector<QByteArray> &ids, int &last, const char *b, const char *e)
{
    const qsizetype n = e - b;
    const auto equal = [&](const QByteArray &id) { return sameBytes(id, b, n); };
    // Records come in runs of the same API and region: the previous hit is the likeliest.
    if (last < int(ids.size()) && equal(ids[size_t(last)]))
        return last;
    for (size_t i = 0; i < ids.size(); ++i) {
        if (equal(ids[i])) {
            last = int(i);
            return last;
        }
    }
    return -1;
}

} // namespace

RecordParser::RecordParser(const Catalog &catalog, Format format)
    : m_format(format), m_defaultProject(QStringLiteral("default"))
{
    m_apiIds.reserve(catalog.apis().size());
    for (const ApiInfo &a : catalog.apis())
        m_apiIds.push_back(a.id.toUtf8());
    m_regionIds.reserve(catalog.regions().size());
    for (const RegionInfo &r : catalog.regions())
        m_regionIds.push_back(r.id.toUtf8());
}

bool RecordParser::readsRecords() const
{
    if (m_mapping)
        return m_mapping->readsRecords();
    return m_format == Format::JsonLines || (m_format == Format::Csv && m_headerRead);
}

RecordParser RecordParser::forBlock() const
{
    RecordParser p = *this;
    p.m_projects.clear();
    p.m_lastProject = p.m_projectVictim = 0;
    if (m_mapping)
        p.m_mapping = m_mapping->clone();
    return p;
}

Result<RecordParser::Line> RecordParser::parse(qint64 number, QByteArrayView text, CallRecord &out)
{
    m_line = number;
    Span l{text.data(), text.data() + text.size()};
    if (m_line == 1 && text.startsWith("\xEF\xBB\xBF"))
        l.b += 3;
    if (l.e > l.b && l.e[-1] == '\r')
        --l.e;
    if (!QByteArrayView(l.b, l.e).isValidUtf8())
        return lineError(Error::badData(UsageTr::tr("line %1: the text is not valid UTF-8").arg(m_line)));
    if (isBlank(l.b, l.e))
        return Line::Blank;
    if (!m_sawContent) {
        m_sawContent = true;
        if (const QString problem = linecheck::firstLineProblem(m_line, QByteArrayView(l.b, l.e));
            !problem.isEmpty()) {
            m_headerFailed = true; // like a bad header: no line after it can be read
            return Error::badData(problem);
        }
    }
    if (m_mapping)
        return parseMapped(l, out);
    if (m_format == Format::Auto) {
        const char *p = l.b;
        while (*p == ' ' || *p == '\t')
            ++p; // a non-blank line has a non-blank byte
        m_format = *p == '{' ? Format::JsonLines : Format::Csv;
    }
    if (m_format == Format::Csv && !m_headerRead) {
        const Status s = readHeader(l);
        if (!s) {
            m_headerFailed = true;
            return s.error();
        }
        m_headerRead = true;
        return Line::Header;
    }
    const Result<bool> r = m_format == Format::JsonLines ? parseJson(l, out) : parseCsv(l, out);
    if (!r)
        return lineError(r.error());
    return Line::Record;
}

Error RecordParser::lineError(Error e)
{
    if (m_lastBad.line != m_line) // not a field error: the whole line is wrong
        m_lastBad = {m_line, QString(), e.message};
    return e;
}

Error RecordParser::fieldError(int position, Column c, const QString &what)
{
    m_lastBad = {m_line,
                 m_format == Format::JsonLines
                     ? QString(columnName(c))
                     : QStringLiteral("%1 (%2)").arg(QString::number(position), columnName(c)),
                 what};
    if (m_format == Format::JsonLines)
        return Error::badData(
            UsageTr::tr("line %1, field \"%2\": %3").arg(QString::number(m_line), columnName(c), what));
    return Error::badData(UsageTr::tr("line %1, column %2 (%3): %4")
                              .arg(QString::number(m_line), QString::number(position), columnName(c), what));
}

Status RecordParser::readHeader(Span l)
{
    std::vector<QByteArray> names;
    const Split split = splitCsv(l.b, l.e, [&](int, const char *b, const char *e, bool escaped) {
        std::string s;
        if (escaped)
            unescapeInto(s, b, e);
        QByteArray name = escaped ? QByteArray(s.data(), qsizetype(s.size())) : QByteArray(b, e - b);
        names.push_back(name.trimmed()); // spaces around a column name carry no meaning
    });
    if (split.error != SplitError::None)
        return Error::badData(UsageTr::tr("line %1, column %2: %3")
                                  .arg(QString::number(m_line), QString::number(split.errorField + 1),
                                       linecheck::splitMessage(split.error)));

    // Stricter is safer for billing: a column we do not know may be one the user expects us to bill by.
    QStringList unknown;
    for (size_t i = 0; i < names.size(); ++i)
        if (columnOf(names[i]) < 0)
            unknown << UsageTr::tr("\"%1\" (column %2)")
                           .arg(shownValue(names[i].cbegin(), names[i].cend()), QString::number(i + 1));
    if (!unknown.isEmpty()) {
        QStringList allowed;
        for (int c = 0; c < kColumnCount; ++c)
            allowed << columnName(c);
        return Error::badData(UsageTr::tr("line %1: unknown column(s) %2; the allowed columns are %3")
                                  .arg(QString::number(m_line), unknown.join(QLatin1String(", ")),
                                       allowed.join(QLatin1String(", "))));
    }

    m_columns.clear();
    int firstAt[kColumnCount];
    std::fill(std::begin(firstAt), std::end(firstAt), 0);
    for (size_t i = 0; i < names.size(); ++i) {
        const int c = columnOf(names[i]);
        if (firstAt[c])
            return Error::badData(
                UsageTr::tr("line %1, column %2 (%3): the column appears twice (first in column %4)")
                    .arg(QString::number(m_line), QString::number(i + 1), columnName(c),
                         QString::number(firstAt[c])));
        firstAt[c] = int(i) + 1;
        m_columns.push_back(Column(c));
    }
    m_hasProjectColumn = firstAt[ColProject] != 0;
    m_hasCountColumn = firstAt[ColCount] != 0;
    QStringList missing;
    for (int c = 0; c < kRequiredColumns; ++c)
        if (!firstAt[c])
            missing << columnName(c);
    if (!missing.isEmpty())
        return Error::badData(UsageTr::tr("line %1: the header lacks the required column(s) %2")
                                  .arg(QString::number(m_line), missing.join(QLatin1String(", "))));
    return {};
}

Result<bool> RecordParser::parseCsv(Span l, CallRecord &out)
{
    // The header has at most one of each column, so a fixed array holds every field we keep. Left
    // uninitialised on purpose (zeroing it showed in profiles): a line is used only when every
    // position up to `expected` was filled.
    const char *fieldBegin[ColumnCount];
    const char *fieldEnd[ColumnCount];
    const int expected = int(m_columns.size());
    const Split split = splitCsv(l.b, l.e, [&](int i, const char *b, const char *e, bool escaped) {
        if (i >= expected)
            return;
        if (escaped) {
            std::string &s = m_unescaped[size_t(i)];
            unescapeInto(s, b, e);
            b = s.data();
            e = s.data() + s.size();
        }
        fieldBegin[i] = b;
        fieldEnd[i] = e;
    });
    if (split.error != SplitError::None) {
        if (split.errorField < expected)
            return fieldError(split.errorField + 1, m_columns[size_t(split.errorField)],
                              linecheck::splitMessage(split.error));
        return Error::badData(UsageTr::tr("line %1, column %2: %3")
                                  .arg(QString::number(m_line), QString::number(split.errorField + 1),
                                       linecheck::splitMessage(split.error)));
    }
    if (split.fields != expected)
        return Error::badData(
            UsageTr::tr("line %1: expected %2 fields as in the header, found %3")
                .arg(QString::number(m_line), QString::number(expected), QString::number(split.fields)));

    if (!m_hasProjectColumn)
        setProject(out, m_defaultProject);
    if (!m_hasCountColumn)
        out.count = 1;
    out.line = m_line;
    for (int i = 0; i < expected; ++i) {
        const QString what = setField(m_columns[size_t(i)], {fieldBegin[i], fieldEnd[i]}, out);
        if (!what.isEmpty())
            return fieldError(i + 1, m_columns[size_t(i)], what);
    }
    return true;
}

QString RecordParser::setField(Column c, Span v, CallRecord &out)
{
    switch (c) {
    case ColTimestamp:
        if (v.b == v.e)
            return UsageTr::tr("the timestamp is empty");
        if (!BillingCalendar::parseTimestampFast(v.b, v.e, out.ts))
            return UsageTr::tr(
                       "\"%1\" is not a timestamp: use ISO 8601 with an offset and at most 6 decimals, "
                       "e.g. 2026-10-01T08:00:00.250+08:00")
                .arg(shownValue(v.b, v.e));
        return {};
    case ColApi:
        out.api = lookup(m_apiIds, m_lastApi, v.b, v.e);
        if (out.api < 0)
            return UsageTr::tr("unknown API \"%1\"").arg(shownValue(v.b, v.e));
        return {};
    case ColRegion:
        out.region = lookup(m_regionIds, m_lastRegion, v.b, v.e);
        if (out.region < 0)
            return UsageTr::tr("unknown region \"%1\"").arg(shownValue(v.b, v.e));
        return {};
    case ColStatus: {
        qint64 s = 0;
        if (!parseDigits(v.b, v.e, s) || s < 100 || s > 599)
            return UsageTr::tr("\"%1\" is not an HTTP status: use a whole number from 100 to 599")
                .arg(shownValue(v.b, v.e));
        out.status = int(s);
        return {};
    }
    case ColCount: {
        if (v.b == v.e) {
            out.count = 1; // empty means one call
            return {};
        }
        qint64 n = 0;
        if (!parseDigits(v.b, v.e, n) || n < 1 || n > kMaxCount)
            return UsageTr::tr("\"%1\" is not a count: use a whole number from 1 to 1000000000")
                .arg(shownValue(v.b, v.e));
        out.count = n;
        return {};
    }
    case ColProject:
        return setProjectField(v, out);
    case ColRequestId: {
        bool tooLong = false;
        if (!checkText(v.b, v.e, kMaxRequestIdChars, tooLong))
            return UsageTr::tr("the request id contains a control character");
        if (tooLong)
            return UsageTr::tr("the request id is longer than %1 characters").arg(kMaxRequestIdChars);
        return {};
    }
    case ColumnCount:
        break;
    }
    return {};
}

QString RecordParser::setProjectField(Span v, CallRecord &out)
{
    if (v.b == v.e) {
        setProject(out, m_defaultProject);
        return {};
    }
    const qsizetype n = v.e - v.b;
    const auto equal = [&](const CachedText &c) { return sameBytes(c.bytes, v.b, n); };
    if (m_lastProject >= m_projects.size() || !equal(m_projects[m_lastProject])) {
        m_lastProject = 0;
        while (m_lastProject < m_projects.size() && !equal(m_projects[m_lastProject]))
            ++m_lastProject;
        if (m_lastProject == m_projects.size()) {
            bool tooLong = false;
            if (!checkText(v.b, v.e, kMaxProjectChars, tooLong))
                return UsageTr::tr("the enterprise project contains a control character");
            if (tooLong)
                return UsageTr::tr("the enterprise project is longer than %1 characters")
                    .arg(kMaxProjectChars);
            CachedText entry{QByteArray(v.b, n), QString::fromUtf8(v.b, n)};
            if (m_projects.size() < kProjectCacheSize) {
                m_projects.push_back(std::move(entry));
            } else {
                m_lastProject = m_projectVictim;
                m_projectVictim = (m_projectVictim + 1) % kProjectCacheSize;
                m_projects[m_lastProject] = std::move(entry);
            }
        }
    }
    setProject(out, m_projects[m_lastProject].text);
    return {};
}

Result<bool> RecordParser::parseJson(Span l, CallRecord &out)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(l.b, l.e - l.b), &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::badData(
            UsageTr::tr("line %1: not a JSON object: %2 at character %3")
                .arg(QString::number(m_line), pe.errorString(), QString::number(pe.offset + 1)));
    if (!doc.isObject())
        return Error::badData(UsageTr::tr("line %1: not a JSON object").arg(m_line));
    const QJsonObject o = doc.object();
    // QJsonObject keeps the last of two equal keys: a second "status" would silently win.
    if (const QString twice = linecheck::duplicateJsonKey(QByteArrayView(l.b, l.e)); !twice.isEmpty()) {
        if (const int c = columnOf(twice.toUtf8()); c >= 0)
            return fieldError(0, Column(c), UsageTr::tr("the field appears twice in the object"));
        return Error::badData(UsageTr::tr("line %1, field \"%2\": the field appears twice in the object")
                                  .arg(QString::number(m_line), shownValue(twice)));
    }

    setProject(out, m_defaultProject);
    out.count = 1;
    out.line = m_line;
    bool seen[ColumnCount] = {};
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QByteArray key = it.key().toUtf8();
        const int ci = columnOf(key);
        if (ci < 0)
            return Error::badData(
                UsageTr::tr("line %1, field \"%2\": unknown field; the fields are %3")
                    .arg(QString::number(m_line), shownValue(it.key()),
                         QStringLiteral("timestamp, api, region, status, enterprise_project, "
                                        "request_id, count")));
        const Column c = Column(ci);
        seen[c] = true;
        const QJsonValue v = it.value();
        QByteArray bytes;
        if (v.isNull() && c >= ColProject) {
            continue; // an optional field may be given as null
        } else if (c == ColStatus || c == ColCount) {
            if (v.isDouble()) {
                // Whole numbers become their digits; anything else keeps a form the digit check refuses.
                bytes = jsonNumberText(v.toDouble());
            } else if (v.isString()) {
                bytes = v.toString().toUtf8();
            } else {
                return fieldError(0, c, UsageTr::tr("must be a whole number or a string of digits"));
            }
        } else if (v.isString()) {
            bytes = v.toString().toUtf8();
        } else {
            return fieldError(0, c, UsageTr::tr("must be a string"));
        }
        const QString what = setField(c, {bytes.constData(), bytes.constData() + bytes.size()}, out);
        if (!what.isEmpty())
            return fieldError(0, c, what);
    }
    for (int c = 0; c < kRequiredColumns; ++c)
        if (!seen[c])
            return fieldError(0, Column(c), UsageTr::tr("the field is required but missing"));
    return true;
}

} // namespace billing
