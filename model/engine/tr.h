#pragma once

// The one translation context of model/engine/ (lupdate reads it from Q_DECLARE_TR_FUNCTIONS;
// a free tr() would be filed under the namespace).
#include <QCoreApplication>

namespace billing {

struct EngineTr
{
    Q_DECLARE_TR_FUNCTIONS(billing::engine)
};

} // namespace billing
