#include "storage/rowseal.h"

#include <QVariant>

#include <charconv>

namespace billing {

namespace {
void appendNumber(QByteArray &to, qint64 v)
{
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    to.append(buf, end - buf);
}
} // namespace

void RowDigest::addInt(qint64 v)
{
    m_row.append('i');
    appendNumber(m_row, v);
    m_row.append(';');
}

void RowDigest::addText(QStringView v)
{
    const QByteArray utf8 = v.toUtf8();
    m_row.append('t');
    appendNumber(m_row, utf8.size());
    m_row.append(':');
    m_row.append(utf8);
}

void RowDigest::addNull()
{
    m_row.append('n');
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
        m_row.append('x');
        m_row.append(v.toString().toUtf8());
        m_row.append(';');
    }
}

void RowDigest::endRow(qint64 id)
{
    if (id != 0)
        addInt(id);
    m_row.append('\n');
    m_hash.addData(m_row);
    m_row.clear(); // keeps its capacity
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
