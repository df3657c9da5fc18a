#pragma once

// A call log given as CSV text, imported into a test account and caught up, as billingctl import-calls does.
#include "engine/importer.h"
#include "testaccount.h"

#include <QBuffer>

namespace billing::test {

inline Status importCsv(TestAccount &acc, QByteArray csv)
{
    QBuffer buf(&csv);
    buf.open(QIODevice::ReadOnly);
    auto r = acc.engine->runThenCatchUp([&](Context &c) {
        return importCalls(c, buf, ImportOptions{QStringLiteral("t"), false});
    });
    return r ? Status() : Status(r.error());
}

} // namespace billing::test
