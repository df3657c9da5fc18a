#pragma once

#include "core/result.h"

#include <QString>

namespace billing {

// What went wrong with a statement, whichever API ran it (QSqlQuery, or SQLite's C API in RowWriter).
enum class SqlFault { Other, Damaged, Permission };

// The error a repository returns for a failed statement: one wording and one error code per fault.
// `doing` names the work ("storing hourly usage"), `why` is the database's own message.
Error sqlError(SqlFault fault, const QString &doing, const QString &why);

} // namespace billing
