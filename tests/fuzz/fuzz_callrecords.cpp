// Feeds arbitrary bytes to the call-record reader: it must return records or a BadData error, never
// crash, hang or read out of bounds.
#include "catalog/catalog.h"
#include "usage/callrecordreader.h"

#include <QBuffer>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const billing::Catalog catalog = billing::Catalog::builtIn().value();
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    billing::CallRecordReader reader(buffer, catalog);
    billing::CallRecord record;
    for (int i = 0; i < 100000; ++i) {
        auto more = reader.next(record);
        if (!more) {
            if (more.error().code != billing::ErrorCode::BadData || more.error().message.isEmpty())
                __builtin_trap();
            break;
        }
        if (!*more)
            break;
        if (record.api < 0 || record.region < 0 || record.count < 1 || record.status < 100 ||
            record.status > 599)
            __builtin_trap();
    }
    return 0;
}
