#pragma once

// The one translation context of app/billingctl/ (lupdate reads it from Q_DECLARE_TR_FUNCTIONS;
// a free tr() would be filed under the namespace).
#include <QCoreApplication>

struct CliTr
{
    Q_DECLARE_TR_FUNCTIONS(billingctl)
};
