#pragma once

// The one translation context of model/usage/ (lupdate reads it from Q_DECLARE_TR_FUNCTIONS;
// a free tr() would be filed under the namespace).
#include <QCoreApplication>

namespace billing {

struct UsageTr
{
    Q_DECLARE_TR_FUNCTIONS(billing::usage)
};

} // namespace billing
