#include "mapping/sourcerows.h"
#include "mapping/tr.h"

#include "core/shown.h"
#include "usage/bytescan.h"
#include "usage/linecheck.h"
#include "usage/linemapping.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

#include <string>

namespace billing {

using namespace bytescan;

Result<bool> SourceRows::read(qint64 line, QByteArrayView text)
{
    if (m_format == Format::Unknown) {
        const char *p = text.begin();
        while (p < text.end() && (*p == ' ' || *p == '\t'))
            ++p;
        m_format = p < text.end() && *p == '{' ? Format::JsonLines : Format::Csv;
    }
    return m_format == Format::JsonLines ? readJson(line, text) : readCsv(line, text);
}

Result<bool> SourceRows::readCsv(qint64 line, QByteArrayView text)
{
    m_cells.clear();
    std::string unescaped;
    const Split split =
        splitCsv(text.begin(), text.end(), [&](int, const char *b, const char *e, bool escaped) {
            if (escaped) {
                unescapeInto(unescaped, b, e);
                m_cells.emplace_back(unescaped.data(), qsizetype(unescaped.size()));
            } else {
                m_cells.emplace_back(b, e - b);
            }
        });
    if (split.error != SplitError::None)
        return Error::badData(MappingTr::tr("line %1, column %2: %3")
                                  .arg(QString::number(line), QString::number(split.errorField + 1),
                                       linecheck::splitMessage(split.error)));
    if (m_header.isEmpty()) {
        for (const QByteArray &name : m_cells)
            m_header << QString::fromUtf8(name.trimmed());
        return false;
    }
    if (qsizetype(m_cells.size()) != m_header.size())
        return Error::badData(MappingTr::tr("line %1: expected %2 fields as in the header, found %3")
                                  .arg(QString::number(line), QString::number(m_header.size()),
                                       QString::number(m_cells.size())));
    return true;
}

Result<bool> SourceRows::readJson(qint64 line, QByteArrayView text)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toByteArray(), &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::badData(
            MappingTr::tr("line %1: not a JSON object: %2 at character %3")
                .arg(QString::number(line), pe.errorString(), QString::number(pe.offset + 1)));
    if (!doc.isObject())
        return Error::badData(MappingTr::tr("line %1: not a JSON object").arg(line));
    // QJsonObject keeps the last of two equal keys: a second "status" would silently win.
    if (const QString twice = linecheck::duplicateJsonKey(text); !twice.isEmpty())
        return Error::badData(MappingTr::tr("line %1, field \"%2\": the field appears twice in the object")
                                  .arg(QString::number(line), shownValue(twice)));
    m_object = doc.object();
    return true;
}

int SourceRows::position(const QString &name) const
{
    const int first = int(m_header.indexOf(name));
    if (first >= 0 && m_header.indexOf(name, first + 1) >= 0)
        return -2;
    return first;
}

SourceRows::Cell SourceRows::cell(int position, QByteArray &out) const
{
    if (position < 0 || size_t(position) >= m_cells.size())
        return Cell::Absent;
    out = m_cells[size_t(position)];
    return Cell::Value;
}

SourceRows::Cell SourceRows::cell(const QString &key, QByteArray &out) const
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined() || v.isNull())
        return Cell::Absent;
    if (v.isString())
        out = v.toString().toUtf8();
    else if (v.isDouble())
        out = jsonNumberText(v.toDouble());
    else
        return Cell::NotText;
    return Cell::Value;
}

QStringList SourceRows::keys() const
{
    return m_object.keys(); // sorted: QJsonObject does not keep the line's order
}

} // namespace billing
