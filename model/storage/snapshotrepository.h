#pragma once

#include "core/result.h"
#include "time/instant.h"

#include <optional>

namespace billing {

class Database;

// A few facts about a whole database, for the preview of a backup before it is restored.
struct SnapshotFacts
{
    qint64 records = 0;
    std::optional<Instant> lastRecordAt;
    int members = 0;
};

class SnapshotRepository
{
public:
    explicit SnapshotRepository(Database &db) : m_db(db) {}
    Result<SnapshotFacts> facts();

private:
    Database &m_db;
};

} // namespace billing
