#pragma once

#include "core/result.h"

namespace billing {

struct Context;

// Processes everything due up to ctx.now in time order (billing-rules §1, §12.3).
Status catchUp(Context &ctx);

} // namespace billing
