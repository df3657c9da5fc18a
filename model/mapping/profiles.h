#pragma once

// Column profiles as changes a person makes: saving and removing one needs the right to use what it
// reads (Permission::ImportCalls for call logs, Permission::CloseMonth for provider bills) and is
// written to the audit log. billingctl and the
// console go through these, never through the repository directly.
#include "core/result.h"
#include "mapping/columnprofile.h"

#include <vector>

namespace billing {

struct Context;

// The saved profiles of a kind, by name. A stored definition the catalog no longer accepts is an error.
Result<std::vector<ColumnProfile>> columnProfiles(Context &ctx, ProfileKind kind);
// One profile; an unknown name is bad usage (billingctl exit 2) with the names there are.
Result<ColumnProfile> columnProfile(Context &ctx, ProfileKind kind, const QString &name);
Result<bool> columnProfileExists(Context &ctx, ProfileKind kind, const QString &name);
// Saves a profile (checked with validateProfile). One of the same name is replaced only with replace;
// without it, saving is refused and nothing changes.
Status saveColumnProfile(Context &ctx, const ColumnProfile &profile, bool replace);
Status removeColumnProfile(Context &ctx, ProfileKind kind, const QString &name);

} // namespace billing
