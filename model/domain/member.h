#pragma once

#include "auth/role.h"
#include "time/instant.h"

#include <QString>

namespace billing {

// A user of the account and their role (SQLite mode; schema step 5).
struct Member
{
    QString name;
    Role role = Role::Owner;
    Instant since = 0; // when the role was last set
};

} // namespace billing
