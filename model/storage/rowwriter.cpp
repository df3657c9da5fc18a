#include "storage/rowwriter.h"

#include "storage/database.h"
#include "storage/faststatement.h"

#include <QCoreApplication>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

namespace billing {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::Database)
};
} // namespace

RowWriter::RowWriter(Database &db, const QString &sql, Returning returning)
    : m_stmt(db.fastStatement(sql, returning == Returning::Id))
{
}

RowWriter &RowWriter::bind(int i, qint64 v)
{
    if (m_stmt.stmt)
        sqlite3_bind_int64(m_stmt.stmt, i + 1, v);
    else
        m_stmt.query->bindValue(i, v);
    return *this;
}

RowWriter &RowWriter::bind(int i, const QString &v)
{
    if (m_stmt.stmt) {
        // Ids and names are short ASCII: converted on the stack, without an allocation per value.
        char ascii[64];
        const qsizetype n = v.size();
        bool plain = n <= qsizetype(sizeof ascii);
        for (qsizetype k = 0; plain && k < n; ++k) {
            const char16_t c = v.at(k).unicode();
            plain = c < 0x80;
            ascii[k] = char(c);
        }
        if (plain) {
            sqlite3_bind_text(m_stmt.stmt, i + 1, ascii, int(n), SQLITE_TRANSIENT);
        } else {
            const QByteArray utf8 = v.toUtf8();
            sqlite3_bind_text(m_stmt.stmt, i + 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        }
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
    if (m_stmt.stmt)
        sqlite3_bind_null(m_stmt.stmt, i + 1);
    else
        m_stmt.query->bindValue(i, QVariant());
    return *this;
}

Status RowWriter::exec(const char *what)
{
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
    const QString why = QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_stmt.stmt)));
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
        return Error::badData(Tr::tr("the database is damaged (%1): %2").arg(QLatin1String(what), why));
    return Error::internal(Tr::tr("database error while %1: %2").arg(QLatin1String(what), why));
}

qint64 RowWriter::lastInsertId() const
{
    if (m_stmt.stmt)
        return sqlite3_last_insert_rowid(sqlite3_db_handle(m_stmt.stmt));
    return m_stmt.lastId;
}

} // namespace billing
