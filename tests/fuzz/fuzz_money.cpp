// Money::parse must accept exactly the exact decimals it can represent, and print them back unchanged.
#include "money/money.h"

#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    auto m = billing::Money::parse(text);
    if (!m) {
        if (m.error().message.isEmpty())
            __builtin_trap();
        return 0;
    }
    // Round trip: the printed form parses to the same amount.
    auto again = billing::Money::parse(m->toString(8));
    if (!again || *again != *m)
        __builtin_trap();
    if (m->truncatedToCents() + m->centRemainder() != *m)
        __builtin_trap();
    return 0;
}
