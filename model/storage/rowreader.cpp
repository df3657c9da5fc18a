#include "storage/rowreader.h"

#include "storage/database.h"
#include "storage/faststatement.h"
#include "storage/sqlerror.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

#include <cstring>

namespace billing {

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(handle.data());
    return nullptr;
}

const QString &SqliteText::at(sqlite3_stmt *stmt, int column)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
    const int n = sqlite3_column_bytes(stmt, column);
    for (size_t i = 0; i < m_recent.size(); ++i) {
        Recent &r = m_recent[(m_last + i) % m_recent.size()];
        if (r.known && r.bytes.size() == n &&
            (n == 0 || std::memcmp(p, r.bytes.constData(), size_t(n)) == 0)) {
            m_last = (m_last + i) % m_recent.size();
            return r.text;
        }
    }
    m_last = m_next;
    m_next = (m_next + 1) % m_recent.size();
    Recent &r = m_recent[m_last];
    r.bytes = QByteArray(p, n);
    r.text = n == 0 ? QStringLiteral("") : QString::fromUtf8(r.bytes);
    r.known = true;
    return r.text;
}

RowReader::RowReader(Database &db, const QString &sql, const char *what, Keep keep) : m_what(what)
{
    sqlite3 *h = sqliteHandle(db.connection());
    if (keep == Keep::Prepared) {
        m_kept = true;
        if (!h) {
            m_query = &db.prepared(sql); // forward only, finished
            return;
        }
        FastStatement &f = db.fastStatement(sql);
        m_stmt = f.stmt;
        m_query = f.query.get(); // SQLite could not prepare it: the query says why when it runs
        if (m_stmt)
            m_texts.resize(size_t(sqlite3_column_count(m_stmt)));
        return;
    }
    if (h) {
        const QByteArray utf8 = sql.toUtf8();
        if (const int rc = sqlite3_prepare_v2(h, utf8.constData(), int(utf8.size()), &m_stmt, nullptr);
            rc != SQLITE_OK) {
            m_status = sqlError(SqlFault::Other, QLatin1String(m_what), QString::fromUtf8(sqlite3_errmsg(h)));
            sqlite3_finalize(m_stmt);
            m_stmt = nullptr;
            return;
        }
        m_texts.resize(size_t(sqlite3_column_count(m_stmt)));
        return;
    }
    m_ownQuery = std::make_unique<QSqlQuery>(db.connection());
    m_query = m_ownQuery.get();
    m_query->setForwardOnly(true);
    m_query->prepare(sql);
}

RowReader::~RowReader()
{
    if (m_stmt && m_kept) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    } else if (m_stmt) {
        sqlite3_finalize(m_stmt);
    } else if (m_query && m_kept) {
        m_query->finish();
    }
}

void RowReader::bind(int index, qint64 value)
{
    if (m_stmt)
        sqlite3_bind_int64(m_stmt, index + 1, value);
    else if (m_query)
        m_query->bindValue(index, value);
}

void RowReader::bind(int index, const QVariant &value)
{
    if (!m_stmt) {
        if (m_query)
            m_query->bindValue(index, value);
        return;
    }
    if (value.isNull())
        sqlite3_bind_null(m_stmt, index + 1);
    else if (value.typeId() == QMetaType::QString) {
        const QByteArray utf8 = value.toString().toUtf8();
        sqlite3_bind_text(m_stmt, index + 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    } else
        sqlite3_bind_int64(m_stmt, index + 1, value.toLongLong());
}

Status RowReader::sqliteFailure(int rc)
{
    return sqlError(rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB ? SqlFault::Damaged : SqlFault::Other,
                    QLatin1String(m_what), QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_stmt))));
}

Status RowReader::exec()
{
    if (!m_status)
        return m_status;
    if (m_query)
        m_status = execQuery(*m_query, m_what);
    return m_status; // SQLite: the first step runs it
}

bool RowReader::next()
{
    if (!m_status)
        return false;
    if (m_query)
        return m_query->next();
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        m_status = sqliteFailure(rc);
    return false;
}

qint64 RowReader::integer(int column) const
{
    return m_stmt ? sqlite3_column_int64(m_stmt, column) : m_query->value(column).toLongLong();
}

bool RowReader::isNull(int column) const
{
    return m_stmt ? sqlite3_column_type(m_stmt, column) == SQLITE_NULL : m_query->value(column).isNull();
}

const QString &RowReader::text(int column)
{
    if (m_stmt) {
        static const QString null; // NULL stays a null QString, as through the Qt driver
        if (sqlite3_column_type(m_stmt, column) == SQLITE_NULL)
            return null;
        return m_texts[size_t(column)].at(m_stmt, column);
    }
    m_text = m_query->value(column).toString();
    return m_text;
}

} // namespace billing
