#include "time/clock.h"

#include <chrono>

namespace billing {

Instant SystemClock::now() const
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace billing
