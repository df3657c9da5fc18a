// Arbitrary catalog files must load or be refused with a BadData error naming the entry.
#include "catalog/catalog.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    auto c = billing::Catalog::fromJson(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!c) {
        if (c.error().code != billing::ErrorCode::BadData || c.error().message.isEmpty())
            __builtin_trap();
        return 0;
    }
    // A loaded catalog prices every package of every API.
    for (const auto &api : c->apis())
        for (const QString &sku : c->skuIds())
            (void)c->packagePrice(api.id, sku, 0);
    return 0;
}
