#pragma once

#include "core/result.h"
#include "time/instant.h"

#include <memory>

namespace billing {

struct Context;

// Processes everything due up to ctx.now in time order (billing-rules §1, §12.3). Continues the catch-up
// an import began while it read (ctx.catchUpInProgress), if there is one.
Status catchUp(Context &ctx);

// A catch-up that may run in steps: advance(until) processes every event due up to `until` (≤ ctx.now)
// exactly as one catch-up to ctx.now would, provided the calls of every hour that ends by `until` are
// already pending. An import of a file sorted by time settles finished hours this way while it still
// reads later lines (performance.md P1); finish() does the rest. The result is the same as catchUp().
class CatchUp
{
public:
    explicit CatchUp(Context &ctx);
    ~CatchUp();
    CatchUp(const CatchUp &) = delete;
    CatchUp &operator=(const CatchUp &) = delete;

    Status advance(Instant until);
    // Everything due up to ctx.now, then the tier counters and the anomalies of the days that ended.
    Status finish();

private:
    struct Run;
    Status start();

    Context &m_ctx;
    std::unique_ptr<Run> m_run;
    bool m_started = false;
    bool m_nothingDue = false;
};

} // namespace billing
