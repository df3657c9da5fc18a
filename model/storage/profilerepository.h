#pragma once

#include "core/result.h"
#include "time/instant.h"

#include <QString>

#include <optional>
#include <vector>

namespace billing {

class Database;

// A column profile as stored: its kind and name (unique together) and its JSON definition, which the
// mapping module reads (model/mapping/columnprofile.h).
struct StoredProfile
{
    QString kind;
    QString name;
    QString definition;
    Instant savedAt = 0;
};

class ProfileRepository
{
public:
    explicit ProfileRepository(Database &db) : m_db(db) {}

    // The profiles of a kind, by name.
    Result<std::vector<StoredProfile>> all(const QString &kind);
    Result<std::optional<StoredProfile>> byName(const QString &kind, const QString &name);
    // Adds the profile, or replaces the one of the same kind and name.
    Status put(const StoredProfile &profile);
    Status remove(const QString &kind, const QString &name);

private:
    Database &m_db;
};

} // namespace billing
