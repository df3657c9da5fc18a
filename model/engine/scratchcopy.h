#pragma once

// Scratch copies of an account (issue #16): the scenario planner and the guard dry run run the billing
// engine on a SQLite copy nobody else sees, never on the account itself.
#include "core/result.h"

#include <QString>

namespace billing {

class Database;
class Engine;

// A SQLite copy of the account at `path`: SQLite's online backup, or for a PostgreSQL account (or a
// member without the backup permission) its tables copied row by row into a new SQLite database of the
// same schema version. The account is only read.
Status scratchCopy(Database &account, const QString &path, const QString &actor);

// The commands and imports on a copy are the account's own doings on a copy nobody else sees: whoever
// runs the planner or the dry run (an analyst may), they run as an owner of the copy.
Status actAsOwner(Engine &copy);

// Imports a call-record file into the copy at its clock's now and catches up (a file of the header alone:
// only the catch-up). `name` is the import's name in the copy's history.
Status importInto(Engine &copy, const QByteArray &file, const QString &name);

} // namespace billing
