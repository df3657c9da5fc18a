#include "analysis/cashreader.h"

#include "analysis/costanalysis.h"
#include "engine/engine.h"
#include "storage/readtuning.h"

namespace billing {

Result<std::vector<Money>> readCashTotals(const QString &location, const Clock &clock,
                                          const std::vector<std::pair<Instant, Instant>> &ranges)
{
    auto engine = Engine::open(location, clock);
    if (!engine)
        return engine.error();
    // Best effort: unmapped, the sums are the same, only slower.
    (void)mapForReading((*engine)->database());
    auto ctx = (*engine)->inspect();
    if (!ctx)
        return ctx.error();
    std::vector<Money> out;
    out.reserve(ranges.size());
    for (const auto &[from, to] : ranges) {
        auto cash = cashTotal(**ctx, from, to);
        if (!cash)
            return cash.error();
        out.push_back(*cash);
    }
    return out;
}

} // namespace billing
