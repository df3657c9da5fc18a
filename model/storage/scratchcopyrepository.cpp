#include "storage/scratchcopyrepository.h"

#include "storage/database.h"
#include "storage/tr.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

namespace billing {

namespace {

// The tables of the (SQLite) target and their columns, in the target's schema.
Result<std::vector<std::pair<QString, QStringList>>> tablesOf(Database &to)
{
    QSqlQuery q(to.connection());
    q.prepare(
        QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                       "ORDER BY name"));
    if (Status s = execQuery(q, "listing the tables"); !s)
        return s.error();
    std::vector<std::pair<QString, QStringList>> out;
    while (q.next())
        out.push_back({q.value(0).toString(), {}});
    for (auto &[table, columns] : out) {
        QSqlQuery c(to.connection());
        c.prepare(QStringLiteral("SELECT name FROM pragma_table_info(?) ORDER BY cid"));
        c.addBindValue(table);
        if (Status s = execQuery(c, "listing the columns"); !s)
            return s.error();
        while (c.next())
            columns << c.value(0).toString();
    }
    return out;
}
} // namespace

Status ScratchCopyRepository::copyAll(const std::function<bool(int, int)> &progress)
{
    if (m_to.isPostgres())
        return Error::internal(StorageTr::tr("a scratch copy is a SQLite database"));
    auto tables = tablesOf(m_to);
    if (!tables)
        return tables.error();
    QSqlDatabase &from = m_from.connection();
    QSqlDatabase &to = m_to.connection();
    const bool pg = m_from.isPostgres();
    if (Status s = execStatement(from, pg ? QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                                          : QStringLiteral("BEGIN"));
        !s)
        return s;
    Status result;
    if (result = execStatement(to, QStringLiteral("BEGIN IMMEDIATE")); result)
        // Tables are copied in name order: references are checked once, when the copy commits.
        result = execStatement(to, QStringLiteral("PRAGMA defer_foreign_keys = ON"));
    if (result) {
        int done = 0;
        for (const auto &[table, columns] : *tables) {
            if (progress && !progress(done++, int(tables->size()))) {
                result = Error::refused(StorageTr::tr("the copy was cancelled"));
                break;
            }
            // The target was created empty except for what its creation wrote (the schema version).
            if (result = execStatement(to, QStringLiteral("DELETE FROM ") + table); !result)
                break;
            QSqlQuery read(from);
            read.setForwardOnly(true);
            read.prepare(QStringLiteral("SELECT ") + columns.join(u',') + QStringLiteral(" FROM ") + table);
            if (result = execQuery(read, "reading a table for the scratch copy"); !result)
                break;
            QSqlQuery write(to);
            QStringList marks;
            for (qsizetype i = 0; i < columns.size(); ++i)
                marks << QStringLiteral("?");
            write.prepare(QStringLiteral("INSERT INTO ") + table + u'(' + columns.join(u',') +
                          QStringLiteral(") VALUES (") + marks.join(u',') + u')');
            while (read.next()) {
                for (int i = 0; i < columns.size(); ++i)
                    write.bindValue(i, read.value(i));
                if (result = execQuery(write, "writing the scratch copy"); !result)
                    break;
            }
            if (!result)
                break;
        }
    }
    if (result)
        result = execStatement(to, QStringLiteral("COMMIT"));
    else [[maybe_unused]]
        const Status undone = execStatement(to, QStringLiteral("ROLLBACK"));
    [[maybe_unused]] const Status ended = execStatement(from, QStringLiteral("ROLLBACK")); // read only
    return result;
}

} // namespace billing
