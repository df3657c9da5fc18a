#pragma once

#include "core/result.h"

namespace billing {

class Database;

// A scoped write transaction: it rolls back unless commit() succeeded (KMyMoney's
// MyMoneyFileTransaction idea). Every command runs its catch-up and its change inside one.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    const Status &started() const { return m_started; }
    Status commit();
    void rollback();

private:
    Database &m_db;
    Status m_started;
    bool m_active = false;
};

} // namespace billing
