#pragma once

#include "core/result.h"

#include <QStringList>

#include <map>

namespace billing {

class Database;

// Cost tags on enterprise projects (billing-rules §10): a project has any number of tags; a tag is a
// short label (no comma, no leading or trailing space). Used by cost analysis to group by tag.
class TagRepository
{
public:
    explicit TagRepository(Database &db) : m_db(db) {}

    // The tags of one project, sorted.
    Result<QStringList> tags(const QString &project);
    // Replaces the tags of a project (an empty list removes them all). Duplicates are merged.
    Status setTags(const QString &project, const QStringList &tags);
    // Every project that has tags → its tags, sorted.
    Result<std::map<QString, QStringList>> all();
    // Every distinct tag in use, sorted.
    Result<QStringList> allTags();

    // Checks a tag's text: 1–64 characters, no comma, no surrounding space, not "(…)" (reserved).
    static Status validate(const QString &tag);

private:
    Database &m_db;
};

} // namespace billing
