#pragma once

#include "auth/role.h"
#include "core/result.h"
#include "domain/member.h"

#include <vector>

namespace billing {

struct Context;

// Managing who is a member of the account (Permission::ManageMembers: owners). Rules, so that an
// account never locks its owners out by mistake:
// - the first member must be the acting user, as owner (until then everyone is owner);
// - the last owner cannot be demoted or removed while other members remain;
// - removing the last member makes the account single-user again.
// Every change is written to the audit log.
Status setMember(Context &ctx, const QString &name, Role role);
Status removeMember(Context &ctx, const QString &name);
Result<std::vector<Member>> members(Context &ctx);

// A member name: 1–64 characters, no spaces or control characters (it is a login name).
Status validateMemberName(const QString &name);

} // namespace billing
