#pragma once

#include "core/result.h"

#include <QStringList>

namespace billing {

struct Context;

// Checks every invariant of the stored account (billing-rules §3, §9) without changing anything.
// Each finding is one translated sentence naming the row; an empty list means all is well.
Result<QStringList> verifyAccount(Context &ctx);
// Only the audit log's hash chain (the console's audit page shows it as verified or broken).
QStringList verifyAuditChain(Context &ctx);

} // namespace billing
