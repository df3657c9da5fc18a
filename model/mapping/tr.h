#pragma once

// The one translation context of model/mapping/ (lupdate reads it from Q_DECLARE_TR_FUNCTIONS;
// a free tr() would be filed under the namespace).
#include <QCoreApplication>

namespace billing {

struct MappingTr
{
    Q_DECLARE_TR_FUNCTIONS(billing::mapping)
};

} // namespace billing
