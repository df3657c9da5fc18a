#include "storage/transaction.h"

#include "storage/costrollup.h"
#include "storage/database.h"
#include "storage/pgbulk.h"
#include "storage/sealrepository.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace billing {

Transaction::Transaction(Database &db) : m_db(db)
{
    m_db.rowSeal().reset();
    m_db.costRollup().reset();
    if (PgBulk *bulk = m_db.bulk())
        bulk->discard();
    for (const QString &sql : m_db.beginStatements()) {
        m_started = execStatement(m_db.connection(), sql);
        m_active = m_active || m_started.ok();
        if (!m_started.ok())
            break;
    }
    if (PgBulk *bulk = m_db.bulk(); bulk && m_started.ok())
        bulk->begin();
    if (!m_started.ok() && m_active)
        rollback();
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

Status Transaction::commit()
{
    if (!m_active)
        return Error::internal(
            QCoreApplication::translate("billing::Transaction", "no transaction to commit"));
    // Rows kept for PostgreSQL's COPY go out first: the seal and the commit come after them.
    if (PgBulk *bulk = m_db.bulk())
        if (Status sent = bulk->flush(); !sent) {
            rollback();
            return sent;
        }
    // The rollups of the records written commit with them (storage/costrollup.h).
    if (Status rolled = m_db.costRollup().flush(); !rolled) {
        rollback();
        return rolled;
    }
    // The seal of the rows written is part of what commits (billing-decisions.md, "Row seals").
    if (Status sealed = SealRepository(m_db).sealWritten(); !sealed) {
        rollback();
        return sealed;
    }
    m_active = false;
    Status s = execStatement(m_db.connection(), QStringLiteral("COMMIT"));
    if (PgBulk *bulk = m_db.bulk())
        bulk->discard(); // the next transaction reads the id sequences again
    if (!s.ok()) {
        rollback();
        return Error::internal(
            QCoreApplication::translate("billing::Transaction", "could not save the change: %1")
                .arg(s.error().message));
    }
    return {};
}

void Transaction::rollback()
{
    m_active = false;
    m_db.rowSeal().reset();
    m_db.costRollup().reset();
    if (PgBulk *bulk = m_db.bulk())
        bulk->discard();
    (void)execStatement(m_db.connection(), QStringLiteral("ROLLBACK"));
}

} // namespace billing
