#pragma once

// The one translation context of model/storage/ (lupdate reads it from Q_DECLARE_TR_FUNCTIONS;
// a free tr() would be filed under the namespace).
#include <QCoreApplication>

namespace billing {

struct StorageTr
{
    Q_DECLARE_TR_FUNCTIONS(billing::storage)
};

} // namespace billing
