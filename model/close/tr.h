#pragma once

// The one translation context of model/close/ (lupdate reads it from Q_DECLARE_TR_FUNCTIONS).
#include <QCoreApplication>

namespace billing {

struct CloseTr
{
    Q_DECLARE_TR_FUNCTIONS(billing::Close)
};

} // namespace billing
