#pragma once

// The one translation context of model/auth/ (lupdate reads it from Q_DECLARE_TR_FUNCTIONS;
// a free tr() would be filed under the namespace).
#include <QCoreApplication>

namespace billing {

struct AuthTr
{
    Q_DECLARE_TR_FUNCTIONS(billing::auth)
};

} // namespace billing
