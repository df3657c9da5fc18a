#pragma once

#include "core/result.h"
#include "domain/records.h"

#include <QStringList>

#include <functional>
#include <vector>

namespace billing {

class Database;

// The kinds of stored identifiers verify checks against the catalog and the program's own names.
enum class IdKind { Api, Region, Sku, RecordType, Mode, LedgerKind };

// A stored identifier outside its allowed set: where it is (table, the row's key, column) and what it holds.
struct StrayValue
{
    QString table;
    QString key;
    QString column;
    QString value;
};

// A tier row as stored, with the record it belongs to.
struct StoredTier
{
    qint64 recordId = 0;
    TierUse tier;
};

// Reads for `verify` that look at the database as stored rather than through the model's types.
class IntegrityRepository
{
public:
    explicit IntegrityRepository(Database &db) : m_db(db) {}

    // The database engine's own check of its pages and indexes. SQLite: PRAGMA integrity_check (the full
    // one). PostgreSQL has no such check built in: amcheck's bt_index_check on the account's B-tree
    // indexes when that extension is installed, else none. Each problem is one line as the engine says it.
    Result<QStringList> engineCheck();
    // Every stored value of each identifier column of `kind` that is not in `allowed` (NULL is allowed
    // where the column may be empty).
    Result<std::vector<StrayValue>> valuesOutside(IdKind kind, const QStringList &allowed);
    // Every tier row, by record and position.
    Status forEachTier(const std::function<void(const StoredTier &)> &fn);

private:
    Database &m_db;
};

} // namespace billing
