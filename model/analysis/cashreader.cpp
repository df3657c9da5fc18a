#include "analysis/cashreader.h"

#include "analysis/costanalysis.h"
#include "engine/engine.h"
#include "storage/readtuning.h"

namespace billing {

Result<Money> readCashTotal(const QString &location, const Clock &clock, Instant from, Instant to)
{
    auto engine = Engine::open(location, clock);
    if (!engine)
        return engine.error();
    // Best effort: unmapped, the sum is the same, only slower.
    (void)mapForReading((*engine)->database());
    auto ctx = (*engine)->inspect();
    if (!ctx)
        return ctx.error();
    return cashTotal(**ctx, from, to);
}

} // namespace billing
