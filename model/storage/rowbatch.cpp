#include "storage/rowbatch.h"

#include "storage/database.h"

#include "storage/rowseal.h"
#include "storage/rowwriter.h"

#include <QSqlQuery>

#include <algorithm>

namespace billing {

RowBatch::RowBatch(const QString &table, const QString &columns, int count, RowDigest *digest)
    : m_head(QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(table, columns)), m_count(count),
      m_digest(digest)
{
}

RowBatch &RowBatch::add(qint64 v)
{
    if (m_digest)
        m_digest->addInt(v);
    return addUnsealed(v);
}

RowBatch &RowBatch::addUnsealed(qint64 v)
{
    m_values.push_back({Value::Kind::Int, v, {}});
    return *this;
}

RowBatch &RowBatch::add(const QString &v)
{
    if (m_digest)
        m_digest->addText(v);
    m_values.push_back({Value::Kind::Text, 0, v});
    return *this;
}

RowBatch &RowBatch::addText(const QString &v)
{
    return v.isEmpty() ? addNull() : add(v);
}

RowBatch &RowBatch::add(const std::optional<qint64> &v)
{
    return v ? add(*v) : addNull();
}

RowBatch &RowBatch::addNull()
{
    if (m_digest)
        m_digest->addNull();
    m_values.push_back({});
    return *this;
}

void RowBatch::endRow(qint64 id)
{
    if (m_digest)
        m_digest->endRow(id);
}

const QString &RowBatch::statement(int rows)
{
    QString &sql = m_sql[size_t(rows)];
    if (sql.isEmpty()) {
        QString row = QStringLiteral("(?");
        for (int c = 1; c < m_count; ++c)
            row += QStringLiteral(", ?");
        row += u')';
        sql = m_head;
        for (int r = 0; r < rows; ++r)
            sql += (r == 0 ? QString() : QStringLiteral(", ")) + row;
    }
    return sql;
}

Result<qint64> RowBatch::nextId(Database &db, const QString &table)
{
    QSqlQuery q(db.connection());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT coalesce(max(id), 0) + 1 FROM %1").arg(table));
    if (Status s = execQuery(q, "reading the next id"); !s)
        return s.error();
    if (!q.next())
        return qint64(1);
    return q.value(0).toLongLong();
}

Status RowBatch::flush(Database &db, const char *what)
{
    const size_t rowCount = m_values.size() / size_t(m_count);
    for (size_t first = 0; first < rowCount; first += kRowsPerStatement) {
        const int rows = int(std::min<size_t>(kRowsPerStatement, rowCount - first));
        RowWriter w(db, statement(rows));
        const Value *v = m_values.data() + first * size_t(m_count);
        for (int i = 0; i < rows * m_count; ++i, ++v) {
            switch (v->kind) {
            case Value::Kind::Int:
                w.bind(i, v->i);
                break;
            case Value::Kind::Text:
                w.bind(i, v->s);
                break;
            case Value::Kind::Null:
                w.bindNull(i);
                break;
            }
        }
        if (Status s = w.exec(what); !s) {
            m_values.clear();
            return s;
        }
    }
    m_values.clear();
    return {};
}

} // namespace billing
