#include "storage/rowwriter.h"

#include "storage/database.h"
#include "storage/faststatement.h"
#include "storage/rowseal.h"
#include "storage/sqlerror.h"

#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

namespace billing {

RowWriter::RowWriter(Database &db, const QString &sql, Returning returning, RowDigest *digest)
    : m_stmt(db.fastStatement(sql, returning == Returning::Id)), m_digest(digest),
      m_returnsId(returning == Returning::Id)
{
    if (m_stmt.copy && m_stmt.copy->bulk().inTransaction())
        m_copy = m_stmt.copy;
}

bool RowWriter::toCopy(int i)
{
    if (!m_copy)
        return false;
    m_inOrder = m_inOrder && i == m_column;
    ++m_column;
    return true;
}

RowWriter &RowWriter::bind(int i, qint64 v)
{
    if (m_digest)
        m_digest->addInt(v);
    if (toCopy(i))
        m_copy->addInt(v);
    else if (m_stmt.stmt)
        sqlite3_bind_int64(m_stmt.stmt, i + 1, v);
    else
        m_stmt.query->bindValue(i, v);
    return *this;
}

RowWriter &RowWriter::bind(int i, const QString &v)
{
    if (m_digest)
        m_digest->addText(v);
    if (toCopy(i)) {
        m_copy->addText(v);
    } else if (m_stmt.stmt) {
        if (size_t(i) >= m_stmt.text.size()) { // not a parameter: SQLite reports it
            sqlite3_bind_text(m_stmt.stmt, i + 1, "", 0, SQLITE_STATIC);
            return *this;
        }
        // Ids and names are short ASCII: narrowed into the parameter's own buffer, which keeps its
        // capacity from row to row.
        std::string &to = m_stmt.text[size_t(i)];
        const qsizetype n = v.size();
        to.resize(size_t(n));
        bool plain = true;
        for (qsizetype k = 0; plain && k < n; ++k) {
            const char16_t c = v.at(k).unicode();
            plain = c < 0x80;
            to[size_t(k)] = char(c);
        }
        if (!plain) {
            const QByteArray utf8 = v.toUtf8();
            to.assign(utf8.constData(), size_t(utf8.size()));
        }
        // Static: the text stays put until the next bind of this parameter, after the statement ran.
        sqlite3_bind_text(m_stmt.stmt, i + 1, to.data(), int(to.size()), SQLITE_STATIC);
    } else {
        m_stmt.query->bindValue(i, v);
    }
    return *this;
}

RowWriter &RowWriter::bindText(int i, const QString &v)
{
    return v.isEmpty() ? bindNull(i) : bind(i, v);
}

RowWriter &RowWriter::bind(int i, const std::optional<qint64> &v)
{
    return v ? bind(i, *v) : bindNull(i);
}

RowWriter &RowWriter::bindNull(int i)
{
    if (m_digest)
        m_digest->addNull();
    if (toCopy(i))
        m_copy->addNull();
    else if (m_stmt.stmt)
        sqlite3_bind_null(m_stmt.stmt, i + 1);
    else
        m_stmt.query->bindValue(i, QVariant());
    return *this;
}

Status RowWriter::exec(const char *what)
{
    Status s = run(what);
    if (m_digest) {
        if (s.ok())
            m_digest->endRow(m_returnsId ? lastInsertId() : 0);
        else
            m_digest->dropRow();
    }
    return s;
}

Status RowWriter::run(const char *what)
{
    if (m_copy) {
        m_column = 0;
        if (!m_inOrder)
            return sqlError(SqlFault::Other, QLatin1String(what),
                            QStringLiteral("values bound out of column order for COPY"));
        std::optional<qint64> id;
        if (m_returnsId) {
            auto next = m_copy->nextId();
            if (!next)
                return next.error();
            id = m_copyId = *next;
        }
        return m_copy->endRow(id);
    }
    if (!m_stmt.stmt) {
        if (!m_stmt.returnsId)
            return execQuery(*m_stmt.query, what);
        auto id = execInsert(*m_stmt.query, what);
        if (!id)
            return id.error();
        m_stmt.lastId = *id;
        return {};
    }
    const int rc = sqlite3_step(m_stmt.stmt);
    sqlite3_reset(m_stmt.stmt);
    sqlite3_clear_bindings(m_stmt.stmt);
    if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        return {};
    return sqlError(rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? SqlFault::Damaged : SqlFault::Other,
                    QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_stmt.stmt))));
}

qint64 RowWriter::lastInsertId() const
{
    if (m_copy)
        return m_copyId;
    if (m_stmt.stmt)
        return sqlite3_last_insert_rowid(sqlite3_db_handle(m_stmt.stmt));
    return m_stmt.lastId;
}

} // namespace billing
