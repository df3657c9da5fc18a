#pragma once

#include "time/instant.h"

namespace billing {

// The engine never reads the system clock itself; it asks a Clock (billing-rules §1).
class Clock
{
public:
    virtual ~Clock() = default;
    virtual Instant now() const = 0;
};

class SystemClock final : public Clock
{
public:
    Instant now() const override;
};

class FixedClock final : public Clock
{
public:
    explicit FixedClock(Instant t) : m_now(t) {}
    Instant now() const override { return m_now; }
    void set(Instant t) { m_now = t; }
    void advance(Instant by) { m_now += by; }

private:
    Instant m_now;
};

} // namespace billing
