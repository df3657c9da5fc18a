#include "storage/rowseal.h"

#include <QVariant>

#include <charconv>

namespace billing {

namespace {
void appendNumber(std::string &to, qint64 v)
{
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    to.append(buf, size_t(end - buf));
}
} // namespace

void RowDigest::addInt(qint64 v)
{
    m_row += 'i';
    appendNumber(m_row, v);
    m_row += ';';
}

void RowDigest::addText(QStringView v)
{
    m_row += 't';
    // Ids and names are short ASCII: copied as they are, without a UTF-8 conversion per value.
    bool plain = true;
    for (QChar c : v)
        plain = plain && c.unicode() < 0x80;
    if (plain) {
        appendNumber(m_row, v.size());
        m_row += ':';
        for (QChar c : v)
            m_row += char(c.unicode());
        return;
    }
    const QByteArray utf8 = v.toUtf8();
    appendNumber(m_row, utf8.size());
    m_row += ':';
    m_row.append(utf8.constData(), size_t(utf8.size()));
}

void RowDigest::addNull()
{
    m_row += 'n';
}

void RowDigest::addValue(const QVariant &v)
{
    if (v.isNull())
        return addNull();
    switch (v.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return addInt(v.toLongLong());
    case QMetaType::QString:
        return addText(v.toString());
    default: // a real or a blob where the program writes neither: the value was changed
        m_row += 'x';
        m_row += v.toString().toStdString();
        m_row += ';';
    }
}

void RowDigest::endRow(qint64 id)
{
    if (id != 0)
        addInt(id);
    m_row += '\n';
    m_hash.addData(QByteArrayView(m_row.data(), qsizetype(m_row.size())));
    m_row.clear(); // std::string keeps its capacity
    ++m_rows;
    m_lastId = std::max(m_lastId, id);
}

void RowDigest::dropRow()
{
    m_row.clear();
}

void RowDigest::reset()
{
    m_hash.reset();
    m_row.clear();
    m_rows = 0;
    m_lastId = 0;
}

} // namespace billing
