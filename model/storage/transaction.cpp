#include "storage/transaction.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QSqlQuery>

namespace billing {

Transaction::Transaction(Database &db) : m_db(db)
{
    m_started = execStatement(m_db.connection(), m_db.beginStatement());
    m_active = m_started.ok();
}

Transaction::~Transaction()
{
    if (m_active)
        rollback();
}

Status Transaction::commit()
{
    if (!m_active)
        return Error::internal(QCoreApplication::translate("billing::Transaction", "no transaction to commit"));
    m_active = false;
    Status s = execStatement(m_db.connection(), QStringLiteral("COMMIT"));
    if (!s.ok()) {
        rollback();
        return Error::internal(
            QCoreApplication::translate("billing::Transaction", "could not save the change: %1").arg(s.error().message));
    }
    return {};
}

void Transaction::rollback()
{
    m_active = false;
    (void)execStatement(m_db.connection(), QStringLiteral("ROLLBACK"));
}

} // namespace billing
