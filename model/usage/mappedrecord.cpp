// RecordParser's reading of a log in another layout through a column mapping (usage/linemapping.h):
// the mapping translates, the strict format's field checks decide.
#include "usage/recordparser.h"
#include "usage/tr.h"

#include "core/shown.h"

#include <QCoreApplication>

namespace billing {

Result<RecordParser::Line> RecordParser::parseMapped(Span l, CallRecord &out)
{
    MappedLine &m = m_mapped;
    m.badField = -1;
    m.present.fill(false);
    const Result<LineMapping::Read> r = m_mapping->read(m_line, QByteArrayView(l.b, l.e), m);
    if (!r) {
        if (!m_mapping->headerFailed())
            return lineError(r.error());
        m_headerFailed = true;
        return r.error();
    }
    if (*r == LineMapping::Read::Header)
        return Line::Header;
    if (m.badField >= 0)
        return mappedFieldError(CallField(m.badField), m.badReason);
    setProject(out, m_defaultProject);
    out.count = 1;
    out.line = m_line;
    for (int f = 0; f < kCallFieldCount; ++f) {
        if (!m.present[size_t(f)]) {
            if (f < kRequiredCallFields)
                return mappedFieldError(CallField(f), UsageTr::tr("the field is required but missing"));
            continue;
        }
        const QByteArray &v = m.value[size_t(f)];
        QString what = setField(Column(f), {v.constData(), v.constData() + v.size()}, out);
        if (what.isEmpty())
            continue;
        // A converted time: say what is wrong with the log's own text, not with ours.
        if (const QString format = m_mapping->timeFormatText(); f == ColTimestamp && !format.isEmpty())
            what = UsageTr::tr("\"%1\" is not a time written as %2")
                       .arg(shownValue(m.sourceTime.cbegin(), m.sourceTime.cend()), format);
        return mappedFieldError(CallField(f), what);
    }
    return Line::Record;
}

Error RecordParser::mappedFieldError(CallField f, const QString &what)
{
    const QString source = m_mapping->sourceName(f);
    const QLatin1String field(kCallFieldNames[int(f)]);
    m_lastBad = {m_line, source, what};
    if (m_mapping->isJson())
        return Error::badData(UsageTr::tr("line %1, field \"%2\" (%3): %4")
                                  .arg(QString::number(m_line), shownValue(source), field, what));
    return Error::badData(UsageTr::tr("line %1, column \"%2\" (%3): %4")
                              .arg(QString::number(m_line), shownValue(source), field, what));
}

} // namespace billing
